//! binhdang for mobile apps (uniffi): Kotlin `vn.binhdang`, Swift `Binhdang`.
//!
//! **Key decision: entry points only.** Every type that crosses is the
//! core's own (`Finding`, `Code`, `Outcome`, `Summary`, `Tables`, `Limits`,
//! the workflow's `Replay`, `Decision`, `Standing`, `ReportEvent`),
//! generated for Kotlin (package `vn.binhdang.core`) and Swift from the
//! uniffi derives the core carries behind its `uniffi` feature; nothing is
//! copied here. Plans, reports, workflow logs and steps go in as JSON text
//! (`JsonText`: a `String` in Kotlin and Swift, carried as UTF-16 so that
//! half of a surrogate pair becomes a finding, not an exception). Excel
//! workbooks (docs/excel.md) go in and come out as bytes (`ByteArray`,
//! Swift `Data`). This crate holds the functions and `Checker`, and turns
//! `ApiError` into `BinhdangError`: every rule, sum and sentence is in the
//! core crate.

use std::sync::Arc;

use binhdang::aggregate::Summary;
use binhdang::api::{self, ApiError, Decision};
use binhdang::foreign::{FilledForm, JsonText};
use binhdang::output::Tables;
use binhdang::read::Limits;
use binhdang::validate::Outcome;
use binhdang::workflow::Replay;
use binhdang::{Date, Finding};

uniffi::setup_scaffolding!();

/// What cannot be answered with findings. (`detail`, not `message`: Kotlin
/// exceptions already have a `message`, which uniffi derives from the fields.)
#[derive(Clone, Debug, PartialEq, thiserror::Error, uniffi::Error)]
pub enum BinhdangError {
    /// The plan cannot be read; its findings say where and why.
    #[error("{detail}")]
    Plan { detail: String, findings: Vec<Finding> },
    /// A report that must be readable (`load_report`) cannot be read.
    #[error("{detail}")]
    Report { detail: String, findings: Vec<Finding> },
    /// Typed text that is not a date or a number (`parseDate`, `parseNumber`).
    #[error("{detail}")]
    Parse { detail: String, findings: Vec<Finding> },
    /// A date that is not a date.
    #[error("{detail}")]
    Date { detail: String },
    /// A language other than "vi" and "en".
    #[error("{detail}")]
    Language { detail: String },
    /// A schema name that does not exist.
    #[error("{detail}")]
    Schema { detail: String },
    /// Limits that are not limits.
    #[error("{detail}")]
    Limits { detail: String, findings: Vec<Finding> },
    /// An Excel form that cannot be made (an unknown unit or schedule entry).
    #[error("{detail}")]
    Form { detail: String },
    /// A DHIS2 mapping that cannot be read.
    #[error("{detail}")]
    Mapping { detail: String, findings: Vec<Finding> },
}

impl From<ApiError> for BinhdangError {
    fn from(e: ApiError) -> Self {
        let detail = e.to_string();
        match e {
            ApiError::Plan(findings) => BinhdangError::Plan { detail, findings },
            ApiError::Report(findings) => BinhdangError::Report { detail, findings },
            ApiError::Parse(findings) => BinhdangError::Parse { detail, findings },
            ApiError::Limits(findings) => BinhdangError::Limits { detail, findings },
            ApiError::Date(_) => BinhdangError::Date { detail },
            ApiError::Language(_) => BinhdangError::Language { detail },
            ApiError::Schema(_) => BinhdangError::Schema { detail },
            ApiError::Form(_) => BinhdangError::Form { detail },
            ApiError::Mapping(findings) => BinhdangError::Mapping { detail, findings },
        }
    }
}

/// The default limits on the reports read (see `schemas/limits.schema.json`),
/// to change one field of; past one, a report gets a `too_large` finding.
#[uniffi::export]
pub fn default_limits() -> Limits {
    Limits::default()
}

fn as_of(text: Option<String>) -> Result<Date, BinhdangError> {
    Ok(api::date_or_today(text.as_deref())?)
}

