//! The entry points every binding calls: plans and reports as JSON text in,
//! typed results out, and a typed error for what cannot become a finding.
//!
//! Bindings (Python, WebAssembly, mobile) pass text because their hosts hold
//! JSON as text or can make it cheaply, and because reading text here means
//! every runtime meets hostile input (2^64, duplicate keys, 1e400) through the
//! same strict reader and gives the same findings.

use crate::aggregate::{self, Summary};
use crate::calendar;
use crate::catalog::Catalog;
use crate::finding::{self, Finding};
use crate::model::{Date, Plan, Report};
use crate::output::Lang;
use crate::read::{self, Limits};
use crate::validate::{self, Outcome};

/// What cannot be answered with findings. Its message (`Display`) is in the
/// language the host chose with [`set_language`]: Vietnamese unless told.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The plan cannot be read; its findings say where and why.
    Plan(Vec<Finding>),
    /// Typed text that is not a date or a number (`parse_date`, `parse_number`); the finding says why.
    Parse(Vec<Finding>),
    /// A date argument that is not a date.
    Date(String),
    /// A schema name that does not exist.
    Schema(String),
    /// A report that cannot be read where a report is required (`load_report`).
    Report(Vec<Finding>),
    /// Limits that are not limits: unknown names, or not whole numbers; the findings say which.
    Limits(Vec<Finding>),
    /// A language code other than `vi` and `en`.
    Language(String),
}

