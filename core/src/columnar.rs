//! The tidy tables as columns, and as Parquet files for a warehouse
//! (DuckDB, Spark, pandas): one file per table, the same rows and columns as
//! the CSV and the DataFrame. Behind the `parquet` feature (the CLI and
//! Python). See docs/exchange.md.

use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde_json::Value;

use crate::output::Tables;

/// The tables a summary has, by the names the CLI and Python use.
pub const TABLES: [&str; 6] = ["figures", "completeness", "progress", "funding", "activities", "outputs"];

/// One table as named columns in row order. A field that is an object (a
/// figure's breakdown cell, dimension → option) becomes a column per key,
/// where the field is, keys in name order (as in the CSV and the
/// DataFrame); any other field that is not a scalar is its JSON text. None
/// for a name that is not a table.
pub fn columns(tables: &Tables, name: &str) -> Option<Vec<(String, Vec<Value>)>> {
    // Through text, so that each row keeps its fields in the order the
    // struct declares them (a JSON value's map here is sorted by name).
    let text = serde_json::to_string(tables).ok()?;
    let mut all: std::collections::BTreeMap<String, Vec<Ordered>> = serde_json::from_str(&text).ok()?;
    let rows: Vec<Vec<(String, Value)>> = all.remove(name)?.into_iter().map(|o| o.0).collect();
    if rows.is_empty() {
        return Some(empty_columns(name));
    }
    let get = |row: &[(String, Value)], k: &str| row.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    // The columns in the order fields first appear (a field first seen late
    // goes after the field it follows in its row); an object field's keys
    // take its place.
    let mut names: Vec<String> = Vec::new();
    let mut spread: Vec<(String, Vec<String>)> = Vec::new();
    for row in &rows {
        for (i, (k, v)) in row.iter().enumerate() {
            if let Value::Object(m) = v {
                match spread.iter_mut().find(|(f, _)| f == k) {
                    Some((_, keys)) => {
                        for x in m.keys() {
                            if !keys.contains(x) {
                                keys.push(x.clone());
                            }
                        }
                    }
                    None => spread.push((k.clone(), m.keys().cloned().collect())),
                }
            }
            if !names.contains(k) {
                let at = row
                    .iter()
                    .take(i)
                    .filter_map(|(x, _)| names.iter().position(|n| n == x))
                    .max()
                    .map_or(0, |p| p + 1);
                names.insert(at.min(names.len()), k.clone());
            }
        }
    }
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for n in &names {
        match spread.iter_mut().find(|(f, _)| f == n) {
            Some((_, keys)) => {
                keys.sort();
                for key in keys.iter() {
                    let cells = rows
                        .iter()
                        .map(|r| get(r, n).and_then(|m| m.get(key).cloned()).unwrap_or(Value::Null))
                        .collect();
                    out.push((key.clone(), cells));
                }
            }
            None => {
                let cells = rows
                    .iter()
                    .map(|r| match get(r, n) {
                        Some(v @ (Value::Array(_) | Value::Object(_))) => Value::String(v.to_string()),
                        Some(v) => v,
                        None => Value::Null,
                    })
                    .collect();
                out.push((n.clone(), cells));
            }
        }
    }
    Some(out)
}

/// The columns of a table with no rows, from its row type's schema (in name
/// order: no row says the struct's order), each empty. An object field (a
/// breakdown cell) has no columns: no row names a dimension.
fn empty_columns(name: &str) -> Vec<(String, Vec<Value>)> {
    let schema = crate::schema::published("tables").and_then(|t| serde_json::from_str::<Value>(t).ok());
    let Some(schema) = schema else { return Vec::new() };
    let resolve = |v: &Value| -> Value {
        match v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(def) => schema.get("$defs").and_then(|d| d.get(def)).cloned().unwrap_or(Value::Null),
            None => v.clone(),
        }
    };
    let items = schema.pointer(&format!("/properties/{name}/items")).cloned().unwrap_or(Value::Null);
    let row = resolve(&items);
    let Some(props) = row.get("properties").and_then(Value::as_object) else { return Vec::new() };
    props
        .iter()
        .filter(|(_, p)| resolve(p).get("type").and_then(Value::as_str) != Some("object"))
        .map(|(k, _)| (k.clone(), Vec::new()))
        .collect()
}

