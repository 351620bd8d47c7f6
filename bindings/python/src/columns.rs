//! One table of the core's `Tables` as Python columns (`{name: [cell, ...]}`),
//! for `pandas.DataFrame`: no dict per row, and a text that repeats down a
//! column (an entry, a unit's name, a sex) is one Python string shared by
//! every row, not a copy per row. Or as Arrow buffers (`Shape::Arrow`), for
//! `to_pandas` with pyarrow: a column of texts, whole numbers, numbers or
//! true/false crosses as a few `bytes`, not a Python object per cell.
//!
//! Generic over serde: the table is picked by its field name in the core's
//! serde form and each row's fields become columns in the order serde gives
//! them, so no column list is written here. A cell is a scalar (text, a
//! number, a bool, None); a field of any other shape crosses as plain
//! Python data through `pythonize`.

use std::collections::HashMap;
use std::fmt::Display;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

/// What a table's columns cross as.
#[derive(Clone, Copy)]
pub enum Shape {
    /// `{name: [cell, ...]}`.
    Lists,
    /// `{name: column}`, a column being a list as in `Lists` where its cells
    /// are of mixed kinds or all empty, else a tuple `(kind, length,
    /// null_count, validity, values, data)`: `kind` "text" (`values` the
    /// 64-bit offsets, `data` the UTF-8 bytes: Arrow's `large_string`),
    /// "int" (64-bit), "float" (64-bit), "bool" (bits); `validity` None or
    /// Arrow's bitmap (bit set: a value); all little-endian, as Arrow lays
    /// them out, for `pyarrow.Array.from_buffers`.
    Arrow,
}

/// The table named `name` of `tables` (a struct of lists of rows) as columns,
/// or None when the struct has no such field.
pub fn table<'py, T: Serialize>(
    py: Python<'py>,
    tables: &T,
    name: &str,
    shape: Shape,
) -> PyResult<Option<Bound<'py, PyDict>>> {
    let mut pick = Pick { py, name, found: None };
    tables.serialize(&mut pick).map_err(Error::into_py)?;
    pick.found.map(|columns| finish(py, columns, shape)).transpose()
}

/// A list of rows (serialized as a sequence of structs) as columns, as
/// [`table`] gives one table: for a table the core makes row by row.
pub fn rows<'py, T: Serialize>(py: Python<'py>, rows: &T, shape: Shape) -> PyResult<Bound<'py, PyDict>> {
    let mut columns = Columns::new(py);
    rows.serialize(Rows { columns: &mut columns }).map_err(Error::into_py)?;
    finish(py, columns, shape)
}

/// The columns as a dict, in the rows' field order.
fn finish<'py>(py: Python<'py>, columns: Columns<'py>, shape: Shape) -> PyResult<Bound<'py, PyDict>> {
    // Columns from a map (a figure's cell: one per dimension) go where the
    // map's field is, after the column before it, as in the CSV.
    let mut order: Vec<usize> = Vec::new();
    for (i, name) in columns.names.iter().enumerate() {
        if columns.anchors.contains_key(name) {
            continue;
        }
        order.push(i);
        let mut spliced: Vec<usize> = (0..columns.names.len())
            .filter(|j| columns.names.get(*j).and_then(|n| columns.anchors.get(n)) == Some(name))
            .collect();
        spliced.sort_by_key(|j| columns.names.get(*j));
        order.extend(spliced);
    }
    let mut cells: Vec<Option<Held<'py>>> = columns.cells.into_iter().map(Some).collect();
    let mut texts: Vec<Option<Texts>> = columns.texts.into_iter().map(Some).collect();
    let out = PyDict::new(py);
    for i in order {
        let (Some(name), Some(column), Some(texts)) =
            (columns.names.get(i), cells.get_mut(i).and_then(Option::take), texts.get_mut(i).and_then(Option::take))
        else {
            continue;
        };
        match shape {
            Shape::Arrow => match arrow(py, &column, &texts)? {
                Some(buffers) => out.set_item(name, buffers)?,
                None => out.set_item(name, list(py, column, &texts)?)?,
            },
            Shape::Lists => out.set_item(name, list(py, column, &texts)?)?,
        }
    }
    Ok(out)
}