/// Validates one report against a plan at `as_of` (default: today in
/// Vietnam). `earlier`: reports to compare with. `limits`: what the reader
/// accepts (default: `defaultLimits()`).
#[uniffi::export(default(as_of = None, earlier = [], limits = None))]
pub fn validate_report(
    report: JsonText,
    plan: JsonText,
    as_of: Option<String>,
    earlier: Vec<JsonText>,
    limits: Option<Limits>,
) -> Result<Vec<Finding>, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(api::validate_report(&plan, &report, day, &earlier, &limits.unwrap_or_default())?)
}

/// A plan read once, to check many reports against (a form as it is typed).
#[derive(uniffi::Object)]
pub struct Checker {
    inner: api::Checker,
}

#[uniffi::export]
impl Checker {
    /// Reads the plan; `BinhdangError.Plan` when it cannot be read.
    #[uniffi::constructor]
    pub fn new(plan: JsonText) -> Result<Arc<Self>, BinhdangError> {
        Ok(Arc::new(Checker { inner: api::Checker::new(&plan)? }))
    }

    /// Validates one report at `as_of` (default: today in Vietnam).
    #[uniffi::method(default(as_of = None, earlier = [], limits = None))]
    pub fn validate_report(
        &self,
        report: JsonText,
        as_of: Option<String>,
        earlier: Vec<JsonText>,
        limits: Option<Limits>,
    ) -> Result<Vec<Finding>, BinhdangError> {
        let day = self::as_of(as_of)?;
        Ok(self.inner.validate_report(&report, day, &earlier, &limits.unwrap_or_default()))
    }

    /// Validates a filled Excel form (`.xlsx` bytes) as `validateWorkbook` does.
    #[uniffi::method(default(as_of = None, earlier = [], limits = None))]
    pub fn validate_workbook(
        &self,
        workbook: Vec<u8>,
        as_of: Option<String>,
        earlier: Vec<JsonText>,
        limits: Option<Limits>,
    ) -> Result<Vec<Finding>, BinhdangError> {
        let day = self::as_of(as_of)?;
        Ok(self.inner.validate_workbook(&workbook, day, &earlier, &limits.unwrap_or_default()))
    }
}

/// Validates many reports together: one outcome per report, in order.
#[uniffi::export(default(as_of = None, earlier = [], limits = None))]
pub fn validate_reports(
    reports: Vec<JsonText>,
    plan: JsonText,
    as_of: Option<String>,
    earlier: Vec<JsonText>,
    limits: Option<Limits>,
) -> Result<Vec<Outcome>, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(api::validate_reports(&plan, &reports, day, &earlier, &limits.unwrap_or_default())?)
}

/// Reads a report the way every check reads it (strict JSON, text in NFC,
/// unknown fields kept) and returns it as JSON text: what an app stores.
/// `BinhdangError.Report` with the findings when it cannot be read.
#[uniffi::export]
pub fn load_report(report: JsonText) -> Result<String, BinhdangError> {
    let report = api::load_report(&report)?;
    serde_json::to_string(&report).map_err(|e| BinhdangError::Report { detail: e.to_string(), findings: Vec::new() })
}

/// A unit's Excel report form for one entry of the plan's schedule (its id,
/// `2024-annual`), as `.xlsx` bytes to save or share. `BinhdangError.Form`
/// when the plan has no such unit or entry; `.Plan` when it cannot be read.
#[uniffi::export]
pub fn report_form(plan: JsonText, unit: String, entry: String) -> Result<Vec<u8>, BinhdangError> {
    Ok(api::report_form(&plan, &unit, &entry)?)
}

/// Reads a filled Excel form (`.xlsx` bytes) as a report: the report as JSON
/// text (`null` when it cannot be used) and the findings of reading it, each
/// naming its cell in `context["cell"]`. `limits` as in `validateReport`.
#[uniffi::export(default(limits = None))]
pub fn read_workbook(workbook: Vec<u8>, limits: Option<Limits>) -> Result<FilledForm, BinhdangError> {
    let read = api::read_workbook(&workbook, &limits.unwrap_or_default());
    let report = read.value.map(|r| serde_json::to_string(&r)).transpose();
    let report = report.map_err(|e| BinhdangError::Report { detail: e.to_string(), findings: Vec::new() })?;
    Ok(FilledForm { report, findings: read.findings })
}

