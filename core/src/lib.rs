//! # binhdang
//!
//! The one engine for Vietnam's provincial plans and reports on gender
//! equality and the advancement of women: the domain model, the validation
//! rules and the aggregation, shared by the CLI, Python, WebAssembly and the
//! mobile bindings.
//!
//! **Key decision: findings are data, and nothing panics.** Whatever a
//! person typed (text that is not JSON, a negative count, 30 February), the
//! library answers with [`Finding`]s — a stable code, a severity, a JSON
//! Pointer, a message in Vietnamese and English — never with a panic or a
//! lost value. Counts and money are whole numbers up to 2^53 − 1, so every
//! runtime sees the same totals.
//!
//! ```
//! let report = binhdang::read::report_from_str(r#"{"plan": "01/KH-BVSTBPN"}"#);
//! assert!(report.value.is_none());
//! assert_eq!(report.findings[0].code, binhdang::Code::Malformed);
//! assert_eq!(report.findings[0].path, "/unit");
//! ```

pub mod aggregate;
pub mod api;
mod breakdown;
pub mod calendar;
pub mod catalog;
#[cfg(feature = "parquet")]
pub mod columnar;
pub mod dimensions;
pub mod document;
#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "excel")]
pub mod excel;
pub mod exchange;
pub mod finding;
#[cfg(feature = "uniffi")]
pub mod foreign;
/// The simplex behind [`publish`]: public for the publication fuzz target's
/// attacker, not a supported interface.
#[doc(hidden)]
pub mod lp;
pub mod messages;
pub mod model;
mod nfc;
pub mod numbers;
pub mod output;
pub mod publish;
pub mod read;
pub mod sample;
pub mod schema;
pub mod skeleton;
pub mod upward;
pub mod validate;
pub mod workflow;

pub use calendar::{Period, ReportKind, ScheduleEntry, Timeliness};
pub use catalog::Catalog;
pub use finding::{Code, Finding, Level, RuleSettings, Severity};
pub use model::*;

// The uniffi component of the core types (the mobile binding's records and enums).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
