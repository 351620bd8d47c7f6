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
    /// An Excel form or a consolidated report that cannot be made (an
    /// unknown unit or schedule entry): its message, in Vietnamese and English.
    Form((String, String)),
    /// A DHIS2 mapping that cannot be read; the findings say where and why.
    Mapping(Vec<Finding>),
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
        "events" => msg::A_LOG_OF_EVENTS,
        "step" => msg::A_STEP,
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
            ApiError::Plan(f)
            | ApiError::Report(f)
            | ApiError::Limits(f)
            | ApiError::Parse(f)
            | ApiError::Mapping(f) => f,
            ApiError::Date(_) | ApiError::Schema(_) | ApiError::Language(_) | ApiError::Form(_) => &[],
        }
    }
}

/// Reads a plan; an error when it cannot be read. The plan is text, or
/// bytes as they came from a file or a host (see [`HostText`]).
pub fn load_plan(text: &(impl AsRef<[u8]> + ?Sized)) -> Result<Plan, ApiError> {
    let r = read_plan(text.as_ref());
    r.value.ok_or(ApiError::Plan(r.findings))
}

/// Reads a plan from bytes: UTF-8 text, or a `malformed` finding that says
/// why not (a lone surrogate from a host string, UTF-16 from an editor).
fn read_plan(bytes: &[u8]) -> read::Read<Plan> {
    match read::decode(bytes) {
        Ok(text) => read::plan_from_str(text),
        Err(f) => read::Read { value: None, findings: vec![f], source: None },
    }
}

/// Text from a host whose strings are UTF-16 (Kotlin, Java, Swift,
/// JavaScript), as the bytes every reader here takes: UTF-8, with half of a
/// surrogate pair (which such a string may hold) kept in its three-byte form,
/// as Python's `surrogatepass` keeps it. The reader then answers it with a
/// `malformed` finding (`lone_surrogate`), as in every other runtime, where
/// the host would raise or replace the character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostText(Vec<u8>);

impl HostText {
    /// The text of a host string given as its UTF-16 code units.
    pub fn from_utf16(units: impl IntoIterator<Item = u16>) -> HostText {
        let mut units = units.into_iter().peekable();
        let mut out = Vec::with_capacity(units.size_hint().0);
        while let Some(unit) = units.next() {
            let c = u32::from(unit);
            if c < 0x80 {
                out.push(c as u8);
            } else if c < 0x800 {
                out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
            } else if let Some(low) =
                units.next_if(|low| (0xD800..0xDC00).contains(&c) && (0xDC00..0xE000).contains(low))
            {
                // A high surrogate and a low one: one character past U+FFFF.
                let c = 0x10000 + ((c - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                out.extend_from_slice(&[
                    0xF0 | (c >> 18) as u8,
                    0x80 | ((c >> 12) & 0x3F) as u8,
                    0x80 | ((c >> 6) & 0x3F) as u8,
                    0x80 | (c & 0x3F) as u8,
                ]);
            } else {
                // Any other unit in three bytes, half of a pair (0xD800..=0xDFFF) too.
                out.extend_from_slice(&[
                    0xE0 | (c >> 12) as u8,
                    0x80 | ((c >> 6) & 0x3F) as u8,
                    0x80 | (c & 0x3F) as u8,
                ]);
            }
        }
        HostText(out)
    }

    /// The text as UTF-16 code units again (a lone surrogate as it came).
    pub fn utf16(&self) -> Vec<u16> {
        let mut out = Vec::with_capacity(self.0.len());
        let mut rest = self.0.as_slice();
        loop {
            let valid = match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.extend(text.encode_utf16());
                    return out;
                }
                Err(e) => e.valid_up_to(),
            };
            let (text, bad) = rest.split_at(valid);
            out.extend(std::str::from_utf8(text).unwrap_or_default().encode_utf16());
            rest = match bad {
                [0xED, b1 @ 0xA0..=0xBF, b2, tail @ ..] => {
                    out.push(0xD000 | (u16::from(b1 & 0x3F) << 6) | u16::from(b2 & 0x3F));
                    tail
                }
                // Only `from_utf16` and `From<&str>` build one: nothing else can be here.
                [_, tail @ ..] => {
                    out.push(0xFFFD);
                    tail
                }
                [] => return out,
            };
        }
    }
}