/// Validates a filled Excel form (`.xlsx` bytes) against a plan, as
/// `validateReport` validates JSON: the same findings its JSON would get,
/// each that points into the report naming its cell (`context["cell"]`).
#[uniffi::export(default(as_of = None, earlier = [], limits = None))]
pub fn validate_workbook(
    workbook: Vec<u8>,
    plan: JsonText,
    as_of: Option<String>,
    earlier: Vec<JsonText>,
    limits: Option<Limits>,
) -> Result<Vec<Finding>, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(api::validate_workbook(&plan, &workbook, day, &earlier, &limits.unwrap_or_default())?)
}

/// The summary as an Excel workbook (`.xlsx` bytes): a sheet per schedule
/// entry, then completeness, progress, funding and the accounting of every
/// report (docs/excel.md). `reports`: each a filled form or a JSON report
/// as UTF-8 bytes (`text.toByteArray()`, Swift `Data(text.utf8)`). `events`
/// and `limits` as in `aggregate`; `publish`: the published tables (small
/// counts withheld) and no accounting sheet.
#[uniffi::export(default(events = None, limits = None, publish = false))]
pub fn summary_workbook(
    plan: JsonText,
    reports: Vec<Vec<u8>>,
    as_of: String,
    events: Option<JsonText>,
    limits: Option<Limits>,
    publish: bool,
) -> Result<Vec<u8>, BinhdangError> {
    let events = events.as_ref().map(AsRef::as_ref);
    let day = api::date(&as_of)?;
    Ok(api::summary_workbook(&plan, &reports, events, day, &limits.unwrap_or_default(), publish)?)
}

/// The province's consolidated report as a Word file (`.docx` bytes), in
/// the layout of Decree 30/2020/NĐ-CP: for each content area of the plan,
/// the activities' progress, its figures and targets and what each unit
/// wrote (named), then the data appendix (docs/report-document.md).
/// `reports`, `events`, `limits` and `publish` as in `summaryWorkbook`;
/// `entry`: the schedule entry (default the last with reports received).
#[uniffi::export(default(events = None, limits = None, entry = None, publish = false))]
pub fn consolidated_report(
    plan: JsonText,
    reports: Vec<Vec<u8>>,
    as_of: String,
    events: Option<JsonText>,
    limits: Option<Limits>,
    entry: Option<String>,
    publish: bool,
) -> Result<Vec<u8>, BinhdangError> {
    let events = events.as_ref().map(AsRef::as_ref);
    let day = api::date(&as_of)?;
    let limits = limits.unwrap_or_default();
    Ok(api::consolidated_docx(&plan, &reports, events, day, &limits, entry.as_deref(), publish)?)
}

/// The consolidated report as one HTML page (`consolidatedReport`'s document).
#[uniffi::export(default(events = None, limits = None, entry = None, publish = false))]
pub fn consolidated_report_html(
    plan: JsonText,
    reports: Vec<Vec<u8>>,
    as_of: String,
    events: Option<JsonText>,
    limits: Option<Limits>,
    entry: Option<String>,
    publish: bool,
) -> Result<String, BinhdangError> {
    let events = events.as_ref().map(AsRef::as_ref);
    let day = api::date(&as_of)?;
    let limits = limits.unwrap_or_default();
    Ok(api::consolidated_html(&plan, &reports, events, day, &limits, entry.as_deref(), publish)?)
}

/// Adds up reports into the province's summary at `as_of`: every schedule
/// entry's completeness, figures, progress, activities and funding, and the
/// accounting of every report given. `events`: the workflow's log (as
/// `replay` takes it); the completeness then has `states` (each expected
/// unit under its report's state), and the summary's findings say where the
/// log and the reports disagree (`state_mismatch`) or what in the log
/// cannot be read (paths under `/events`).
#[uniffi::export(default(events = None, limits = None))]
pub fn aggregate(
    plan: JsonText,
    reports: Vec<JsonText>,
    as_of: String,
    events: Option<JsonText>,
    limits: Option<Limits>,
) -> Result<Summary, BinhdangError> {
    let events = events.as_ref().map(AsRef::as_ref);
    let (_, _, summary) =
        api::summarise_with_events(&plan, &reports, events, api::date(&as_of)?, &limits.unwrap_or_default())?;
    Ok(summary)
}