/// The language of error messages: Vietnamese (false) or English (true).
static ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The language in which errors (`ApiError`, and so `BinhdangError` in every
/// binding) give their message, for the whole program. Findings always carry both.
pub fn set_language(lang: Lang) {
    ENGLISH.store(lang == Lang::En, std::sync::atomic::Ordering::Relaxed);
}

/// A sentence of `messages` in the language errors speak ([`set_language`]):
/// what a binding puts in the errors it raises itself (a wrong argument).
pub fn say((vi, en): (String, String)) -> String {
    if language() == Lang::En {
        en
    } else {
        vi
    }
}

/// What a binding says when an argument is not of a kind it takes, in the
/// language errors speak: `kind` is `document`, `reports`, `date` or
/// `options` (anything else: `document`).
pub fn wrong_argument(name: &str, kind: &str) -> String {
    use crate::messages as msg;
    let expected = match kind {
        "reports" => msg::REPORTS_OR_FOLDER,
        "date" => msg::A_DATE,
        "options" => msg::OPTIONS,
        _ => msg::A_DOCUMENT,
    };
    say(msg::wrong_argument(name, expected))
}

/// A language by its code, `vi` or `en`, as every binding takes it.
pub fn lang(code: &str) -> Result<Lang, ApiError> {
    match code {
        "vi" => Ok(Lang::Vi),
        "en" => Ok(Lang::En),
        other => Err(ApiError::Language(other.to_string())),
    }
}

/// The language errors speak, as [`set_language`] left it.
pub fn language() -> Lang {
    if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The first finding (the first error, where one is) in `lang`, with its place.
fn first(findings: &[Finding], lang: Lang) -> String {
    let f = findings.iter().find(|f| f.is_error()).or_else(|| findings.first());
    f.map(|f| {
        let text = if lang == Lang::En { &f.message_en } else { &f.message_vi };
        format!("{text} ({})", if f.path.is_empty() { "/" } else { &f.path })
    })
    .unwrap_or_default()
}

impl ApiError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (vi, en) =
            crate::messages::api_error(self, &first(self.findings(), Lang::Vi), &first(self.findings(), Lang::En));
        if lang == Lang::En {
            en
        } else {
            vi
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(language()))
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// The findings behind the error, if any.
    pub fn findings(&self) -> &[Finding] {
        match self {
            ApiError::Plan(f) | ApiError::Report(f) | ApiError::Limits(f) | ApiError::Parse(f) => f,
            ApiError::Date(_) | ApiError::Schema(_) | ApiError::Language(_) => &[],
        }
    }
}

/// Reads a plan; an error when it cannot be read.
pub fn load_plan(text: &str) -> Result<Plan, ApiError> {
    let r = read::plan_from_str(text);
    r.value.ok_or(ApiError::Plan(r.findings))
}

/// Reads a report; an error (with its findings) when it cannot be read.
pub fn load_report(text: impl AsRef<[u8]>) -> Result<Report, ApiError> {
    let r = read::report_from_bytes_with(text.as_ref(), &Limits::default());
    match r.value {
        Some(v) if !r.findings.iter().any(Finding::is_error) => Ok(v),
        _ => Err(ApiError::Report(r.findings)),
    }
}

/// Reads a date: `2025-01-15`, `15/1/2025` or `ngày 15 tháng 1 năm 2025`.
pub fn date(text: &str) -> Result<Date, ApiError> {
    calendar::parse_vi(text).map_err(|_| ApiError::Date(text.to_string()))
}

/// What a person typed in a date field, as the report's ISO date:
/// `4/12/2024`, `04-12-2024`, `ngày 4 tháng 12 năm 2024` or `2024-12-04`.
/// The error's finding says which forms are read.
pub fn parse_date(text: &str) -> Result<Date, ApiError> {
    calendar::parse_vi(text).map_err(|_| {
        ApiError::Parse(vec![crate::Finding::new(crate::Code::Malformed, "", crate::messages::not_a_typed_date(text))
            .with("actual", text)
            .with("problem", "not_a_date")])
    })
}

/// What a person typed in a number field, as a plain number: `1.234` and
/// `1 234` are 1234, `75,5` is 75.5. The error's finding says why not.
pub fn parse_number(text: &str) -> Result<f64, ApiError> {
    crate::numbers::parse_vi(text).map_err(|e| {
        let (m, problem) = match e {
            crate::numbers::NumberError::NotANumber => (crate::messages::not_a_typed_number(text), "not_a_number"),
            crate::numbers::NumberError::Ambiguous => (crate::messages::ambiguous_number(text), "ambiguous_number"),
        };
        ApiError::Parse(vec![crate::Finding::new(crate::Code::Malformed, "", m)
            .with("actual", text)
            .with("problem", problem)])
    })
}

/// Today in Vietnam (UTC+7), from the host's clock in seconds since 1970.
pub fn today(unix_seconds: i64) -> Date {
    Date::from_unix_seconds(unix_seconds, 7).unwrap_or(Date(chrono::NaiveDate::MIN))
}

/// The date given, or today in Vietnam by the system clock. For native hosts
/// (the CLI, Python, mobile); in WebAssembly the host passes its clock to [`today`].
#[cfg(not(target_arch = "wasm32"))]
pub fn date_or_today(text: Option<&str>) -> Result<Date, ApiError> {
    match text {
        Some(t) => date(t),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0);
            Ok(today(secs))
        }
    }
}

/// Limits from JSON text (`{"max_bytes": 100000}`; a field left out keeps
/// its default), or the defaults when there is no text.
pub fn limits(text: Option<&str>) -> Result<Limits, ApiError> {
    match text {
        None => Ok(Limits::default()),
        Some(t) => read::limits_from_str(t).map_err(ApiError::Limits),
    }
}

fn earlier_reports(earlier: &[impl AsRef<[u8]>], limits: &Limits) -> Vec<Report> {
    read::reports_from_strs(earlier, limits).into_iter().filter_map(|r| r.value).collect()
}

/// A plan read once, to check many reports against: what a form does on
/// every change. Reading a plan costs far more than checking a report
/// (BENCHMARKS.md), so hosts that check more than once keep a `Checker`.
#[derive(Clone, Debug)]
pub struct Checker {
    plan: Plan,
    catalog: Catalog,
}