/// A column as a list of Python values, each distinct text one string.
fn list<'py>(py: Python<'py>, column: Held<'py>, texts: &Texts) -> PyResult<Bound<'py, PyList>> {
    let strings: Vec<Bound<'py, PyString>> = texts.list.iter().map(|t| PyString::new(py, t)).collect();
    let none = py.None().into_bound(py);
    let cells = column.iter().map(|cell| -> PyResult<Bound<'py, PyAny>> {
        Ok(match cell {
            Scalar::Null => none.clone(),
            Scalar::Bool(b) => pyo3::types::PyBool::new(py, b).to_owned().into_any(),
            Scalar::Int(n) => n.into_pyobject(py)?.into_any(),
            Scalar::UInt(n) => n.into_pyobject(py)?.into_any(),
            Scalar::Float(x) => pyo3::types::PyFloat::new(py, x).into_any(),
            Scalar::Text(t) => match strings.get(t as usize) {
                Some(s) => s.clone().into_any(),
                None => none.clone(),
            },
            Scalar::Object(o) => o,
        })
    });
    PyList::new(py, cells.collect::<PyResult<Vec<_>>>()?)
}

/// What a column holds, for Arrow: one kind of value (and empty cells).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Int,
    Float,
    Bool,
}

/// A column as Arrow buffers (see [`Shape::Arrow`]), or None when it is not
/// of one kind (texts with numbers, a large whole number, plain data) or has
/// no value at all: it then crosses as a list, for pandas to take as it takes
/// lists.
fn arrow<'py>(py: Python<'py>, column: &Held<'py>, texts: &Texts) -> PyResult<Option<Bound<'py, PyAny>>> {
    let mut kind: Option<Kind> = None;
    let mut nulls = 0usize;
    for cell in column.iter() {
        let this = match cell {
            Scalar::Null => {
                nulls += 1;
                continue;
            }
            Scalar::Text(_) => Kind::Text,
            Scalar::Int(_) => Kind::Int,
            Scalar::Float(_) => Kind::Float,
            Scalar::Bool(_) => Kind::Bool,
            Scalar::UInt(_) | Scalar::Object(_) => return Ok(None),
        };
        kind = match (kind, this) {
            (None, k) => Some(k),
            (Some(a), b) if a == b => Some(a),
            // Whole numbers and numbers: numbers, as pandas makes them.
            (Some(Kind::Int | Kind::Float), Kind::Int | Kind::Float) => Some(Kind::Float),
            _ => return Ok(None),
        };
    }
    let Some(kind) = kind else { return Ok(None) };
    let n = column.len();
    // Each buffer is written straight into the Python `bytes` that holds it
    // (a country's figures are 793,440 rows: no second copy of them).
    let bits = |on: &dyn Fn(&Scalar<'py>) -> bool| {
        PyBytes::new_with(py, n.div_ceil(8), |buf| {
            for (i, cell) in column.iter().enumerate() {
                if let (true, Some(byte)) = (on(&cell), buf.get_mut(i / 8)) {
                    *byte |= 1 << (i % 8);
                }
            }
            Ok(())
        })
    };
    let words = |word: &dyn Fn(&Scalar<'py>) -> [u8; 8]| {
        PyBytes::new_with(py, n * 8, |buf| {
            for (slot, cell) in buf.chunks_exact_mut(8).zip(column.iter()) {
                slot.copy_from_slice(&word(&cell));
            }
            Ok(())
        })
    };
    let text = |cell: &Scalar<'py>| match cell {
        Scalar::Text(t) => texts.list.get(*t as usize).map_or("", |t| &**t),
        _ => "",
    };
    let text_len = |cell: Scalar<'py>| text(&cell).len();
    let validity = if nulls > 0 { Some(bits(&|c| !matches!(c, Scalar::Null))?) } else { None };
    let (name, values, data) = match kind {
        Kind::Text => {
            let offsets = PyBytes::new_with(py, (n + 1) * 8, |buf| {
                let mut end = 0usize;
                let mut lengths = column.iter().map(text_len);
                for slot in buf.chunks_exact_mut(8) {
                    slot.copy_from_slice(&i64::try_from(end).unwrap_or(i64::MAX).to_le_bytes());
                    end += lengths.next().unwrap_or(0);
                }
                Ok(())
            })?;
            let size = column.iter().map(text_len).sum();
            let data = PyBytes::new_with(py, size, |buf| {
                let mut at = 0;
                for cell in column.iter() {
                    let t = text(&cell).as_bytes();
                    if let Some(slot) = buf.get_mut(at..at + t.len()) {
                        slot.copy_from_slice(t);
                    }
                    at += t.len();
                }
                Ok(())
            })?;
            ("text", offsets, Some(data))
        }
        Kind::Int => ("int", words(&|c| if let Scalar::Int(v) = c { v.to_le_bytes() } else { [0; 8] })?, None),
        Kind::Float => {
            #[allow(clippy::cast_precision_loss)] // as pandas turns whole numbers beside numbers into floats
            let float = |c: &Scalar<'py>| match c {
                Scalar::Float(v) => v.to_le_bytes(),
                Scalar::Int(v) => (*v as f64).to_le_bytes(),
                _ => [0; 8],
            };
            ("float", words(&float)?, None)
        }
        Kind::Bool => ("bool", bits(&|c| matches!(c, Scalar::Bool(true)))?, None),
    };
    let tuple = (name, n, nulls, validity, values, data);
    Ok(Some(tuple.into_pyobject(py)?.into_any()))
}

