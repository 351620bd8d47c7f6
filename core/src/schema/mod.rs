//! JSON Schemas (draft 2020-12), generated from the Rust types.
//!
//! The files in `schemas/` are these, checked in; a test fails when they
//! drift. Regenerate with `cargo run -- schema --write schemas`.
//!
//! The schemas are a contract for systems that never call binhdang (a
//! portal's server, a ministry's pipeline), so what schemars writes is made
//! portable before it is published: only the formats the JSON Schema
//! specification defines (validators refuse or ignore the generator's own
//! `uint32`, `double`...), integer ranges as `minimum`/`maximum`, a versioned
//! `$id`, and an example on every object a person writes (see [`examples`]).

use schemars::{generate::SchemaSettings, JsonSchema};
use serde_json::{Map, Value};

use crate::catalog::Catalog;
use crate::finding::Finding;
use crate::model::{Plan, Report, MAX_COUNT};

mod examples;

/// The names of the schemas binhdang publishes, each `schemas/<name>.schema.json`.
pub const NAMES: &[&str] =
    &["plan", "report", "catalog", "finding", "summary", "tables", "limits", "events", "step", "transition", "replay"];

/// The contract's major version, part of every schema's `$id`. It changes
/// only when a document valid under the old schemas could be refused under
/// the new ones (a code or field removed, a field made required); adding an
/// optional field or a code keeps it (see the README, "Schemas and versions").
pub const MAJOR_VERSION: u32 = 1;

/// The `$id` of the schema called `name`.
pub fn id(name: &str) -> String {
    format!("https://binhdang.vn/schemas/v{MAJOR_VERSION}/{name}.schema.json")
}

/// The format vocabulary of JSON Schema 2020-12 (Validation, section 7.3).
/// Any other format is the generator's own: ajv refuses to compile a schema
/// that names one, and other validators silently ignore it.
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// The range of the integers a schemars format stands for, the same in
/// every runtime binhdang has. 64-bit integers stop at 2^53 − 1, as counts
/// do: past it a JavaScript number is no longer exact. `uint` (Rust's
/// `usize`: the limits, indexes) stops at 2^32 − 1, because `usize` is 32
/// bits in the WebAssembly build, which refuses anything larger.
fn integer_range(format: &str) -> Option<(i64, i64)> {
    let max = i64::try_from(MAX_COUNT).unwrap_or(i64::MAX);
    Some(match format {
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" | "uint" => (0, u32::MAX.into()),
        "uint64" | "uint128" => (0, max),
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int" | "int64" | "int128" => (-max, max),
        _ => return None,
    })
}

/// Keywords whose value is instance data, not a schema: a `format` inside
/// them is a field of an example, not a format.
const DATA_KEYWORDS: &[&str] = &["const", "enum", "default", "examples"];

