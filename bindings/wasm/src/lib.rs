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
//! Size matters here: a portal loads this with every form. The plan check
//! (`check_plan`), a new plan (`new_plan`: 15 kB gzipped), publication
//! (`publish`, its linear programs: 23 kB gzipped) and the schema generator
//! stay out (plans are written and checked with the CLI or Python;
//! the schemas ship as JSON files beside the module).

use binhdang::api::{self, ApiError};
use js_sys::{Error, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The types of every input and output (Plan, Report, Finding...) are not
// declared here: scripts/types.mjs generates them from the JSON Schemas and
// writes them, with wasm-bindgen's declarations of this module, into the
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
/** Options of `aggregate` and `tables`. */
export interface AggregateOptions {
  /** What the reader accepts; past `max_reports` a report is rejected unread. */
  limits?: Limits;
}
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
fn texts(values: &JsValue, name: &str) -> Result<Vec<Vec<u8>>, JsValue> {
    if !js_sys::Array::is_array(values) {
        return Err(type_error(binhdang::messages::wrong_argument(name, binhdang::messages::A_LIST_OF_REPORTS)));
    }
    Ok(js_sys::Array::from(values).iter().map(|v| input_bytes(&v)).collect())
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

#[wasm_bindgen]
extern "C" {
    /// The options objects, typed in TypeScript by the section above; trailing
    /// and optional (`options?:`) because they are `Option`s of imported types.
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptions;
    #[wasm_bindgen(typescript_type = "AggregateOptions")]
    pub type AggregateOptions;
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

const VALIDATE_OPTIONS: &[&str] = &["asOf", "context", "limits"];
const AGGREGATE_OPTIONS: &[&str] = &["limits"];

/// Earlier reports (`options.context`): absent, or a list.
fn context<T: AsRef<JsValue>>(options: &Option<T>) -> Result<Vec<Vec<u8>>, JsValue> {
    let value = option(options, "context");
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    texts(&value, "options.context")
}

/// Validates one report (a form) against a plan. Never throws for anything in the report.
#[wasm_bindgen(js_name = validateReport, unchecked_return_type = "Finding[]")]
pub fn validate_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    options: Option<ValidateOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, VALIDATE_OPTIONS)?;
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let earlier = context(&options)?;
    // The plan is read once per text (the core keeps the last few).
    to_js(
        &api::validate_report(&plan_text(&plan)?, input_bytes(&report), when, &earlier, &limits(&options)?)
            .map_err(err)?,
    )
}

/// A plan read once, to check forms against as they are typed: much faster
/// than `validateReport`, which reads the plan on every call.
#[wasm_bindgen]
pub struct Checker {
    inner: api::Checker,
}

#[wasm_bindgen]
impl Checker {
    /// Reads the plan; throws `BinhdangError` when it cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue) -> Result<Checker, JsValue> {
        Ok(Checker { inner: api::Checker::new(&plan_text(&plan)?).map_err(err)? })
    }

    /// Validates one report (a form). Never throws for anything in the report.
    #[wasm_bindgen(js_name = validateReport, unchecked_return_type = "Finding[]")]
    pub fn validate_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
        options: Option<ValidateOptions>,
    ) -> Result<JsValue, JsValue> {
        check_options(&options, VALIDATE_OPTIONS)?;
        let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
        let earlier = context(&options)?;
        to_js(&self.inner.validate_report(input_bytes(&report), when, &earlier, &limits(&options)?))
    }
}

/// Validates many reports together: one outcome per report (used, superseded or rejected).
#[wasm_bindgen(js_name = validateReports, unchecked_return_type = "Outcome[]")]
pub fn validate_reports(
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    options: Option<ValidateOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, VALIDATE_OPTIONS)?;
    let reports = texts(&reports, "reports")?;
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let earlier = context(&options)?;
    let limits = limits(&options)?;
    to_js(&api::validate_reports(&plan_text(&plan)?, &reports, when, &earlier, &limits).map_err(err)?)
}

/// Adds up reports into the province's summary at `asOf`.
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn aggregate(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<AggregateOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, AGGREGATE_OPTIONS)?;
    let reports = texts(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    to_js(&api::aggregate(&plan_text(&plan)?, &reports, when, &limits(&options)?).map_err(err)?)
}

/// The summary as tidy tables (figures, completeness, progress, funding,
/// activities): what a portal's grid shows. Adds up like `aggregate`.
#[wasm_bindgen(unchecked_return_type = "Tables")]
pub fn tables(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<AggregateOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, AGGREGATE_OPTIONS)?;
    let reports = texts(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    to_js(&api::tables(&plan_text(&plan)?, &reports, when, &limits(&options)?).map_err(err)?)
}

/// Reads a report the way every check reads it (strict JSON, text in NFC,
/// unknown fields kept) and returns it: what a portal stores after a form
/// is typed. Throws `BinhdangError` with the findings when it cannot be read.
#[wasm_bindgen(js_name = loadReport, unchecked_return_type = "Report")]
pub fn load_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&api::load_report(input_bytes(&report)).map_err(err)?)
}

/// The built-in catalogue: national targets with sources and `confirmed` flags.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(&binhdang::Catalog::builtin())
}

/// What a person typed in a date field, as the report's ISO date
/// (`4/12/2024` → `2024-12-04`); throws `BinhdangError` with the finding otherwise.
#[wasm_bindgen(js_name = parseDate)]
pub fn parse_date(text: &str) -> Result<String, JsValue> {
    Ok(api::parse_date(text).map_err(err)?.iso())
}

/// What a person typed in a number field, as a number (`1.234` → 1234,
/// `75,5` → 75.5); throws `BinhdangError` with the finding otherwise.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: &str) -> Result<f64, JsValue> {
    api::parse_number(text).map_err(err)
}

/// The language of `BinhdangError` messages for the whole page: "vi" (the
/// default) or "en". Findings always carry both.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(code: &str) -> Result<(), JsValue> {
    api::set_language(api::lang(code).map_err(err)?);
    Ok(())
}

/// The file name of the published schema `name` (`plan.schema.json`), which
/// the package ships beside its entry; a `BinhdangError` for a name that is
/// not a schema's. Used by the package's `schema(name)`, which reads the file.
#[wasm_bindgen(js_name = schemaFile, skip_typescript)]
pub fn schema_file(name: &str) -> Result<String, JsValue> {
    match binhdang::schema::NAMES.iter().find(|n| **n == name) {
        Some(n) => Ok(format!("{n}.schema.json")),
        None => Err(err(ApiError::Schema(name.to_string()))),
    }
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