/// Replays a log of workflow events (a JSON array, oldest first, as the app
/// appends each allowed step's `event.toJson()`) against a plan, at `as_of`
/// (default: today in Vietnam; no event may be later): every report's
/// standing, and each event refused, with findings at its index (`/3/by`).
#[uniffi::export(default(as_of = None, limits = None))]
pub fn replay(
    plan: JsonText,
    events: JsonText,
    as_of: Option<String>,
    limits: Option<Limits>,
) -> Result<Replay, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(api::replay(&plan, &events, day, &limits.unwrap_or_default())?)
}

/// Decides one step of a report's life (a JSON `Step`: unit, entry, action,
/// by, date, reason, version, and the `standing` the app stored, as
/// `standing.toJson()`): `Decision.Allowed` with the new standing and the
/// event to append to the log, or `Decision.Refused` with the findings that
/// say why. `as_of` as in `replay`.
#[uniffi::export(default(as_of = None, limits = None))]
pub fn transition(
    plan: JsonText,
    step: JsonText,
    as_of: Option<String>,
    limits: Option<Limits>,
) -> Result<Decision, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(api::transition(&plan, &step, day, &limits.unwrap_or_default())?)
}

/// Adds up reports like `aggregate` and returns the summary's tidy tables
/// (one row per unit, indicator and sex; unit and indicator names filled in).
#[uniffi::export(default(limits = None))]
pub fn tables(
    plan: JsonText,
    reports: Vec<JsonText>,
    as_of: String,
    limits: Option<Limits>,
) -> Result<Tables, BinhdangError> {
    Ok(api::tables(&plan, &reports, api::date(&as_of)?, &limits.unwrap_or_default())?)
}

/// The tables as they may be published: small counts of sensitive
/// indicators, and every cell that would give one away, withheld
/// (`suppressed`). Adds up like `aggregate`.
#[uniffi::export(default(limits = None))]
pub fn published_tables(
    plan: JsonText,
    reports: Vec<JsonText>,
    as_of: String,
    limits: Option<Limits>,
) -> Result<Tables, BinhdangError> {
    Ok(api::published_tables(&plan, &reports, api::date(&as_of)?, &limits.unwrap_or_default())?)
}

/// The figures as SDMX-CSV 2.0 text (docs/exchange.md); `publish`: the
/// published figures (withheld ones empty, `OBS_STATUS` `C`). Adds up like `aggregate`.
#[uniffi::export(default(limits = None, publish = false))]
pub fn sdmx_csv(
    plan: JsonText,
    reports: Vec<JsonText>,
    as_of: String,
    limits: Option<Limits>,
    publish: bool,
) -> Result<String, BinhdangError> {
    Ok(api::sdmx_csv(&plan, &reports, api::date(&as_of)?, &limits.unwrap_or_default(), publish)?)
}

/// Checks a plan itself (`plan_*` codes, or `malformed`).
#[uniffi::export]
pub fn check_plan(plan: JsonText) -> Vec<Finding> {
    api::check_plan(&plan)
}

/// A JSON Schema (draft 2020-12) by name, as JSON text.
#[uniffi::export]
pub fn schema(name: String) -> Result<String, BinhdangError> {
    binhdang::schema::published(&name).map(str::to_string).ok_or_else(|| ApiError::Schema(name).into())
}

/// The built-in catalogue (national targets with sources and `confirmed` flags), as JSON text.
#[uniffi::export]
pub fn catalog_json() -> String {
    serde_json::to_string(&binhdang::Catalog::builtin()).unwrap_or_default()
}

/// What a person typed in a date field, as the report's date
/// (`4/12/2024` → 2024-12-04); `BinhdangError.Parse` with the finding otherwise.
#[uniffi::export]
pub fn parse_date(text: String) -> Result<Date, BinhdangError> {
    Ok(api::parse_date(&text)?)
}

/// What a person typed in a number field, as a number (`1.234` → 1234,
/// `75,5` → 75.5); `BinhdangError.Parse` with the finding otherwise.
#[uniffi::export]
pub fn parse_number(text: String) -> Result<f64, BinhdangError> {
    Ok(api::parse_number(&text)?)
}

/// The language of error messages for the whole app: "vi" (the default) or
/// "en". Findings always carry both.
#[uniffi::export]
pub fn set_language(code: String) -> Result<(), BinhdangError> {
    api::set_language(api::lang(&code)?);
    Ok(())
}

/// The library's version.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