/// Removes every format outside [`STANDARD_FORMATS`], writing an integer
/// format's range as `minimum`/`maximum` (the stricter bound where the
/// generator already wrote one).
fn standard_formats(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let own =
                map.get("format").and_then(Value::as_str).filter(|f| !STANDARD_FORMATS.contains(f)).map(str::to_owned);
            if let Some(format) = own {
                map.remove("format");
                if let Some((low, high)) = integer_range(&format) {
                    bound(map, "minimum", low, i64::max);
                    bound(map, "maximum", high, i64::min);
                }
            }
            for (key, v) in map.iter_mut() {
                if !DATA_KEYWORDS.contains(&key.as_str()) {
                    standard_formats(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(standard_formats),
        _ => {}
    }
}

/// Sets `key` to `limit`, or keeps the existing bound when `stricter` prefers it.
fn bound(map: &mut Map<String, Value>, key: &str, limit: i64, stricter: fn(i64, i64) -> i64) {
    let value = match map.get(key).and_then(Value::as_i64) {
        Some(existing) => stricter(existing, limit),
        None => limit,
    };
    map.insert(key.into(), value.into());
}

fn generate<T: JsonSchema>(name: &str) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    standard_formats(&mut schema);
    examples::add(name, &mut schema);
    if let Some(map) = schema.as_object_mut() {
        map.insert("$id".into(), id(name).into());
    }
    schema
}

/// The schema called `name`, or `None` for an unknown name.
pub fn schema(name: &str) -> Option<serde_json::Value> {
    Some(match name {
        "plan" => generate::<Plan>(name),
        "report" => generate::<Report>(name),
        "catalog" => generate::<Catalog>(name),
        "finding" => generate::<Finding>(name),
        "summary" => generate::<crate::aggregate::Summary>(name),
        "tables" => generate::<crate::output::Tables>(name),
        "limits" => generate::<crate::read::Limits>(name),
        "events" => generate::<crate::workflow::Events>(name),
        "step" => generate::<crate::workflow::Step>(name),
        "transition" => generate::<crate::workflow::Transition>(name),
        "replay" => generate::<crate::workflow::Replay>(name),
        _ => return None,
    })
}

/// The examples written into the schemas, as `(schema, JSON Pointer into
/// it, example)`; `*` stands for every schema that has the pointer. Tests
/// check each one against the subschema it describes.
pub fn examples() -> Vec<(&'static str, &'static str, Value)> {
    examples::all()
}

/// The published schema of `name`, as checked in under `schemas/` and
/// minified at build time (equal to what [`schema`] generates: a test holds
/// them together). Hosts that only hand schemas out (the WebAssembly module)
/// use this and leave the generator out of their build.
pub fn published(name: &str) -> Option<&'static str> {
    Some(match name {
        "plan" => include_str!(concat!(env!("OUT_DIR"), "/plan.schema.min.json")),
        "report" => include_str!(concat!(env!("OUT_DIR"), "/report.schema.min.json")),
        "catalog" => include_str!(concat!(env!("OUT_DIR"), "/catalog.schema.min.json")),
        "finding" => include_str!(concat!(env!("OUT_DIR"), "/finding.schema.min.json")),
        "summary" => include_str!(concat!(env!("OUT_DIR"), "/summary.schema.min.json")),
        "tables" => include_str!(concat!(env!("OUT_DIR"), "/tables.schema.min.json")),
        "limits" => include_str!(concat!(env!("OUT_DIR"), "/limits.schema.min.json")),
        "events" => include_str!(concat!(env!("OUT_DIR"), "/events.schema.min.json")),
        "step" => include_str!(concat!(env!("OUT_DIR"), "/step.schema.min.json")),
        "transition" => include_str!(concat!(env!("OUT_DIR"), "/transition.schema.min.json")),
        "replay" => include_str!(concat!(env!("OUT_DIR"), "/replay.schema.min.json")),
        _ => return None,
    })
}

/// The schema as the checked-in file holds it: pretty JSON with a final newline.
pub fn schema_text(name: &str) -> Option<String> {
    schema(name).and_then(|v| serde_json::to_string_pretty(&v).ok()).map(|s| s + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn own_formats_become_ranges() {
        let mut s = json!({
            "properties": {
                "a": { "type": "integer", "format": "uint32", "minimum": 0 },
                "b": { "type": ["integer", "null"], "format": "int32" },
                "c": { "type": "integer", "format": "uint64", "minimum": 1 },
                "d": { "type": "number", "format": "double" },
                "e": { "type": "string", "format": "date" },
                "f": { "const": { "format": "uint32" } }
            }
        });
        standard_formats(&mut s);
        assert_eq!(
            s,
            json!({
                "properties": {
                    "a": { "type": "integer", "minimum": 0, "maximum": 4_294_967_295_u64 },
                    "b": { "type": ["integer", "null"], "minimum": -2_147_483_648_i64, "maximum": 2_147_483_647 },
                    "c": { "type": "integer", "minimum": 1, "maximum": MAX_COUNT },
                    "d": { "type": "number" },
                    "e": { "type": "string", "format": "date" },
                    "f": { "const": { "format": "uint32" } }
                }
            })
        );
    }
}