impl AsRef<[u8]> for HostText {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<&str> for HostText {
    fn from(text: &str) -> HostText {
        HostText(text.as_bytes().to_vec())
    }
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
static RECENT: std::sync::Mutex<Vec<(Vec<u8>, std::sync::Arc<Checker>)>> = std::sync::Mutex::new(Vec::new());

impl Checker {
    /// Reads the plan; an error when it cannot be read.
    pub fn new(plan: &(impl AsRef<[u8]> + ?Sized)) -> Result<Checker, ApiError> {
        Ok(Checker { plan: load_plan(plan)?, catalog: Catalog::builtin() })
    }

    /// The checker of `plan`, read once per text: the plans of the last few
    /// calls are kept (identical text, identical plan; nothing else is kept).
    pub fn of(plan: &(impl AsRef<[u8]> + ?Sized)) -> Result<std::sync::Arc<Checker>, ApiError> {
        let plan = plan.as_ref();
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
        recent.push((plan.to_vec(), std::sync::Arc::clone(&checker)));
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
        self.validate_read(read::report_from_bytes_with(report.as_ref(), limits), as_of, earlier, limits)
    }

    /// Validates what a reader made of one report, against the earlier reports given.
    fn validate_read(
        &self,
        read: read::Read<Report>,
        as_of: Date,
        earlier: &[impl AsRef<[u8]>],
        limits: &Limits,
    ) -> Vec<Finding> {
        let earlier = earlier_reports(earlier, limits);
        validate::read_with(
            &self.plan,
            &self.catalog,
            read,
            as_of,
            validate::Context { earlier: &earlier, batch: &[] },
            limits,
        )
    }

