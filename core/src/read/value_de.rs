//! Typed reading from a parsed JSON value, with the JSON Pointer of the first
//! problem.
//!
//! serde_path_to_error does this for any deserializer by wrapping every
//! visitor, which multiplies the code of every type it reads (the
//! WebAssembly module felt it most). The input here is always an already
//! parsed `serde_json::Value`, so one small deserializer over `&Value` that
//! knows its own place in the tree does the same job with one copy of each
//! type's code. Error wording is serde's own (`invalid type: ...`,
//! `missing field ...`), which the reader turns into messages.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::Value;

use crate::finding::pointer;

/// Where a value sits: a chain of segments up to the base pointer, turned
/// into a JSON Pointer only when an error needs one (reading every value of
/// a country's reports must not build a string for each).
#[derive(Clone, Copy)]
enum Path<'p> {
    Base(&'p str),
    Index(&'p Path<'p>, usize),
    Key(&'p Path<'p>, &'p str),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Base(b) => (*b).to_string(),
            Path::Index(up, i) => pointer(&up.render(), i),
            Path::Key(up, k) => pointer(&up.render(), k),
        }
    }
}

/// A reading error and the pointer of the value where it arose.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    /// `None` until the error leaves the value it arose in.
    pub path: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { message: msg.to_string(), path: None }
    }
}

/// Reads a `T` from `value`; on failure, the message and the pointer (under `base`).
pub fn from_value<'a, T: de::Deserialize<'a>>(value: &'a Value, base: &str) -> Result<T, Error> {
    T::deserialize(ValueDe { value, path: Path::Base(base) }).map_err(|e| at(e, &Path::Base(base)))
}

/// Gives an error the place it left, if it has none yet: the innermost place wins.
fn at(mut e: Error, path: &Path) -> Error {
    if e.path.is_none() {
        e.path = Some(path.render());
    }
    e
}

struct ValueDe<'a, 'p> {
    value: &'a Value,
    path: Path<'p>,
}

impl<'de> de::Deserializer<'de> for ValueDe<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq { items: items.iter(), index: 0, path: self.path }),
            Value::Object(map) => visitor.visit_map(MapIn { iter: map.iter(), value: None, path: self.path }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            // Unit variants: `"six_month"`.
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => Err(de::Error::invalid_type(unexpected(other), &"a string naming a variant")),
        }
    }

    // A struct only from an object. serde would also fill one from an array,
    // by position (`"period": ["2024-01-01", "2024-06-30"]`, `"rules": []`),
    // which no person means and the JSON Schemas refuse.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => visitor.visit_map(MapIn { iter: map.iter(), value: None, path: self.path }),
            other => Err(not_an_object(other)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The error of anything but an object where a struct belongs: one
/// function, not one per struct (the WebAssembly module's size).
#[cold]
#[inline(never)]
fn not_an_object(v: &Value) -> Error {
    de::Error::invalid_type(unexpected(v), &"object")
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Seq<'a, 'p> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    path: Path<'p>,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let path = Path::Index(&self.path, self.index);
        self.index = self.index.saturating_add(1);
        seed.deserialize(ValueDe { value, path }).map(Some).map_err(|e| at(e, &path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapIn<'a, 'p> {
    iter: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
    path: Path<'p>,
}

impl<'de> de::MapAccess<'de> for MapIn<'de, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((k, v)) = self.iter.next() else { return Ok(None) };
        self.value = Some((k, v));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(k)).map(Some).map_err(|e: de::value::Error| Error {
            message: e.to_string(),
            path: Some(Path::Key(&self.path, k).render()),
        })
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((k, value)) = self.value.take() else {
            return Err(de::Error::custom("a value without its key"));
        };
        let path = Path::Key(&self.path, k);
        seed.deserialize(ValueDe { value, path }).map_err(|e| at(e, &path))
    }
}
