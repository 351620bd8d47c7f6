//! The workbook module (`pkg/workbook_bg.wasm`): Excel forms, which a form
//! typed in the page does not need: a unit's form to fill (`reportForm`), a
//! filled form read (`readWorkbook`) or validated (`validateWorkbook`), and
//! the province's summary as a workbook (`summaryWorkbook`), and the
//! figures for other systems (`sdmxCsv`: docs/exchange.md), which a portal
//! asks for as rarely as a workbook (its csv writer would add 28 kB gzipped
//! to the province module), and the province's consolidated report as a
//! Word file (`consolidatedReport`) or HTML (`consolidatedReportHtml`). The
//! core's `excel` feature (rust_xlsxwriter, calamine) and `docx` (docx-rs)
//! are in this module only; the
//! package loads it only when a page asks for it (`initWorkbook`; in Node,
//! on the first call of one of these functions).
//!
//! What the bytes are is the core's to decide: `summaryWorkbook` hands every
//! file's bytes to the core's reader, which reads a workbook as a filled
//! form and anything else as a JSON report; `validateWorkbook` asks the core
//! for a workbook, so anything else is `not_a_workbook`.

use binhdang::api;
use binhdang::messages::{wrong_argument, A_BOOLEAN, A_FILE, A_LIST_OF_REPORTS, A_TEXT};
use binhdang::{Finding, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{as_of, check_options, err, input_bytes, limits, log, option, plan_text, to_js, type_error};

#[wasm_bindgen]
extern "C" {
    /// The options objects, typed in TypeScript by the section in lib.rs.
    #[wasm_bindgen(typescript_type = "ReadWorkbookOptions")]
    pub type ReadWorkbookOptions;
    #[wasm_bindgen(typescript_type = "ValidateWorkbookOptions")]
    pub type ValidateWorkbookOptions;
    #[wasm_bindgen(typescript_type = "SummaryWorkbookOptions")]
    pub type SummaryWorkbookOptions;
    #[wasm_bindgen(typescript_type = "SdmxOptions")]
    pub type SdmxOptions;
    #[wasm_bindgen(typescript_type = "ConsolidatedReportOptions")]
    pub type ConsolidatedReportOptions;
}

const READ_OPTIONS: &[&str] = &["limits"];
const VALIDATE_OPTIONS: &[&str] = &["asOf", "context", "limits"];
const SUMMARY_OPTIONS: &[&str] = &["events", "limits", "publish"];
const SDMX_OPTIONS: &[&str] = &["limits", "publish"];
const REPORT_OPTIONS: &[&str] = &["entry", "events", "limits", "publish"];

/// A file's bytes: a `Uint8Array` (a Node `Buffer` is one) or an
/// `ArrayBuffer`, else a `TypeError` naming `name`.
fn file(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(b).to_vec());
    }
    Err(type_error(wrong_argument(name, A_FILE)))
}

/// A report of a list: a file's bytes as they are, or an object or JSON
/// text as every module reads it.
fn document(value: &JsValue) -> Vec<u8> {
    if value.is_instance_of::<js_sys::Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>() {
        return file(value, "").unwrap_or_default();
    }
    input_bytes(value)
}

/// The reports of a list argument (files, objects or JSON text); anything
/// but a list is a `TypeError` naming it.
fn documents(values: &JsValue, name: &str) -> Result<Vec<Vec<u8>>, JsValue> {
    if !js_sys::Array::is_array(values) {
        return Err(type_error(wrong_argument(name, A_LIST_OF_REPORTS)));
    }
    Ok(js_sys::Array::from(values).iter().map(|v| document(&v)).collect())
}

/// A text argument (a unit's id, a schedule entry's id), else a `TypeError` naming it.
fn text(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| type_error(wrong_argument(name, A_TEXT)))
}

/// What `readWorkbook` gives: the report, `null` when it cannot be used, and
/// the findings of reading it.
#[derive(serde::Serialize)]
struct WorkbookRead<'a> {
    report: Option<&'a Report>,
    findings: &'a [Finding],
}

/// Reads a filled form (`.xlsx` bytes) as a report: `report` (`null` when
/// it cannot be used) and the `findings` of reading it, each naming its
/// cell (`context.cell`). A file that is not a form is a `malformed` finding;
/// never throws for anything in the file.
#[wasm_bindgen(js_name = readWorkbook, unchecked_return_type = "WorkbookRead")]
pub fn read_workbook(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    options: Option<ReadWorkbookOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, READ_OPTIONS)?;
    let bytes = file(&bytes, "bytes")?;
    let read = api::read_workbook(&bytes, &limits(&options)?);
    to_js(&WorkbookRead { report: read.value.as_ref(), findings: &read.findings })
}

/// Validates a filled form (`.xlsx` bytes) against a plan: the findings its
/// JSON would get, each also naming its cell (`context.cell`); bytes that
/// are not a workbook (a JSON file, a PDF) are `malformed` with `problem`
/// `not_a_workbook`. Never throws for anything in the file.
#[wasm_bindgen(js_name = validateWorkbook, unchecked_return_type = "Finding[]")]
pub fn validate_workbook(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    options: Option<ValidateWorkbookOptions>,
) -> Result<JsValue, JsValue> {
    check_options(&options, VALIDATE_OPTIONS)?;
    let bytes = file(&bytes, "bytes")?;
    let when = as_of(&option(&options, "asOf"), "options.asOf", true)?;
    let context = option(&options, "context");
    let earlier = match context.is_undefined() || context.is_null() {
        true => Vec::new(),
        false => documents(&context, "options.context")?,
    };
    let limits = limits(&options)?;
    to_js(&api::validate_workbook(&plan_text(&plan)?, &bytes, when, &earlier, &limits).map_err(err)?)
}

