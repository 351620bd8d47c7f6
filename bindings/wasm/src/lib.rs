//! binhdang for JavaScript: check report forms in the browser and in Node.
//!
//! **Key decision: plain JS objects in and out, and no trap, ever.** Inputs
//! may be objects or JSON text; objects are written out as JSON text the way
//! `JSON.stringify` writes them (native.js), what JSON cannot hold (NaN, a
//! BigInt, a cycle, a getter that throws) kept as text the core's strict
//! reader refuses at its JSON Pointer, so it sees what every other runtime
//! sees and no value silently becomes `null`. Results
//! come back through `JSON.parse` as plain objects. What a person typed gives
//! findings; only what cannot be answered with findings (a plan that cannot
//! be read, a date that is not a date) throws a `BinhdangError` carrying its
//! findings. The core never panics, so the module instance survives any input.
//!
//! **Three modules from this one crate**, because a portal loads the first
//! with every form. `build.sh` builds it three times, each time with one feature:
//!
//! - `form` (`pkg/binhdang_bg.wasm`, the package's `init`): what a form
//!   needs: reading and validating a report (`Checker`), `loadReport`,
//!   `parseDate`, `parseNumber`, the schema names;
//! - `province` (`pkg/province_bg.wasm`, the package's `initProvince`,
//!   loaded only when a page asks for it): what a province does with the
//!   reports: checking them together (`validateReports`), adding up
//!   (`aggregate`, `tables`), publication with small
//!   cells withheld (`publishedTables`, its linear programs), the workflow
//!   (`replay`, `transition`) and the catalogue (`catalog`);
//! - `workbook` (`pkg/workbook_bg.wasm`, the package's `initWorkbook`,
//!   loaded only when a page asks for it): Excel forms, with the core's
//!   `excel` feature (`reportForm`, `readWorkbook`, `validateWorkbook`,
//!   `summaryWorkbook`; the consolidated report: `consolidatedReport`,
//!   `consolidatedReportHtml`).
//!
//! All are thin: they convert arguments and results and turn the core's
//! errors into JavaScript ones; every rule and sentence is the core's. The
//! plan check (`check_plan`), a new plan (`new_plan`) and the schema
//! generator are in neither (plans are written and checked with the CLI or
//! Python; the schemas ship as JSON files beside the module). All features
//! are on by default, so that the host build (clippy, tests) sees all of it.

use binhdang::api::{self, ApiError};
use js_sys::{Error, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "form")]
mod form;
#[cfg(feature = "province")]
mod province;
#[cfg(feature = "workbook")]
mod workbook;

// The types of every input and output (Plan, Report, Finding...) are not
// declared here: scripts/types.mjs generates them from the JSON Schemas and
// writes them, with wasm-bindgen's declarations of the modules, into the
// package's one declaration file, index.d.ts.