/// A JSON object with its fields in the order the text gives them.
struct Ordered(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Vec<(String, Value)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = m.next_entry::<String, Value>()? {
                    out.push(entry);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Fields).map(Ordered)
    }
}

/// What a column holds, from its values: whole numbers, numbers, true or
/// false, or text (anything else, and a column of nothing).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Double,
    Bool,
    Text,
}

fn kind(cells: &[Value]) -> Kind {
    let given: Vec<&Value> = cells.iter().filter(|v| !v.is_null()).collect();
    if given.is_empty() {
        Kind::Text
    } else if given.iter().all(|v| v.is_i64()) {
        Kind::Int
    } else if given.iter().all(|v| v.is_number()) {
        Kind::Double
    } else if given.iter().all(|v| v.is_boolean()) {
        Kind::Bool
    } else {
        Kind::Text
    }
}

/// One table as a Parquet file (uncompressed, one row group; every column
/// optional: an empty cell is a null). None for a name that is not a table.
pub fn parquet(tables: &Tables, name: &str) -> Option<Result<Vec<u8>, parquet::errors::ParquetError>> {
    let cols = columns(tables, name)?;
    Some(write(name, &cols))
}

fn write(name: &str, cols: &[(String, Vec<Value>)]) -> Result<Vec<u8>, parquet::errors::ParquetError> {
    let kinds: Vec<Kind> = cols.iter().map(|(_, c)| kind(c)).collect();
    let mut fields = Vec::new();
    for ((n, _), k) in cols.iter().zip(&kinds) {
        let (physical, logical) = match k {
            Kind::Int => (Physical::INT64, None),
            Kind::Double => (Physical::DOUBLE, None),
            Kind::Bool => (Physical::BOOLEAN, None),
            Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
        };
        fields.push(Arc::new(
            Type::primitive_type_builder(n, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()?,
        ));
    }
    let schema = Arc::new(Type::group_type_builder(name).with_fields(fields).build()?);
    let props =
        Arc::new(WriterProperties::builder().set_created_by(format!("binhdang {}", env!("CARGO_PKG_VERSION"))).build());
    let mut writer = SerializedFileWriter::new(Vec::new(), schema, props)?;
    let mut group = writer.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = group.next_column()? {
        let (Some((_, cells)), Some(k)) = (cols.get(i), kinds.get(i)) else { break };
        let levels: Vec<i16> = cells.iter().map(|v| i16::from(!v.is_null())).collect();
        let given = cells.iter().filter(|v| !v.is_null());
        match k {
            Kind::Int => {
                let v: Vec<i64> = given.filter_map(Value::as_i64).collect();
                col.typed::<Int64Type>().write_batch(&v, Some(&levels), None)?;
            }
            Kind::Double => {
                let v: Vec<f64> = given.filter_map(Value::as_f64).collect();
                col.typed::<DoubleType>().write_batch(&v, Some(&levels), None)?;
            }
            Kind::Bool => {
                let v: Vec<bool> = given.filter_map(Value::as_bool).collect();
                col.typed::<BoolType>().write_batch(&v, Some(&levels), None)?;
            }
            Kind::Text => {
                let v: Vec<ByteArray> = given
                    .map(|x| match x {
                        Value::String(s) => ByteArray::from(s.as_str()),
                        other => ByteArray::from(other.to_string().as_str()),
                    })
                    .collect();
                col.typed::<ByteArrayType>().write_batch(&v, Some(&levels), None)?;
            }
        }
        col.close()?;
        i += 1;
    }
    group.close()?;
    writer.into_inner()
}
