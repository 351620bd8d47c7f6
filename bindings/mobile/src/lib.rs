//! binhdang for mobile apps (uniffi): Kotlin `vn.binhdang`, Swift `Binhdang`.
//!
//! **Key decision: typed results, JSON text in.** Field apps receive plans
//! and reports as JSON (from the portal, from a file), so the entry points
//! take text; what comes back is typed: records for findings, outcomes and
//! the summary's parts, enums for severity and status, and a typed error for
//! what cannot become a finding. This crate only converts: every rule, sum
//! and sentence is in the core crate.

use binhdang::api::{self, ApiError};

uniffi::setup_scaffolding!();

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding of validation.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Finding {
    /// The stable code (`sex_sum_mismatch`).
    pub code: String,
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) to the field; empty for the whole document.
    pub path: String,
    pub message_vi: String,
    pub message_en: String,
    /// The values involved, as a JSON object.
    pub context_json: String,
}

/// What happened to one report of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum ReportStatus {
    Used,
    Superseded,
    Rejected,
}

/// One report's outcome in a batch.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Outcome {
    pub index: u32,
    pub unit: Option<String>,
    pub status: ReportStatus,
    pub superseded_by: Option<u32>,
    pub findings: Vec<Finding>,
}

/// Where an expected unit's report stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Timeliness {
    OnTime,
    Late,
    Missing,
    NotYetDue,
}

/// One expected unit of one schedule entry.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct UnitStanding {
    pub unit: String,
    pub unit_name: String,
    pub timeliness: Timeliness,
    pub rejected: bool,
}

/// Completeness and timeliness of one schedule entry.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Completeness {
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub not_yet_due: u32,
    pub units: Vec<UnitStanding>,
}

/// One row of the figures table: a unit, an indicator, a sex (`F`, `M`, `_T`).
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct FigureRow {
    /// The schedule entry (`2024-6m`).
    pub entry: String,
    pub unit: String,
    pub unit_name: String,
    pub indicator: String,
    pub sex: String,
    pub value: Option<f64>,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub reports: u32,
    /// Withheld in a published table: `value`, `numerator` and `denominator` are empty.
    pub suppressed: bool,
}

/// How an indicator stands against a target year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum ProgressStatus {
    Achieved,
    NotAchieved,
    NoData,
    /// Not published: it would give a small count of victims away.
    Withheld,
}

/// One indicator against one target year.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Progress {
    pub indicator: String,
    pub name_vi: String,
    pub year: i32,
    pub target: f64,
    pub value: Option<f64>,
    pub status: ProgressStatus,
    pub gap: Option<f64>,
    pub confirmed: bool,
}

/// The summary of one schedule entry.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PeriodSummary {
    pub entry: String,
    pub kind: String,
    pub completeness: Completeness,
    pub figures: Vec<FigureRow>,
    pub progress: Vec<Progress>,
}

/// The province's summary.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Summary {
    pub plan: String,
    pub as_of: String,
    pub periods: Vec<PeriodSummary>,
    /// Every input report, in input order.
    pub accounting: Vec<Outcome>,
    /// Findings of the aggregation itself (`overflow`).
    pub findings: Vec<Finding>,
    /// The whole summary as JSON, as the other runtimes give it.
    pub json: String,
}

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
    Limits { detail: String },
}

/// Limits on the reports read (see `schemas/limits.schema.json`); past one,
/// a report gets a `too_large` finding. Start from `defaultLimits()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_depth: u64,
    pub max_values: u64,
    pub max_reports: u64,
    pub max_nodes: u64,
    pub max_findings: u64,
}

