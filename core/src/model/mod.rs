//! The domain model: plans, units, indicators, reports.
//!
//! One set of types serves every runtime: they derive serde (the JSON form)
//! and schemars (the JSON Schema in `schemas/`), and their doc comments are
//! the schema's descriptions.
//!
//! Every struct a person writes keeps fields it does not know in `extra`,
//! so nothing the user gave is lost on a round trip; validation reports
//! them as `unknown_field` warnings.

mod dimension;
mod indicator;
mod plan;
mod primitives;
mod report;
mod unit;

pub use dimension::*;
pub use indicator::*;
pub use plan::*;
pub use primitives::*;
pub use report::*;
pub use unit::*;

/// Fields a type does not know, kept as they came.
pub type Extra = std::collections::BTreeMap<String, serde_json::Value>;
