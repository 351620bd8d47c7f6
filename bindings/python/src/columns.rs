//! One table of the core's `Tables` as Python columns (`{name: [cell, ...]}`),
//! for `pandas.DataFrame`: no dict per row, and a text that repeats down a
//! column (an entry, a unit's name, a sex) is one Python string shared by
//! every row, not a copy per row.
//!
//! Generic over serde: the table is picked by its field name in the core's
//! serde form and each row's fields become columns in the order serde gives
//! them, so no column list is written here. A cell is a scalar (text, a
//! number, a bool, None); a field of any other shape crosses as plain
//! Python data through `pythonize`.

use std::collections::HashMap;
use std::fmt::Display;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

/// Past this many distinct texts in one column, new ones are not shared (a
/// column of free text must not grow a table of its own).
const SHARED_TEXTS: usize = 100_000;

/// The table named `name` of `tables` (a struct of lists of rows) as columns,
/// or None when the struct has no such field.
pub fn table<'py, T: Serialize>(py: Python<'py>, tables: &T, name: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
    let mut pick = Pick { py, name, found: None };
    tables.serialize(&mut pick).map_err(Error::into_py)?;
    pick.found.map(|columns| finish(py, columns)).transpose()
}

/// A list of rows (serialized as a sequence of structs) as columns, as
/// [`table`] gives one table: for a table the core makes row by row.
pub fn rows<'py, T: Serialize>(py: Python<'py>, rows: &T) -> PyResult<Bound<'py, PyDict>> {
    let mut columns = Columns::new(py);
    rows.serialize(Rows { columns: &mut columns }).map_err(Error::into_py)?;
    finish(py, columns)
}

/// The columns as a dict, in the rows' field order.
fn finish<'py>(py: Python<'py>, columns: Columns<'py>) -> PyResult<Bound<'py, PyDict>> {
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
    let mut cells: Vec<Option<Vec<Bound<'py, PyAny>>>> = columns.cells.into_iter().map(Some).collect();
    let out = PyDict::new(py);
    for i in order {
        if let (Some(name), Some(column)) = (columns.names.get(i), cells.get_mut(i).and_then(Option::take)) {
            out.set_item(name, PyList::new(py, column)?)?;
        }
    }
    Ok(out)
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
    cells: Vec<Vec<Bound<'py, PyAny>>>,
    shared: Vec<HashMap<String, Bound<'py, PyString>>>,
    rows: usize,
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
            shared: Vec::new(),
            rows: 0,
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
        let none = self.py.None().into_bound(self.py);
        self.cells.push(vec![none; self.rows]);
        self.shared.push(HashMap::new());
        self.names.len() - 1
    }

    fn end_row(&mut self) {
        self.rows += 1;
        self.last = None;
        self.guess = 0;
        let none = self.py.None().into_bound(self.py);
        for column in &mut self.cells {
            if column.len() < self.rows {
                column.push(none.clone());
            }
        }
    }

    fn cell<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        let py = self.py;
        let made = self.find(name);
        let mut fresh = HashMap::new();
        let shared = match made.and_then(|i| self.shared.get_mut(i)) {
            Some(shared) => shared,
            None => &mut fresh,
        };
        let cell = match value.serialize(Cell { py, shared }) {
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
                pythonize::pythonize(py, value).map_err(PyErr::from)?
            }
            Err(e) => return Err(e),
        };
        let i = self.column(name);
        if made.is_none() {
            if let Some(shared) = self.shared.get_mut(i) {
                *shared = fresh;
            }
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
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
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

/// One cell: a scalar as a Python object; anything else is refused (with
/// `Error::Custom`), for the caller to convert whole.
struct Cell<'s, 'py> {
    py: Python<'py>,
    shared: &'s mut HashMap<String, Bound<'py, PyString>>,
}

impl<'s, 'py> Cell<'s, 'py> {
    fn text(self, s: &str) -> Result<Bound<'py, PyAny>, Error> {
        if let Some(shared) = self.shared.get(s) {
            return Ok(shared.clone().into_any());
        }
        let text = PyString::new(self.py, s);
        if self.shared.len() < SHARED_TEXTS {
            self.shared.insert(s.to_string(), text.clone());
        }
        Ok(text.into_any())
    }
}

impl<'s, 'py> Serializer for Cell<'s, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTuple = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleStruct = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleVariant = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeMap = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStruct = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStructVariant = Impossible<Bound<'py, PyAny>, Error>;

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
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        Ok(v.into_pyobject(self.py).map(Bound::into_any).unwrap_or_else(|never| match never {}))
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        Ok(v.into_pyobject(self.py).map(Bound::into_any).unwrap_or_else(|never| match never {}))
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        Ok(pyo3::types::PyFloat::new(self.py, v).into_any())
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Error> {
        unexpected("bytes")
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
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