fn wide(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn core_limits(l: Option<Limits>) -> binhdang::read::Limits {
    match l {
        None => binhdang::read::Limits::default(),
        Some(l) => binhdang::read::Limits {
            max_bytes: wide(l.max_bytes),
            max_depth: wide(l.max_depth),
            max_values: wide(l.max_values),
            max_reports: wide(l.max_reports),
            max_nodes: wide(l.max_nodes),
            max_findings: wide(l.max_findings),
        },
    }
}

/// The default limits, to change one field of.
#[uniffi::export]
pub fn default_limits() -> Limits {
    let d = binhdang::read::Limits::default();
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    Limits {
        max_bytes: n(d.max_bytes),
        max_depth: n(d.max_depth),
        max_values: n(d.max_values),
        max_reports: n(d.max_reports),
        max_nodes: n(d.max_nodes),
        max_findings: n(d.max_findings),
    }
}

fn finding(f: &binhdang::Finding) -> Finding {
    Finding {
        code: f.code.as_str().to_string(),
        severity: match f.severity {
            binhdang::Severity::Error => Severity::Error,
            binhdang::Severity::Warning => Severity::Warning,
        },
        path: f.path.clone(),
        message_vi: f.message_vi.clone(),
        message_en: f.message_en.clone(),
        context_json: serde_json::to_string(&f.context).unwrap_or_else(|_| "{}".into()),
    }
}

fn findings(list: &[binhdang::Finding]) -> Vec<Finding> {
    list.iter().map(finding).collect()
}

impl From<ApiError> for BinhdangError {
    fn from(e: ApiError) -> Self {
        let detail = e.to_string();
        match e {
            ApiError::Plan(f) => BinhdangError::Plan { detail, findings: findings(&f) },
            ApiError::Report(f) => BinhdangError::Report { detail, findings: findings(&f) },
            ApiError::Parse(f) => BinhdangError::Parse { detail, findings: findings(&f) },
            ApiError::Date(_) => BinhdangError::Date { detail },
            ApiError::Language(_) => BinhdangError::Language { detail },
            ApiError::Schema(_) => BinhdangError::Schema { detail },
            ApiError::Limits(_) => BinhdangError::Limits { detail },
        }
    }
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn outcome(o: &binhdang::validate::Outcome) -> Outcome {
    Outcome {
        index: small(o.index),
        unit: o.unit.as_ref().map(|u| u.to_string()),
        status: match o.status {
            binhdang::validate::Status::Used => ReportStatus::Used,
            binhdang::validate::Status::Superseded => ReportStatus::Superseded,
            binhdang::validate::Status::Rejected => ReportStatus::Rejected,
        },
        superseded_by: o.superseded_by.map(small),
        findings: findings(&o.findings),
    }
}

fn as_of(text: Option<String>) -> Result<binhdang::Date, BinhdangError> {
    Ok(api::date_or_today(text.as_deref())?)
}

/// Validates one report (JSON text) against a plan (JSON text) at `as_of`
/// (default: today in Vietnam). `earlier`: reports to compare with.
/// `limits`: what the reader accepts (default: `defaultLimits()`).
#[uniffi::export(default(as_of = None, earlier = [], limits = None))]
pub fn validate_report(
    report_json: String,
    plan_json: String,
    as_of: Option<String>,
    earlier: Vec<String>,
    limits: Option<Limits>,
) -> Result<Vec<Finding>, BinhdangError> {
    let day = self::as_of(as_of)?;
    Ok(findings(&api::validate_report(&plan_json, &report_json, day, &earlier, &core_limits(limits))?))
}

/// A plan read once, to check many reports against (a form as it is typed).
#[derive(uniffi::Object)]
pub struct Checker {
    inner: api::Checker,
}

#[uniffi::export]
impl Checker {
    /// Reads the plan (JSON text); `BinhdangError.Plan` when it cannot be read.
    #[uniffi::constructor]
    pub fn new(plan_json: String) -> Result<std::sync::Arc<Self>, BinhdangError> {
        Ok(std::sync::Arc::new(Checker { inner: api::Checker::new(&plan_json)? }))
    }

    /// Validates one report (JSON text) at `as_of` (default: today in Vietnam).
    #[uniffi::method(default(as_of = None, earlier = [], limits = None))]
    pub fn validate_report(
        &self,
        report_json: String,
        as_of: Option<String>,
        earlier: Vec<String>,
        limits: Option<Limits>,
    ) -> Result<Vec<Finding>, BinhdangError> {
        let day = self::as_of(as_of)?;
        Ok(findings(&self.inner.validate_report(&report_json, day, &earlier, &core_limits(limits))))
    }
}

/// Validates many reports together: one outcome per report, in order.
#[uniffi::export(default(as_of = None, earlier = [], limits = None))]
pub fn validate_reports(
    reports_json: Vec<String>,
    plan_json: String,
    as_of: Option<String>,
    earlier: Vec<String>,
    limits: Option<Limits>,
) -> Result<Vec<Outcome>, BinhdangError> {
    let day = self::as_of(as_of)?;
    let limits = core_limits(limits);
    Ok(api::validate_reports(&plan_json, &reports_json, day, &earlier, &limits)?.iter().map(outcome).collect())
}

/// Reads a report the way every check reads it (strict JSON, text in NFC,
/// unknown fields kept) and returns it as JSON text: what an app stores.
/// `BinhdangError.Report` with the findings when it cannot be read.
#[uniffi::export]
pub fn load_report(report_json: String) -> Result<String, BinhdangError> {
    let report = api::load_report(&report_json)?;
    serde_json::to_string(&report).map_err(|e| BinhdangError::Report { detail: e.to_string(), findings: Vec::new() })
}

/// Adds up reports into the province's summary at `as_of`.
#[uniffi::export(default(limits = None))]
pub fn aggregate(
    plan_json: String,
    reports_json: Vec<String>,
    as_of: String,
    limits: Option<Limits>,
) -> Result<Summary, BinhdangError> {
    let day = api::date(&as_of)?;
    let (s, t) = api::summary_and_tables(&plan_json, &reports_json, day, &core_limits(limits))?;
    let timeliness = |x: binhdang::Timeliness| match x {
        binhdang::Timeliness::OnTime => Timeliness::OnTime,
        binhdang::Timeliness::Late => Timeliness::Late,
        binhdang::Timeliness::Missing => Timeliness::Missing,
        binhdang::Timeliness::NotYetDue => Timeliness::NotYetDue,
    };
    let periods = s
        .periods
        .iter()
        .map(|p| PeriodSummary {
            entry: p.entry.clone(),
            kind: serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            completeness: Completeness {
                expected: p.completeness.expected,
                received: p.completeness.received,
                on_time: p.completeness.on_time,
                late: p.completeness.late,
                missing: p.completeness.missing,
                not_yet_due: p.completeness.not_yet_due,
                units: t
                    .completeness
                    .iter()
                    .filter(|r| r.entry == p.entry)
                    .map(|r| UnitStanding {
                        unit: r.unit.to_string(),
                        unit_name: r.unit_name.clone(),
                        timeliness: timeliness(r.timeliness),
                        rejected: r.rejected,
                    })
                    .collect(),
            },
            figures: t.figures.iter().filter(|r| r.entry == p.entry).map(figure_row).collect(),
            progress: t
                .progress
                .iter()
                .filter(|r| r.entry == p.entry)
                .map(|r| Progress {
                    indicator: r.indicator.to_string(),
                    name_vi: r.name_vi.clone(),
                    year: r.year,
                    target: r.target,
                    value: r.value,
                    status: match r.status {
                        binhdang::aggregate::ProgressStatus::Achieved => ProgressStatus::Achieved,
                        binhdang::aggregate::ProgressStatus::NotAchieved => ProgressStatus::NotAchieved,
                        binhdang::aggregate::ProgressStatus::NoData => ProgressStatus::NoData,
                        binhdang::aggregate::ProgressStatus::Withheld => ProgressStatus::Withheld,
                    },
                    gap: r.gap,
                    confirmed: r.confirmed,
                })
                .collect(),
        })
        .collect();
    Ok(Summary {
        plan: s.plan.clone(),
        as_of: s.as_of.iso(),
        periods,
        accounting: s.accounting.iter().map(outcome).collect(),
        findings: findings(&s.findings),
        json: serde_json::to_string(&s).unwrap_or_default(),
    })
}

/// The figures as they may be published: small counts of sensitive
/// indicators, and every cell that would give one away, withheld
/// (`suppressed`). Adds up like `aggregate`.
#[uniffi::export(default(limits = None))]
pub fn published_figures(
    plan_json: String,
    reports_json: Vec<String>,
    as_of: String,
    limits: Option<Limits>,
) -> Result<Vec<FigureRow>, BinhdangError> {
    let day = api::date(&as_of)?;
    let t = api::published_tables(&plan_json, &reports_json, day, &core_limits(limits))?;
    Ok(t.figures.iter().map(figure_row).collect())
}

fn figure_row(r: &binhdang::output::FigureRow) -> FigureRow {
    FigureRow {
        entry: r.entry.clone(),
        unit: r.unit.to_string(),
        unit_name: r.unit_name.clone(),
        indicator: r.indicator.to_string(),
        sex: r.sex.clone(),
        value: r.value,
        numerator: r.numerator.map(|c| c.get()),
        denominator: r.denominator.map(|c| c.get()),
        reports: r.reports,
        suppressed: r.suppressed,
    }
}

/// Checks a plan itself (`plan_*` codes, or `malformed`).
#[uniffi::export]
pub fn check_plan(plan_json: String) -> Vec<Finding> {
    findings(&api::check_plan(&plan_json))
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

/// What a person typed in a date field, as the report's ISO date
/// (`4/12/2024` → `2024-12-04`); `BinhdangError.Parse` with the finding otherwise.
#[uniffi::export]
pub fn parse_date(text: String) -> Result<String, BinhdangError> {
    Ok(api::parse_date(&text)?.iso())
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