/// One cell as it is held until its table is complete: a scalar as Rust
/// data (a text by its place in the column's texts), anything else as the
/// Python data `pythonize` made of it.
#[derive(Clone)]
enum Scalar<'py> {
    Null,
    Bool(bool),
    Int(i64),
    /// Past `i64::MAX`.
    UInt(u64),
    Float(f64),
    Text(u32),
    Object(Bound<'py, PyAny>),
}

/// A column's cells until its table is complete: while they are all texts
/// or empty, each text's place in the column's texts (4 bytes a cell, where
/// a `Scalar` takes 16: a country's figures are 9.5 million cells, most of
/// them texts); from the first cell of another kind, every cell a `Scalar`.
enum Held<'py> {
    Texts(Vec<u32>),
    Scalars(Vec<Scalar<'py>>),
}

/// An empty cell in `Held::Texts`.
const NO_TEXT: u32 = u32::MAX;

impl<'py> Held<'py> {
    fn with_capacity(n: usize) -> Held<'py> {
        Held::Texts(Vec::with_capacity(n))
    }

    fn len(&self) -> usize {
        match self {
            Held::Texts(v) => v.len(),
            Held::Scalars(v) => v.len(),
        }
    }

    fn push(&mut self, cell: Scalar<'py>) {
        match (&mut *self, cell) {
            (Held::Texts(v), Scalar::Null) => v.push(NO_TEXT),
            (Held::Texts(v), Scalar::Text(t)) if t != NO_TEXT => v.push(t),
            (Held::Scalars(v), cell) => v.push(cell),
            (Held::Texts(v), cell) => {
                let mut all: Vec<Scalar<'py>> = Vec::with_capacity(v.capacity());
                all.extend(v.iter().map(|t| Held::text(*t)));
                all.push(cell);
                *self = Held::Scalars(all);
            }
        }
    }

    fn text(t: u32) -> Scalar<'py> {
        if t == NO_TEXT {
            Scalar::Null
        } else {
            Scalar::Text(t)
        }
    }

    /// The cells in order, as scalars.
    fn iter(&self) -> impl Iterator<Item = Scalar<'py>> + '_ {
        let (texts, scalars) = match self {
            Held::Texts(v) => (Some(v.iter().map(|t| Held::text(*t))), None),
            Held::Scalars(v) => (None, Some(v.iter().cloned())),
        };
        texts.into_iter().flatten().chain(scalars.into_iter().flatten())
    }
}

/// The distinct texts of a column, each kept once (shared by the list and
/// the index).
#[derive(Default)]
struct Texts {
    list: Vec<std::rc::Rc<str>>,
    index: HashMap<std::rc::Rc<str>, u32>,
    /// The last text placed: rows come sorted, so a column mostly repeats
    /// the text of the row before (a period, a unit, its name).
    last: Option<u32>,
}

impl Texts {
    fn place(&mut self, s: &str) -> Result<u32, Error> {
        if let Some(i) = self.last {
            if self.list.get(i as usize).is_some_and(|t| &**t == s) {
                return Ok(i);
            }
        }
        let i = self.find_or_add(s)?;
        self.last = Some(i);
        Ok(i)
    }

    fn find_or_add(&mut self, s: &str) -> Result<u32, Error> {
        if let Some(i) = self.index.get(s) {
            return Ok(*i);
        }
        let i = u32::try_from(self.list.len()).map_err(|_| Error::Custom("more than 2^32 texts in a column".into()))?;
        let text: std::rc::Rc<str> = s.into();
        self.list.push(std::rc::Rc::clone(&text));
        self.index.insert(text, i);
        Ok(i)
    }
}

