//! The province module (`pkg/province_bg.wasm`): what a province does with
//! the reports, which a form does not need: checking them together,
//! adding up, publication and the workflow. The package loads it only when a page asks for it
//! (`initProvince`; in Node, on the first call of one of these functions).

use binhdang::api;
use binhdang::messages::{wrong_argument, A_STEP};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::{
    as_of, check_options, context, err, input_bytes, limits, log, option, plan_text, texts, to_js, type_error,
    ValidateOptions, VALIDATE_OPTIONS,
};

#[wasm_bindgen]
extern "C" {
    /// The options objects, typed in TypeScript by the section in lib.rs;
    /// trailing and optional (`options?:`) because they are `Option`s of imported types.
    #[wasm_bindgen(typescript_type = "AggregateOptions")]
    pub type AggregateOptions;
    #[wasm_bindgen(typescript_type = "TablesOptions")]
    pub type TablesOptions;
    #[wasm_bindgen(typescript_type = "WorkflowOptions")]
    pub type WorkflowOptions;
}

const AGGREGATE_OPTIONS: &[&str] = &["events", "limits"];
// The tables have no column for a report's state: a log would change nothing in them.
const TABLES_OPTIONS: &[&str] = &["limits"];
const WORKFLOW_OPTIONS: &[&str] = &["asOf", "limits"];

// Here rather than in the form module, which a form loads before its first
// check: a form checks one report, and the batch's code was 13 kB of that
// module gzipped (BENCHMARKS.md).
/// Validates many reports together, as a province checks what it received:
/// one outcome per report (used, superseded or rejected).
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

/// Adds up reports into the province's summary at `asOf`; with
/// `options.events` (the workflow's log), each period's completeness has
/// `states`.
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
    let events = option(&options, "events");
    let events = match events.is_undefined() || events.is_null() {
        true => None,
        false => Some(log(&events, "options.events")?),
    };
    let limits = limits(&options)?;
    let (_, _, summary) =
        api::summarise_with_events(&plan_text(&plan)?, &reports, events.as_deref(), when, &limits).map_err(err)?;
    to_js(&summary)
}

/// The summary as tidy tables (figures, completeness, progress, funding,
/// activities): what a portal's grid shows. Adds up like `aggregate`.
#[wasm_bindgen(unchecked_return_type = "Tables")]
pub fn tables(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<TablesOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, TABLES_OPTIONS)?;
    let reports = texts(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    to_js(&api::tables(&plan_text(&plan)?, &reports, when, &limits(&options)?).map_err(err)?)
}

/// The tables as they may be published: small counts of sensitive
/// indicators, and every cell that would give one away, withheld (their
/// rows say `suppressed`, with no value). Adds up like `aggregate`.
#[wasm_bindgen(js_name = publishedTables, unchecked_return_type = "Tables")]
pub fn published_tables(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<TablesOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, TABLES_OPTIONS)?;
    let reports = texts(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    to_js(&api::published_tables(&plan_text(&plan)?, &reports, when, &limits(&options)?).map_err(err)?)
}

/// Replays a log of workflow events (a list of events, or JSON text)
/// against a plan: every report's `standings`, the indexes of the events
/// `refused`, and the `findings` that say why, each at its event's index
/// (`/3/by`). Throws `BinhdangError` only for a plan that cannot be read.
#[wasm_bindgen(unchecked_return_type = "Replay")]
pub fn replay(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportEvent[] | string")] events: JsValue,
    options: Option<WorkflowOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, WORKFLOW_OPTIONS)?;
    let events = log(&events, "events")?;
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let limits = limits(&options)?;
    to_js(&api::replay(&plan_text(&plan)?, events, when, &limits).map_err(err)?)
}

/// Decides one step of a report's life (an object, or JSON text): allowed,
/// with the new `standing` and the `event` to append to the log, or refused,
/// with only the `findings` that say why. `findings` is always there.
/// Throws `BinhdangError` only for a plan that cannot be read.
#[wasm_bindgen(unchecked_return_type = "Decision")]
pub fn transition(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Step | string")] step: JsValue,
    options: Option<WorkflowOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, WORKFLOW_OPTIONS)?;
    if !step.is_string() && (!step.is_object() || js_sys::Array::is_array(&step)) {
        return Err(type_error(wrong_argument("step", A_STEP)));
    }
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let limits = limits(&options)?;
    let decided = api::transition(&plan_text(&plan)?, input_bytes(&step), when, &limits).map_err(err)?;
    let out = to_js(&decided)?;
    // An allowed step's JSON leaves out its findings when there are none.
    if !Reflect::has(&out, &JsValue::from_str("findings")).unwrap_or(true) {
        let _ = Reflect::set(&out, &JsValue::from_str("findings"), &js_sys::Array::new());
    }
    Ok(out)
}

/// The built-in catalogue: national targets with sources and `confirmed` flags.
#[wasm_bindgen(unchecked_return_type = "Catalog")]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(&binhdang::Catalog::builtin())
}