/// The plans read last, by their text: a host that calls `validate_report`
/// with the same plan in a loop (a notebook, a server) reads it once, not on
/// every call. Four plans, the least recently used one dropped.
static RECENT: std::sync::Mutex<Vec<(String, std::sync::Arc<Checker>)>> = std::sync::Mutex::new(Vec::new());

impl Checker {
    /// Reads the plan; an error when it cannot be read.
    pub fn new(plan: &str) -> Result<Checker, ApiError> {
        Ok(Checker { plan: load_plan(plan)?, catalog: Catalog::builtin() })
    }

    /// The checker of `plan`, read once per text: the plans of the last few
    /// calls are kept (identical text, identical plan; nothing else is kept).
    pub fn of(plan: &str) -> Result<std::sync::Arc<Checker>, ApiError> {
        let mut recent = RECENT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = recent.iter().position(|(text, _)| text == plan) {
            let hit = recent.remove(i);
            let checker = std::sync::Arc::clone(&hit.1);
            recent.push(hit);
            return Ok(checker);
        }
        let checker = std::sync::Arc::new(Checker::new(plan)?);
        if recent.len() >= 4 {
            recent.remove(0);
        }
        recent.push((plan.to_string(), std::sync::Arc::clone(&checker)));
        Ok(checker)
    }

    /// The plan, as read.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Validates one report. `earlier`: reports to compare with (previous periods).
    pub fn validate_report(
        &self,
        report: impl AsRef<[u8]>,
        as_of: Date,
        earlier: &[impl AsRef<[u8]>],
        limits: &Limits,
    ) -> Vec<Finding> {
        let earlier = earlier_reports(earlier, limits);
        let read = read::report_from_bytes_with(report.as_ref(), limits);
        validate::read_with(
            &self.plan,
            &self.catalog,
            read,
            as_of,
            validate::Context { earlier: &earlier, batch: &[] },
            limits,
        )
    }
}