#[derive(Debug)]
pub enum Error {
    Py(PyErr),
    Custom(String),
}

impl Error {
    fn into_py(self) -> PyErr {
        match self {
            Error::Py(e) => e,
            Error::Custom(m) => pyo3::exceptions::PyTypeError::new_err(m),
        }
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Py(e) => write!(f, "{e}"),
            Error::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error::Py(e)
    }
}

fn unexpected<T>(what: &str) -> Result<T, Error> {
    Err(Error::Custom(format!("a table is a struct of lists of rows, not {what}")))
}

/// Finds the field `name` of the tables struct and turns its rows into columns.
struct Pick<'a, 'py> {
    py: Python<'py>,
    name: &'a str,
    found: Option<Columns<'py>>,
}

/// Columns being filled, row by row.
struct Columns<'py> {
    py: Python<'py>,
    names: Vec<String>,
    cells: Vec<Held<'py>>,
    texts: Vec<Texts>,
    rows: usize,
    /// The rows the table says it has: each column is made that long at once.
    expected: usize,
    /// The last column a row filled, and for a column made from a map's
    /// key, the column it follows (its map field's place in the row).
    last: Option<usize>,
    anchors: HashMap<String, String>,
    /// Where the next cell's column likely is: rows give their fields in
    /// the same order, so a name is looked for among all columns only when
    /// it is not the one after the last (a country's figures are 12 million cells).
    guess: usize,
}

impl<'py> Columns<'py> {
    fn new(py: Python<'py>) -> Columns<'py> {
        Columns {
            py,
            names: Vec::new(),
            cells: Vec::new(),
            texts: Vec::new(),
            rows: 0,
            expected: 0,
            last: None,
            anchors: HashMap::new(),
            guess: 0,
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        match self.names.get(self.guess) {
            Some(n) if n == name => Some(self.guess),
            _ => self.names.iter().position(|n| n == name),
        }
    }

    fn column(&mut self, name: &str) -> usize {
        if let Some(i) = self.find(name) {
            return i;
        }
        self.names.push(name.to_string());
        // A column first seen late: None in the rows before.
        let mut cells = Held::with_capacity(self.expected.max(self.rows));
        for _ in 0..self.rows {
            cells.push(Scalar::Null);
        }
        self.cells.push(cells);
        self.texts.push(Texts::default());
        self.names.len() - 1
    }

    fn end_row(&mut self) {
        self.rows += 1;
        self.last = None;
        self.guess = 0;
        for column in &mut self.cells {
            if column.len() < self.rows {
                column.push(Scalar::Null);
            }
        }
    }

    fn cell<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        let py = self.py;
        let made = self.find(name);
        // A column not made yet gets its texts once its first cell is made
        // (a cell that is a map becomes columns of its own).
        let mut fresh = None;
        let texts = match made.and_then(|i| self.texts.get_mut(i)) {
            Some(texts) => texts,
            None => fresh.insert(Texts::default()),
        };
        let cell = match value.serialize(Cell { texts, py: std::marker::PhantomData }) {
            Ok(cell) => cell,
            Err(Error::Custom(_)) => {
                // A map of texts (a figure's cell of a breakdown, dimension →
                // code): a column per key, as the CSV has; anything else that
                // is not a scalar: plain Python data.
                if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) {
                    if map.values().all(serde_json::Value::is_string) {
                        let anchor = self.last;
                        let anchor_name = anchor.and_then(|i| self.names.get(i).cloned());
                        for (key, text) in &map {
                            if let Some(a) = &anchor_name {
                                self.anchors.entry(key.clone()).or_insert_with(|| a.clone());
                            }
                            self.cell(key, text)?;
                        }
                        self.last = anchor;
                        return Ok(());
                    }
                }
                Scalar::Object(pythonize::pythonize(py, value).map_err(PyErr::from)?)
            }
            Err(e) => return Err(e),
        };
        let i = self.column(name);
        if let (Some(fresh), Some(texts)) = (fresh, self.texts.get_mut(i)) {
            *texts = fresh;
        }
        let Some(column) = self.cells.get_mut(i) else {
            return unexpected("a column that was not made");
        };
        column.push(cell);
        self.last = Some(i);
        self.guess = i + 1;
        Ok(())
    }
}