#[wasm_bindgen(typescript_custom_section)]
const OPTIONS: &str = r#"
/** Options of `validateReport` and `validateReports`. */
export interface ValidateOptions {
  /** The date of the check: "2025-01-15", "15/1/2025", "ngày 15 tháng 1 năm 2025", or a Date (its day in Vietnam). Default: today in Vietnam. */
  asOf?: string | Date;
  /** Earlier reports to compare with (previous periods), as objects or JSON text. */
  context?: Array<Report | string>;
  /** What the reader accepts; a field left out keeps its default. */
  limits?: Limits;
}
/** Options of `aggregate`. */
export interface AggregateOptions {
  /** The workflow's log (docs/workflow.md), as a list of events or JSON text: each period's completeness then has `states`, and where the log and the reports disagree the summary's findings say so. */
  events?: ReportEvent[] | string;
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
}
/** Options of `tables` and `publishedTables`. */
export interface TablesOptions {
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
}
/** Options of `sdmxCsv`. */
export interface SdmxOptions {
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
  /** The published figures: small counts of violence withheld (`OBS_VALUE` empty, `OBS_STATUS` `C`). Default false. */
  publish?: boolean;
}
/** Options of `replay` and `transition`. */
export interface WorkflowOptions {
  /** The date of the check (no event may be later): as `ValidateOptions.asOf`. Default: today in Vietnam. */
  asOf?: string | Date;
  /** What the reader accepts; a field left out keeps its default. */
  limits?: Limits;
}
/** Options of `readWorkbook`. */
export interface ReadWorkbookOptions {
  /** What the reader accepts: `max_bytes` bounds the file, and 8 × `max_bytes` what its parts unpack to; `max_nodes` its cells with data. */
  limits?: Limits;
}
/** Options of `validateWorkbook`: those of `validateReport`; earlier reports may also be files' bytes. */
export interface ValidateWorkbookOptions {
  /** The date of the check, as `ValidateOptions.asOf`. Default: today in Vietnam. */
  asOf?: string | Date;
  /** Earlier reports to compare with (previous periods): files' bytes (filled forms or JSON), objects or JSON text. */
  context?: Array<Uint8Array | ArrayBuffer | Report | string>;
  /** What the reader accepts; a field left out keeps its default. */
  limits?: Limits;
}
/** Options of `summaryWorkbook`. */
export interface SummaryWorkbookOptions {
  /** The workflow's log, as `AggregateOptions.events`: the completeness sheet then says each report's state. */
  events?: ReportEvent[] | string;
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
  /** The published tables (small counts withheld: an empty cell), and no accounting sheet. Default: false. */
  publish?: boolean;
}
/** Options of `consolidatedReport` and `consolidatedReportHtml`. */
export interface ConsolidatedReportOptions {
  /** The schedule entry reported on (`2024-annual`). Default: the last one with reports received. */
  entry?: string;
  /** The workflow's log, as `AggregateOptions.events`. */
  events?: ReportEvent[] | string;
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
  /** The published figures (small counts of violence withheld, shown as x). Default: false. */
  publish?: boolean;
}
/** What `readWorkbook` gives: the report (`null` when it cannot be used) and the findings of reading it, each naming its cell (`context.cell`). */
export interface WorkbookRead {
  report: Report | null;
  findings: Finding[];
}
/** What `transition` decides: allowed (the new `standing` and the `event` to append to the log; `findings` holds the warnings of reading the step, usually none), or refused (only the `findings` that say why). */
export type Decision = (Transition & { findings: Finding[] }) | { findings: Finding[]; standing?: undefined; event?: undefined };
/** Thrown only for what cannot be answered with findings. */
export interface BinhdangError extends Error {
  name: "BinhdangError";
  findings: Finding[];
}
"#;

#[wasm_bindgen(raw_module = "../native.js")]
extern "C" {
    /// The bytes of a plan or report given as JSON text or as a value: see
    /// native.js beside the package's entries (JavaScript walks JavaScript
    /// values faster, and the module stays smaller).
    #[wasm_bindgen(js_name = inputBytes)]
    fn input_bytes(value: &JsValue) -> Vec<u8>;
}

/// A plan (JSON text or a value) as the text the core reads; text that is
/// not UTF-8 (a lone surrogate) is a plan that cannot be read, as the core's
/// decoder says.
fn plan_text(value: &JsValue) -> Result<String, JsValue> {
    let bytes = input_bytes(value);
    match binhdang::read::decode(&bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(finding) => Err(err(ApiError::Plan(vec![finding]))),
    }
}

/// A `TypeError` naming the argument and what it takes (the sentence is the core's).
fn type_error(m: (String, String)) -> JsValue {
    js_sys::TypeError::new(&api::say(m)).into()
}

/// The reports of a list argument; anything else (one report, `null`, JSON
/// text of an array) is a `TypeError`, never a silent empty answer.
#[cfg(any(feature = "form", feature = "province"))]
fn texts(values: &JsValue, name: &str) -> Result<Vec<Vec<u8>>, JsValue> {
    if !js_sys::Array::is_array(values) {
        return Err(type_error(binhdang::messages::wrong_argument(name, binhdang::messages::A_LIST_OF_REPORTS)));
    }
    Ok(js_sys::Array::from(values).iter().map(|v| input_bytes(&v)).collect())
}