/// Validates one report against a plan given as text (read once per text:
/// see [`Checker::of`]). `earlier`: reports to compare with.
pub fn validate_report(
    plan: &str,
    report: impl AsRef<[u8]>,
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Finding>, ApiError> {
    Ok(Checker::of(plan)?.validate_report(report, as_of, earlier, limits))
}

/// Validates many reports together: one outcome per report, in order.
pub fn validate_reports(
    plan: &str,
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Outcome>, ApiError> {
    let plan = load_plan(plan)?;
    let earlier = earlier_reports(earlier, limits);
    let inputs = read::reports_from_strs(reports, limits);
    Ok(validate::batch_with(&plan, &Catalog::builtin(), inputs, as_of, &earlier, limits).outcomes)
}

/// Adds up reports into the summary.
pub fn aggregate(plan: &str, reports: &[impl AsRef<[u8]>], as_of: Date, limits: &Limits) -> Result<Summary, ApiError> {
    summarise(plan, reports, as_of, limits).map(|(_, _, summary)| summary)
}

/// The plan read, the catalogue, and the summary of `reports`: what every
/// entry point that adds up starts from (and what a host keeps to make the
/// summary's tables and text without reading the plan again).
pub fn summarise(
    plan: &str,
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<(Plan, Catalog, Summary), ApiError> {
    let plan = load_plan(plan)?;
    let inputs = read::reports_from_strs(reports, limits);
    let catalog = Catalog::builtin();
    let summary = aggregate::aggregate_with(&plan, &catalog, inputs, as_of, limits);
    Ok((plan, catalog, summary))
}

/// Adds up reports and returns the summary's tidy tables.
pub fn tables(
    plan: &str,
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<crate::output::Tables, ApiError> {
    summary_and_tables(plan, reports, as_of, limits).map(|(_, t)| t)
}

/// Adds up reports and returns the tables as they may be published: small
/// counts of sensitive indicators, and every cell that would give one away,
/// withheld (see [`crate::publish`]).
pub fn published_tables(
    plan: &str,
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<crate::output::Tables, ApiError> {
    let (plan, catalog, summary) = summarise(plan, reports, as_of, limits)?;
    Ok(crate::publish::published_tables(&summary, &plan, &catalog))
}

/// Adds up reports: the summary, and its tidy tables (for hosts that show
/// both, such as the mobile binding's typed summary).
pub fn summary_and_tables(
    plan: &str,
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<(Summary, crate::output::Tables), ApiError> {
    let (plan, catalog, summary) = summarise(plan, reports, as_of, limits)?;
    let tables = crate::output::tables(&summary, &plan, &catalog);
    Ok((summary, tables))
}

/// The units of a new plan, as a host has them.
#[derive(Clone, Copy, Debug)]
pub enum Units<'a> {
    /// CSV text: `id,name,kind,parent,valid_from,valid_to` (the CLI, Python).
    Csv(&'a str),
    /// JSON text of a list of unit objects (a portal's form).
    Json(&'a str),
}

/// A new plan for a province and year (`binhdang new-plan`): the seven
/// content areas, the reporting regime with its usual dates, the national
/// targets, and the units (none: the province, its committee and standing
/// agency only). It passes [`check_plan`] with warnings at most.
pub fn new_plan(province: &str, code: &str, year: i32, units: Option<Units>) -> Result<Plan, ApiError> {
    let units = match units {
        Some(Units::Csv(text)) => crate::skeleton::units_from_csv(text).map_err(ApiError::Parse)?,
        Some(Units::Json(text)) => {
            let value = read::parse_json(text).map_err(|f| ApiError::Parse(vec![f]))?;
            crate::skeleton::units_from_json(&value).map_err(ApiError::Parse)?
        }
        None => Vec::new(),
    };
    let spec = crate::skeleton::Spec { province: province.to_string(), code: code.to_string(), year, units };
    Ok(crate::skeleton::new_plan(&spec, &Catalog::builtin()))
}

/// Checks a plan: its reading findings, then the `plan_*` checks.
pub fn check_plan(plan: &str) -> Vec<Finding> {
    let r = read::plan_from_str(plan);
    let mut out = r.findings;
    if let Some(p) = &r.value {
        out.extend(validate::plan(p, &Catalog::builtin()));
    }
    finding::sort(&mut out);
    Limits::default().cap(out)
}

/// A schema by name.
pub fn schema(name: &str) -> Result<serde_json::Value, ApiError> {
    crate::schema::schema(name).ok_or_else(|| ApiError::Schema(name.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_that_cannot_be_read_is_an_error_with_findings() {
        let e = validate_report("{", "{}", today(0), &[] as &[&str], &Limits::default()).unwrap_err();
        assert!(matches!(e, ApiError::Plan(_)));
        assert_eq!(e.findings().len(), 1);
        assert!(e.message(Lang::En).starts_with("The plan cannot be read"), "{}", e.message(Lang::En));
        assert!(e.message(Lang::Vi).starts_with("Không đọc được kế hoạch"), "{}", e.message(Lang::Vi));
    }

    #[test]
    fn the_unknown_schema_message_lists_every_name() {
        // Written out rather than joined at run time: the WebAssembly module is smaller.
        for lang in [Lang::Vi, Lang::En] {
            assert!(ApiError::Schema("x".into()).message(lang).ends_with(&crate::schema::NAMES.join(", ")));
        }
    }

    #[test]
    fn the_invalid_limits_message_lists_every_limit() {
        let message = limits(Some(r#"{"max_byts": 1}"#)).unwrap_err().message(Lang::En);
        for name in Limits::NAMES {
            assert!(message.contains(name), "{name}: {message}");
        }
    }

    #[test]
    fn today_in_vietnam() {
        // 2024-12-31 18:00 UTC is already 1 January in Hà Nội.
        assert_eq!(today(1_735_668_000).iso(), "2025-01-01");
        assert!(matches!(date("30/2/2025"), Err(ApiError::Date(_))));
    }
}
