//! JSON Schemas (draft 2020-12), generated from the Rust types.
//!
//! The files in `schemas/` are these, checked in; a test fails when they
//! drift. Regenerate with `cargo run -- schema --write schemas`.

use schemars::{generate::SchemaSettings, JsonSchema};

use crate::catalog::Catalog;
use crate::finding::Finding;
use crate::model::{Plan, Report};

/// The names of the schemas binhdang publishes, each `schemas/<name>.schema.json`.
pub const NAMES: &[&str] = &["plan", "report", "catalog", "finding", "summary", "tables", "limits"];

fn generate<T: JsonSchema>(id: &str) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("$id".into(), format!("https://binhdang.vn/schemas/{id}.schema.json").into());
    schema.to_value()
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
        _ => return None,
    })
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
        _ => return None,
    })
}

/// The schema as the checked-in file holds it: pretty JSON with a final newline.
pub fn schema_text(name: &str) -> Option<String> {
    schema(name).and_then(|v| serde_json::to_string_pretty(&v).ok()).map(|s| s + "\n")
}