    /// Validates a filled form (`.xlsx` bytes): bytes that are not a
    /// workbook are `malformed` (`not_a_workbook`), never read as JSON,
    /// since the host asked for a workbook (an officer who uploads the
    /// wrong file is told so). `earlier`: reports to compare with (JSON or
    /// forms).
    #[cfg(feature = "excel")]
    pub fn validate_workbook(
        &self,
        workbook: &[u8],
        as_of: Date,
        earlier: &[impl AsRef<[u8]>],
        limits: &Limits,
    ) -> Vec<Finding> {
        self.validate_read(crate::excel::read_form(workbook, limits).read, as_of, earlier, limits)
    }
}

/// Validates a filled form against a plan given as text ([`Checker::validate_workbook`]).
#[cfg(feature = "excel")]
pub fn validate_workbook(
    plan: &(impl AsRef<[u8]> + ?Sized),
    workbook: &[u8],
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Finding>, ApiError> {
    Ok(Checker::of(plan)?.validate_workbook(workbook, as_of, earlier, limits))
}

/// Validates one report against a plan given as text (read once per text:
/// see [`Checker::of`]). `earlier`: reports to compare with.
pub fn validate_report(
    plan: &(impl AsRef<[u8]> + ?Sized),
    report: impl AsRef<[u8]>,
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Finding>, ApiError> {
    Ok(Checker::of(plan)?.validate_report(report, as_of, earlier, limits))
}

/// Validates many reports together: one outcome per report, in order.
pub fn validate_reports(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Outcome>, ApiError> {
    validate_read_reports(plan, read::reports_from_strs(reports, limits), as_of, earlier, limits)
}

/// [`validate_reports`] of reports already read ([`read::OverlappedReports`]).
pub fn validate_read_reports(
    plan: &(impl AsRef<[u8]> + ?Sized),
    inputs: Vec<read::Read<Report>>,
    as_of: Date,
    earlier: &[impl AsRef<[u8]>],
    limits: &Limits,
) -> Result<Vec<Outcome>, ApiError> {
    let plan = load_plan(plan)?;
    let earlier = earlier_reports(earlier, limits);
    Ok(validate::batch_with(&plan, &Catalog::builtin(), inputs, as_of, &earlier, limits).outcomes)
}

/// Adds up reports into the summary.
pub fn aggregate(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<Summary, ApiError> {
    summarise(plan, reports, as_of, limits).map(|(_, _, summary)| summary)
}

/// The plan read, the catalogue, and the summary of `reports`: what every
/// entry point that adds up starts from (and what a host keeps to make the
/// summary's tables and text without reading the plan again).
pub fn summarise(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
) -> Result<(Plan, Catalog, Summary), ApiError> {
    summarise_with_events(plan, reports, None, as_of, limits)
}

/// [`summarise`] with the workflow's log of events (JSON text or bytes,
/// as [`replay`] takes it): the completeness then says, per unit and
/// period, which reports are returned, accepted or locked, and the
/// summary's findings say where the log and the reports disagree
/// ([`crate::workflow::add_states`], docs/workflow.md). What cannot be read
/// in the log is among the summary's findings.
pub fn summarise_with_events(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
) -> Result<(Plan, Catalog, Summary), ApiError> {
    summarise_read(plan, read::reports_from_strs(reports, limits), events, as_of, limits)
}

/// [`summarise_with_events`] of reports already read ([`read::OverlappedReports`]).
pub fn summarise_read(
    plan: &(impl AsRef<[u8]> + ?Sized),
    inputs: Vec<read::Read<Report>>,
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
) -> Result<(Plan, Catalog, Summary), ApiError> {
    let plan = load_plan(plan)?;
    let catalog = Catalog::builtin();
    let mut summary = aggregate::aggregate_with(&plan, &catalog, inputs, as_of, limits);
    if let Some(events) = events {
        crate::workflow::add_states(&mut summary, &plan, &event_log(events, limits));
    }
    Ok((plan, catalog, summary))
}

/// A unit's report form for one schedule entry of the plan (its id, such as
/// `2024-annual`), as `.xlsx` bytes ([`crate::excel::form`]).
#[cfg(feature = "excel")]
pub fn report_form(plan: &(impl AsRef<[u8]> + ?Sized), unit: &str, entry: &str) -> Result<Vec<u8>, ApiError> {
    let plan = load_plan(plan)?;
    crate::excel::form(&plan, &Catalog::builtin(), &crate::UnitId::from(unit), entry)
        .map_err(|e| ApiError::Form(e.message()))
}

/// A filled form (`.xlsx` bytes) read as a report, with the findings of
/// reading it, each naming its cell ([`crate::excel::read_form`]). To check
/// it against a plan, give the same bytes to [`validate_report`].
#[cfg(feature = "excel")]
pub fn read_workbook(bytes: &[u8], limits: &Limits) -> read::Read<Report> {
    crate::excel::read_form(bytes, limits).read
}

/// The summary of `reports` (JSON or filled forms) as a workbook
/// ([`crate::excel::summary_workbook`]); with `publish`, the published tables.
#[cfg(feature = "excel")]
pub fn summary_workbook(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
    publish: bool,
) -> Result<Vec<u8>, ApiError> {
    let (plan, catalog, summary) = summarise_with_events(plan, reports, events, as_of, limits)?;
    crate::excel::summary_workbook(&summary, &plan, &catalog, publish).map_err(|e| ApiError::Form(e.message()))
}

/// Adds up reports and writes the figures as SDMX-CSV 2.0
/// ([`crate::exchange::sdmx_csv`]); with `publish`, the published figures.
pub fn sdmx_csv(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    as_of: Date,
    limits: &Limits,
    publish: bool,
) -> Result<String, ApiError> {
    let (plan, catalog, summary) = summarise(plan, reports, as_of, limits)?;
    let tables = crate::publish::tables_as(&summary, &plan, &catalog, publish);
    Ok(crate::exchange::sdmx_csv(&tables.figures, &plan, &catalog))
}

/// The province's consolidated report of `reports` ([`crate::document`]):
/// one schedule entry (`entry`; default the last with reports received),
/// with `publish` the published figures.
pub fn consolidated_document(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
    entry: Option<&str>,
    publish: bool,
) -> Result<crate::document::Document, ApiError> {
    let (plan, catalog, summary) = summarise_with_events(plan, reports, events, as_of, limits)?;
    crate::document::consolidated(&plan, &catalog, &summary, entry, publish).map_err(|e| ApiError::Form(e.message()))
}

/// [`consolidated_document`] as one HTML page.
pub fn consolidated_html(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
    entry: Option<&str>,
    publish: bool,
) -> Result<String, ApiError> {
    consolidated_document(plan, reports, events, as_of, limits, entry, publish).map(|d| crate::document::to_html(&d))
}

/// [`consolidated_document`] as a Word file's bytes (`.docx`).
#[cfg(feature = "docx")]
pub fn consolidated_docx(
    plan: &(impl AsRef<[u8]> + ?Sized),
    reports: &[impl AsRef<[u8]>],
    events: Option<&[u8]>,
    as_of: Date,
    limits: &Limits,
    entry: Option<&str>,
    publish: bool,
) -> Result<Vec<u8>, ApiError> {
    let doc = consolidated_document(plan, reports, events, as_of, limits, entry, publish)?;
    crate::docx::to_docx(&doc).map_err(|e| ApiError::Form(crate::messages::docx_failed(&e.to_string())))
}

/// Reads a host's DHIS2 mapping (JSON text: docs/exchange.md).
pub fn dhis2_mapping(text: &str) -> Result<crate::exchange::Dhis2Mapping, ApiError> {
    read::dhis2_mapping_from_str(text).map_err(ApiError::Mapping)
}

/// Adds up reports and returns the summary's tidy tables.
pub fn tables(
    plan: &(impl AsRef<[u8]> + ?Sized),
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
    plan: &(impl AsRef<[u8]> + ?Sized),
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
    plan: &(impl AsRef<[u8]> + ?Sized),
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
pub fn check_plan(plan: &(impl AsRef<[u8]> + ?Sized)) -> Vec<Finding> {
    let r = read_plan(plan.as_ref());
    let mut out = r.findings;
    if let Some(p) = &r.value {
        out.extend(validate::plan(p, &Catalog::builtin()));
    }
    finding::sort(&mut out);
    Limits::default().cap(out)
}

/// A log of workflow events (JSON text or bytes), read within `limits`:
/// what cannot be read in it (a whole log that is not UTF-8 or not JSON, or
/// one event) is findings, as in [`crate::workflow::read_events`].
fn event_log(events: &[u8], limits: &Limits) -> crate::workflow::EventLog {
    match read::decode(events) {
        Ok(text) => crate::workflow::read_events(text, limits),
        Err(f) => crate::workflow::EventLog { events: Vec::new(), findings: vec![f] },
    }
}

/// Replays a log of workflow events against a plan (docs/workflow.md): the
/// standings it gives, and each refused event as findings at its index.
pub fn replay(
    plan: &(impl AsRef<[u8]> + ?Sized),
    events: impl AsRef<[u8]>,
    as_of: Date,
    limits: &Limits,
) -> Result<crate::workflow::Replay, ApiError> {
    let plan = Checker::of(plan)?;
    Ok(crate::workflow::replay_with(plan.plan(), &event_log(events.as_ref(), limits), as_of, limits))
}

/// What the workflow decides on one step: allowed, with the new standing
/// and the event to append to the log, or refused, with the findings that
/// say why. As JSON, a [`crate::workflow::Transition`] or `{"findings": [...]}`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(untagged)]
pub enum Decision {
    /// The step is allowed: the report's new standing, and the event to append to the log.
    // A named field, flattened: the JSON is the transition itself, and
    // Kotlin and Swift read `transition` (not uniffi's `v1` of a tuple variant).
    Allowed {
        #[serde(flatten)]
        transition: crate::workflow::Transition,
    },
    /// The step is refused; nothing changed. The findings say why.
    Refused { findings: Vec<Finding> },
}

impl Decision {
    /// The findings: why a refused step was refused, or the warnings of
    /// reading an allowed one.
    pub fn findings(&self) -> &[Finding] {
        match self {
            Decision::Allowed { transition } => &transition.findings,
            Decision::Refused { findings } => findings,
        }
    }
}

/// Decides one step (JSON text or bytes) of a report's life against a plan.
pub fn transition(
    plan: &(impl AsRef<[u8]> + ?Sized),
    step: impl AsRef<[u8]>,
    as_of: Date,
    limits: &Limits,
) -> Result<Decision, ApiError> {
    let plan = Checker::of(plan)?;
    let decided = match read::decode(step.as_ref()) {
        Ok(text) => crate::workflow::transition_text(plan.plan(), text, as_of, limits),
        Err(f) => Err(vec![f]),
    };
    Ok(match decided {
        Ok(transition) => Decision::Allowed { transition },
        Err(findings) => Decision::Refused { findings },
    })
}

/// A schema by name.
pub fn schema(name: &str) -> Result<serde_json::Value, ApiError> {
    crate::schema::schema(name).ok_or_else(|| ApiError::Schema(name.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
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
    fn host_text_keeps_a_lone_surrogate_for_the_reader_to_find() {
        // "é\u{D800}x" as a UTF-16 host holds it; a pair (😀) stays a character.
        let units: Vec<u16> = "é".encode_utf16().chain([0xD800]).chain("x😀".encode_utf16()).collect();
        let text = HostText::from_utf16(units.iter().copied());
        assert_eq!(text.as_ref(), b"\xC3\xA9\xED\xA0\x80x\xF0\x9F\x98\x80", "as Python's surrogatepass encodes it");
        assert_eq!(text.utf16(), units);
        // Whole text as UTF-8 gives it, whatever the characters.
        let mixed = "Lai Châu: Đạt 75,5% ☃ 😀𝄞 \u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}";
        assert_eq!(HostText::from_utf16(mixed.encode_utf16()).as_ref(), mixed.as_bytes());
        assert_eq!(HostText::from(mixed).utf16(), mixed.encode_utf16().collect::<Vec<_>>());
        for lone in [0xD800, 0xDBFF, 0xDC00, 0xDFFF] {
            assert_eq!(HostText::from_utf16([0x7B, lone]).utf16(), [0x7B, lone]);
        }
        let plan = HostText::from_utf16(r#"{"id": "#.encode_utf16().chain([0xDC00]).chain(r#""}"#.encode_utf16()));
        let found = check_plan(&plan);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, crate::Code::Malformed);
        assert_eq!(found[0].context["problem"], "lone_surrogate");
        assert_eq!(found[0].context["byte"], 7);
        assert!(matches!(Checker::new(&plan), Err(ApiError::Plan(f)) if f == found));
    }

    #[test]
    fn an_allowed_decision_is_the_transition_as_json() {
        let plan = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/lai-chau-2024/plan.json"))
            .unwrap();
        let step = r#"{"unit": "106", "entry": "2024-6m", "action": "submit", "by": "106", "date": "2024-06-04"}"#;
        let decided = transition_of(&plan, step);
        let json = serde_json::to_value(&decided).unwrap();
        assert!(
            matches!(&decided, Decision::Allowed { transition } if json == serde_json::to_value(transition).unwrap()),
            "{decided:?}"
        );
        assert_eq!(json["event"]["version"], 1);
        let refused = transition_of(&plan, r#"{"unit": "106"}"#);
        assert_eq!(serde_json::to_value(&refused).unwrap()["findings"][0]["code"], "malformed");
    }

    fn transition_of(plan: &str, step: &str) -> Decision {
        transition(plan, step, date("2024-12-31").unwrap(), &Limits::default()).unwrap()
    }

    #[test]
    fn today_in_vietnam() {
        // 2024-12-31 18:00 UTC is already 1 January in Hà Nội.
        assert_eq!(today(1_735_668_000).iso(), "2025-01-01");
        assert!(matches!(date("30/2/2025"), Err(ApiError::Date(_))));
    }
}