impl<'a, 'py> Serializer for &'a mut Pick<'_, 'py> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_char(self, _: char) -> Result<Self::Ok, Error> {
        unexpected("text")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        unexpected("a bool")
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_str(self, _: &str) -> Result<(), Error> {
        unexpected("text")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unexpected("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        unexpected("nothing")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        unexpected("nothing")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        unexpected("nothing")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        unexpected("a name")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unexpected("a variant")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        unexpected("a list")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unexpected("a variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unexpected("a map")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unexpected("a variant")
    }
}

impl SerializeStruct for &mut Pick<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if key != self.name {
            return Ok(());
        }
        let mut columns = Columns::new(self.py);
        value.serialize(Rows { columns: &mut columns })?;
        self.found = Some(columns);
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// A list of rows.
struct Rows<'c, 'py> {
    columns: &'c mut Columns<'py>,
}

impl<'c, 'py> Serializer for Rows<'c, 'py> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_char(self, _: char) -> Result<Self::Ok, Error> {
        unexpected("text")
    }
    fn serialize_seq(self, rows: Option<usize>) -> Result<Self, Error> {
        self.columns.expected = rows.unwrap_or(0);
        Ok(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        unexpected("a bool")
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        unexpected("a number")
    }
    fn serialize_str(self, _: &str) -> Result<(), Error> {
        unexpected("text")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unexpected("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        unexpected("nothing")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        unexpected("nothing")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        unexpected("a name")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unexpected("a variant")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unexpected("a variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unexpected("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        unexpected("a row where a list of rows goes")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unexpected("a variant")
    }
}

impl SerializeSeq for Rows<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, row: &T) -> Result<(), Error> {
        row.serialize(Row { columns: &mut *self.columns, key: None })?;
        self.columns.end_row();
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One row: a struct, or a map (a struct with a flattened part).
struct Row<'c, 'py> {
    columns: &'c mut Columns<'py>,
    key: Option<String>,
}

impl<'c, 'py> Serializer for Row<'c, 'py> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_char(self, _: char) -> Result<Self::Ok, Error> {
        unexpected("text")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Error> {
        unexpected("a bool row")
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        unexpected("a number row")
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        unexpected("a number row")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        unexpected("a number row")
    }
    fn serialize_str(self, _: &str) -> Result<(), Error> {
        unexpected("a text row")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unexpected("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        unexpected("a name row")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unexpected("a variant row")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        unexpected("a list row")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unexpected("a tuple row")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unexpected("a tuple row")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unexpected("a variant row")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unexpected("a variant row")
    }
}

impl SerializeStruct for Row<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.columns.cell(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl SerializeMap for Row<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = serde_json::to_value(key).map_err(|e| Error::Custom(e.to_string()))?;
        self.key = Some(match key {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.columns.cell(&key, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One cell: a scalar; anything else is refused (with `Error::Custom`), for
/// the caller to convert whole.
struct Cell<'s, 'py> {
    texts: &'s mut Texts,
    py: std::marker::PhantomData<Scalar<'py>>,
}

impl<'py> Cell<'_, 'py> {
    fn text(self, s: &str) -> Result<Scalar<'py>, Error> {
        self.texts.place(s).map(Scalar::Text)
    }
}

impl<'py> Serializer for Cell<'_, 'py> {
    type Ok = Scalar<'py>;
    type Error = Error;
    type SerializeSeq = Impossible<Scalar<'py>, Error>;
    type SerializeTuple = Impossible<Scalar<'py>, Error>;
    type SerializeTupleStruct = Impossible<Scalar<'py>, Error>;
    type SerializeTupleVariant = Impossible<Scalar<'py>, Error>;
    type SerializeMap = Impossible<Scalar<'py>, Error>;
    type SerializeStruct = Impossible<Scalar<'py>, Error>;
    type SerializeStructVariant = Impossible<Scalar<'py>, Error>;

    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        Ok(Scalar::Bool(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        Ok(Scalar::Int(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        Ok(i64::try_from(v).map_or(Scalar::UInt(v), Scalar::Int))
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        Ok(Scalar::Float(v))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Error> {
        unexpected("bytes")
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(Scalar::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Ok(Scalar::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Error> {
        Ok(Scalar::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Self::Ok, Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        unexpected("a variant")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        unexpected("a list")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unexpected("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unexpected("a variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unexpected("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        unexpected("a struct")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unexpected("a variant")
    }
}