#[cfg(any(feature = "form", feature = "province"))]
#[wasm_bindgen]
extern "C" {
    /// The options of `validateReport` and `validateReports`, typed in
    /// TypeScript by the section above; trailing and optional (`options?:`)
    /// because it is an `Option` of an imported type.
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptions;
}

#[cfg(any(feature = "form", feature = "province"))]
const VALIDATE_OPTIONS: &[&str] = &["asOf", "context", "limits"];

/// Earlier reports (`options.context`): absent, or a list.
#[cfg(any(feature = "form", feature = "province"))]
fn context<T: AsRef<JsValue>>(options: &Option<T>) -> Result<Vec<Vec<u8>>, JsValue> {
    let value = option(options, "context");
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    texts(&value, "options.context")
}

/// A log of events: JSON text or a list (array) of events, else a `TypeError` naming `name`.
#[cfg(any(feature = "province", feature = "workbook"))]
fn log(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if value.is_string() || js_sys::Array::is_array(value) {
        return Ok(input_bytes(value));
    }
    Err(type_error(binhdang::messages::wrong_argument(name, binhdang::messages::A_LOG_OF_EVENTS)))
}

/// The options object: absent, or an object whose every key is one of `allowed`.
fn check_options<T: AsRef<JsValue>>(options: &Option<T>, allowed: &[&str]) -> Result<(), JsValue> {
    let Some(o) = options.as_ref().map(AsRef::as_ref).filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(());
    };
    if !o.is_object() || js_sys::Array::is_array(o) {
        return Err(type_error(binhdang::messages::wrong_argument("options", binhdang::messages::OPTIONS)));
    }
    let object: &js_sys::Object = o.unchecked_ref();
    for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !allowed.contains(&key.as_str()) {
            return Err(type_error(binhdang::messages::unknown_option(&key, allowed)));
        }
    }
    Ok(())
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let s = serde_json::to_string(value).map_err(|e| JsValue::from(Error::new(&e.to_string())))?;
    JSON::parse(&s)
}

fn err(e: ApiError) -> JsValue {
    let error = Error::new(&e.to_string());
    error.set_name("BinhdangError");
    let findings = serde_json::to_string(e.findings()).ok().and_then(|s| JSON::parse(&s).ok()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("findings"), &findings);
    error.into()
}

/// A `BinhdangError` with no findings, for a call the package cannot answer
/// yet (the sentence is the core's).
#[cfg(feature = "form")]
fn call_error(message: (String, String)) -> JsValue {
    let error = Error::new(&api::say(message));
    error.set_name("BinhdangError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("findings"), &js_sys::Array::new());
    error.into()
}

fn option<T: AsRef<JsValue>>(options: &Option<T>, key: &str) -> JsValue {
    match options.as_ref().map(AsRef::as_ref) {
        Some(o) if o.is_object() => Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED),
        _ => JsValue::UNDEFINED,
    }
}

fn limits<T: AsRef<JsValue>>(options: &Option<T>) -> Result<binhdang::read::Limits, JsValue> {
    let value = option(options, "limits");
    if value.is_undefined() || value.is_null() {
        return Ok(binhdang::read::Limits::default());
    }
    api::limits(Some(&String::from_utf8_lossy(&input_bytes(&value)))).map_err(err)
}

/// The date of a check: text, a JavaScript `Date` (its day in Vietnam), or
/// (when `today` allows it) nothing for today; anything else a `TypeError`.
fn as_of(value: &JsValue, name: &str, today: bool) -> Result<binhdang::Date, JsValue> {
    if let Some(s) = value.as_string() {
        return api::date(&s).map_err(err);
    }
    if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        let ms = d.get_time();
        if ms.is_finite() {
            return Ok(api::today((ms / 1000.0).floor() as i64));
        }
    }
    if today && value.is_undefined() {
        return Ok(api::today((js_sys::Date::now() / 1000.0) as i64));
    }
    Err(type_error(binhdang::messages::wrong_argument(name, binhdang::messages::A_DATE)))
}

/// The language of `BinhdangError` and `TypeError` messages for the whole
/// page, in every module: "vi" (the default) or "en". Findings always carry both.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(code: &str) -> Result<(), JsValue> {
    api::set_language(api::lang(code).map_err(err)?);
    Ok(())
}