/// A unit's report form for one schedule entry of the plan (its id, such
/// as `2024-annual`), as `.xlsx` bytes. Throws `BinhdangError` for a plan
/// that cannot be read, a unit or an entry the plan does not have.
#[wasm_bindgen(js_name = reportForm)]
pub fn report_form(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] entry: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let unit = text(&unit, "unit")?;
    let entry = text(&entry, "entry")?;
    api::report_form(&plan_text(&plan)?, &unit, &entry).map_err(err)
}

/// The province's summary of `reports` (filled forms as bytes, JSON
/// reports as objects or text) at `asOf` as an `.xlsx` workbook: a sheet
/// per schedule entry, then completeness, progress, funding and the
/// accounting; with `options.publish`, the published tables (small counts
/// withheld) and no accounting sheet.
#[wasm_bindgen(js_name = summaryWorkbook)]
pub fn summary_workbook(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Uint8Array | ArrayBuffer | Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<SummaryWorkbookOptions>,
) -> Result<Vec<u8>, JsValue> {
    check_options(&options, SUMMARY_OPTIONS)?;
    let reports = documents(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    let (events, publish) = events_and_publish(&options)?;
    let limits = limits(&options)?;
    api::summary_workbook(&plan_text(&plan)?, &reports, events.as_deref(), when, &limits, publish).map_err(err)
}

/// `options.events` (the workflow's log) and `options.publish` of an options object.
fn events_and_publish<T: AsRef<JsValue>>(options: &Option<T>) -> Result<(Option<Vec<u8>>, bool), JsValue> {
    let events = option(options, "events");
    let events = match events.is_undefined() || events.is_null() {
        true => None,
        false => Some(log(&events, "options.events")?),
    };
    let publish = match option(options, "publish") {
        p if p.is_undefined() || p.is_null() => false,
        p => p.as_bool().ok_or_else(|| type_error(wrong_argument("options.publish", A_BOOLEAN)))?,
    };
    Ok((events, publish))
}

/// The arguments of the consolidated report, read and checked.
struct ReportArgs {
    plan: String,
    reports: Vec<Vec<u8>>,
    when: binhdang::Date,
    events: Option<Vec<u8>>,
    limits: binhdang::read::Limits,
    entry: Option<String>,
    publish: bool,
}

fn report_args(
    plan: &JsValue,
    reports: &JsValue,
    as_of_date: &JsValue,
    options: &Option<ConsolidatedReportOptions>,
) -> Result<ReportArgs, JsValue> {
    check_options(options, REPORT_OPTIONS)?;
    let reports = documents(reports, "reports")?;
    let when = as_of(as_of_date, "asOf", false)?;
    let (events, publish) = events_and_publish(options)?;
    let entry = match option(options, "entry") {
        e if e.is_undefined() || e.is_null() => None,
        e => Some(text(&e, "options.entry")?),
    };
    Ok(ReportArgs { plan: plan_text(plan)?, reports, when, events, limits: limits(options)?, entry, publish })
}

/// The province's consolidated report of `reports` (filled forms as bytes,
/// JSON reports as objects or text) at `asOf`, as a Word file (`.docx`
/// bytes) in the layout of Decree 30/2020/NĐ-CP: for each content area of
/// the plan, the activities' progress, its figures and targets and what
/// each unit wrote (named), then the data appendix. `options.entry`: the
/// schedule entry (default the last with reports received); `publish`:
/// small counts withheld. Throws `BinhdangError` for an entry the summary
/// does not have.
#[wasm_bindgen(js_name = consolidatedReport)]
pub fn consolidated_report(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Uint8Array | ArrayBuffer | Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<ConsolidatedReportOptions>,
) -> Result<Vec<u8>, JsValue> {
    let a = report_args(&plan, &reports, &as_of_date, &options)?;
    api::consolidated_docx(&a.plan, &a.reports, a.events.as_deref(), a.when, &a.limits, a.entry.as_deref(), a.publish)
        .map_err(err)
}

/// The consolidated report (as `consolidatedReport`) as one HTML page.
#[wasm_bindgen(js_name = consolidatedReportHtml)]
pub fn consolidated_report_html(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Uint8Array | ArrayBuffer | Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<ConsolidatedReportOptions>,
) -> Result<String, JsValue> {
    let a = report_args(&plan, &reports, &as_of_date, &options)?;
    api::consolidated_html(&a.plan, &a.reports, a.events.as_deref(), a.when, &a.limits, a.entry.as_deref(), a.publish)
        .map_err(err)
}

/// The figures as SDMX-CSV 2.0 text (docs/exchange.md): one observation
/// per figure, by unit, indicator, period, sex and breakdown; with
/// `options.publish`, the published figures. Adds up like `aggregate`.
#[wasm_bindgen(js_name = sdmxCsv)]
pub fn sdmx_csv(
    #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<Report | string>")] reports: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of_date: JsValue,
    options: Option<SdmxOptions>,
) -> Result<String, JsValue> {
    check_options(&options, SDMX_OPTIONS)?;
    let reports = documents(&reports, "reports")?;
    let when = as_of(&as_of_date, "asOf", false)?;
    let publish = match option(&options, "publish") {
        p if p.is_undefined() || p.is_null() => false,
        p => p.as_bool().ok_or_else(|| type_error(wrong_argument("options.publish", A_BOOLEAN)))?,
    };
    api::sdmx_csv(&plan_text(&plan)?, &reports, when, &limits(&options)?, publish).map_err(err)
}
