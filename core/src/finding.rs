//! Findings: what validation says about a report or a plan, as data.
//!
//! A finding has a stable [`Code`], a [`Severity`], a JSON Pointer (RFC 6901)
//! to the field, a message in Vietnamese and in English, and the values
//! involved (`context`). Codes are a public contract: once published, a code
//! keeps its meaning. Findings are never exceptions.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Severity {
    /// Lỗi: the report must be corrected; aggregation leaves it out.
    Error,
    /// Cảnh báo: worth a look; the report is still used.
    Warning,
}

/// A rule's level as a plan sets it: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Error,
    Warning,
    /// The rule is not checked.
    Off,
}

/// What an error leaves out of a summary (a plan's `rules.acceptance`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    /// The whole report (the default).
    #[default]
    Report,
    /// Only the value (a report's value, an activity's output, a funding
    /// line) the error points into; the rest of the report is used, and its
    /// accounting entry says which values were left out and why. An error
    /// outside the values (the unit, the period, a report that cannot be
    /// read) still rejects the report.
    Value,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $text:literal, $sev:ident; )*) => {
        /// A finding's stable code. The JSON form is the snake_case text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        // In Kotlin and Swift an enum whose text (`toString()`, `description`) is the code's.
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi::export(Display))]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The code as text (`sex_sum_mismatch`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $text,)* }
            }

            /// The severity a code has unless the plan changes it.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$name => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    /// Not JSON, a wrong type, a missing required field, an impossible date, a number out of range.
    Malformed = "malformed", Error;
    /// Input past a limit the host set (size, depth, number of values or reports).
    TooLarge = "too_large", Error;
    /// More findings than the host's `max_findings` for one input: the first
    /// ones are kept (in the stable order), this one says how many more there were.
    FindingsTruncated = "findings_truncated", Warning;
    /// A field the schema does not know; its value is kept, not dropped.
    UnknownField = "unknown_field", Warning;
    /// Text not in Unicode NFC; it was normalised on the way in.
    TextNotNormalized = "text_not_normalized", Warning;
    /// A number typed as text in a spreadsheet cell with a dot or a comma
    /// ("1.234", "12,5"): read the Vietnamese way, and said so, since a
    /// reader used to the English way reads "1.234" as one and a bit.
    NumberAsText = "number_as_text", Warning;
    /// The report cites another plan's number.
    PlanMismatch = "plan_mismatch", Error;
    /// Female + male ≠ total.
    SexSumMismatch = "sex_sum_mismatch", Error;
    /// A percent whose numerator is greater than its denominator.
    NumeratorExceedsDenominator = "numerator_exceeds_denominator", Error;
    /// Denominator 0 with a non-zero numerator.
    ZeroDenominator = "zero_denominator", Error;
    /// A stated percent that differs from numerator ÷ denominator by more than the tolerance (0.05 points).
    StatedPercentMismatch = "stated_percent_mismatch", Warning;
    /// An indicator id neither the plan nor the catalogue knows.
    UnknownIndicator = "unknown_indicator", Error;
    /// A unit id the plan does not know, or one that does not exist in the period.
    UnknownUnit = "unknown_unit", Error;
    /// An activity id the plan does not have.
    UnknownActivity = "unknown_activity", Error;
    /// A narrative on a content area the plan does not have.
    UnknownContentArea = "unknown_content_area", Error;
    /// A narrative section the plan requires (`reporting.required_sections`), not written.
    NarrativeMissing = "narrative_missing", Warning;
    /// A funding source the plan does not list.
    UnknownFundingSource = "unknown_funding_source", Error;
    /// A unit the plan does not ask to report.
    UnitNotExpected = "unit_not_expected", Warning;
    /// The period does not match the schedule entry for that kind and year.
    PeriodMismatch = "period_mismatch", Error;
    /// The same indicator twice in one report's values, or in one activity's outputs.
    DuplicateValue = "duplicate_value", Error;
    /// The same content area twice in one report's narrative: the
    /// consolidated report would quote both.
    DuplicateContentArea = "duplicate_content_area", Error;
    /// An indicator the plan requires is absent.
    MissingRequired = "missing_required", Warning;
    /// A total without its female/male split where the indicator needs one.
    SexBreakdownRequired = "sex_breakdown_required", Error;
    // Breakdowns beyond sex (docs/reports.md, "Breakdowns").
    /// A cell keyed by a dimension the indicator is not broken down by.
    UnknownDimension = "unknown_dimension", Error;
    /// A cell keyed by a code its dimension does not have.
    UnknownOption = "unknown_option", Error;
    /// Two cells of one value with the same key.
    DuplicateCell = "duplicate_cell", Error;
    /// Cells that do not add up to their margin (or to the value's own
    /// figure): all of a breakdown's cells must equal it, some of them must
    /// not exceed it.
    BreakdownSumMismatch = "breakdown_sum_mismatch", Error;
    /// A breakdown the indicator requires, with no cell at all.
    BreakdownMissing = "breakdown_missing", Error;
    /// A breakdown the indicator requires, with some of its options left out.
    BreakdownIncomplete = "breakdown_incomplete", Error;
    /// A number in a field the indicator's measure does not use (a count on a
    /// percent, a sex split on money, a numerator on a survey figure, an
    /// unknown numeric field): it would reach no total, so it is an error.
    FieldNotForMeasure = "field_not_for_measure", Error;
    /// A percent, ratio or rate that adds up, given without both its numerator
    /// and its denominator (a stated figure alone cannot be added up).
    NumeratorDenominatorRequired = "numerator_denominator_required", Error;
    /// Submitted after the due date.
    LateSubmission = "late_submission", Warning;
    /// A submission date after the date of the check: it cannot be true yet,
    /// so the report is rejected (and cannot supersede another).
    FutureSubmission = "future_submission", Error;
    /// A submission date before the period it reports on has started: it
    /// cannot be true, so the report is rejected (and cannot supersede another).
    SubmittedBeforePeriodStart = "submitted_before_period_start", Error;
    /// A stated figure outside what its measure allows: a percent outside
    /// 0–100, a negative ratio or rate.
    ValueOutOfRange = "value_out_of_range", Error;
    /// Submitted before the period it reports on has ended (unless the plan itself sets the due date earlier).
    SubmittedBeforePeriodEnd = "submitted_before_period_end", Warning;
    /// A flow indicator whose annual value is below the same unit's six-month value.
    AnnualBelowSixMonth = "annual_below_six_month", Warning;
    /// A value far from the same unit's previous period.
    Outlier = "outlier", Warning;
    /// A second report for the same unit, kind and period: the later submission supersedes.
    DuplicateReport = "duplicate_report", Warning;
    /// A sum past 2^53 − 1: female + male of a value with no total, or a sum over reports.
    Overflow = "overflow", Error;
    /// The plan refers to a unit it does not define.
    PlanUnknownUnit = "plan_unknown_unit", Error;
    /// The plan refers to an indicator neither it nor the catalogue defines.
    PlanUnknownIndicator = "plan_unknown_indicator", Error;
    /// A target for an indicator that does not exist.
    PlanTargetUnknownIndicator = "plan_target_unknown_indicator", Error;
    /// Two things of the same kind share an id.
    PlanDuplicateId = "plan_duplicate_id", Error;
    /// A period that ends before it starts.
    PlanInvalidPeriod = "plan_invalid_period", Error;
    /// A due date before its period starts.
    PlanDueBeforePeriodStart = "plan_due_before_period_start", Error;
    /// A due date before its period ends: reports will carry estimates.
    PlanDueBeforePeriodEnd = "plan_due_before_period_end", Warning;
    /// Two schedule entries of the same kind whose periods overlap.
    PlanOverlappingWindows = "plan_overlapping_windows", Error;
    /// A unit whose parent chain loops back to itself.
    PlanUnitCycle = "plan_unit_cycle", Error;
    /// An indicator broken down by a dimension neither the plan nor the catalogue defines.
    PlanUnknownDimension = "plan_unknown_dimension", Error;
    /// A breakdown's option, or a group's member, that its dimension does not have.
    PlanUnknownOption = "plan_unknown_option", Error;
    /// Two bands of a dimension (age groups) that share an age: a person
    /// would be counted in both.
    PlanBandsOverlap = "plan_bands_overlap", Error;
    /// Ages between two bands of a dimension that no band holds.
    PlanBandsGap = "plan_bands_gap", Warning;
    /// An option in two groups of one dimension (or twice in one group): it
    /// would be added up twice.
    PlanOptionRollsUpTwice = "plan_option_rolls_up_twice", Error;
    // The workflow (docs/workflow.md): why a transition is refused.
    /// A schedule entry id the plan does not have.
    UnknownEntry = "unknown_entry", Error;
    /// A report the plan does not expect: its unit is not asked to report,
    /// or does not exist during the entry's period.
    ReportNotExpected = "report_not_expected", Error;
    /// An actor who may not take the action: a unit submitting another's
    /// report, a unit other than the plan's reviewer reviewing one.
    NotPermitted = "not_permitted", Error;
    /// An action the report's state does not allow (accepting a draft,
    /// submitting over an accepted version, locking before acceptance).
    TransitionNotAllowed = "transition_not_allowed", Error;
    /// A return or a reopening without a reason.
    ReasonRequired = "reason_required", Error;
    /// A version that is not the current one (the next, for a submission).
    VersionMismatch = "version_mismatch", Error;
    /// A date before the report's last transition.
    DateBeforePrevious = "date_before_previous", Error;
    /// A transition dated after the date of the check.
    FutureEvent = "future_event", Error;
    /// A correction submitted on the same day as the version it corrects.
    CorrectionSameDay = "correction_same_day", Error;
    /// A standing that cannot be true (a draft with a version, a returned report with no reason).
    StandingInconsistent = "standing_inconsistent", Error;
    /// A summary whose report of a unit is not the workflow's current version.
    StateMismatch = "state_mismatch", Warning;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding of validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Finding")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) into the report or plan: where a form marks the field. `""` is the whole document.
    pub path: String,
    /// The message in Vietnamese.
    pub message_vi: String,
    /// The message in English.
    pub message_en: String,
    /// The values involved: `expected`, `actual`, `indicator`, `limit`...
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Value>,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(code: Code, path: impl Into<String>, (message_vi, message_en): (String, String)) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            path: path.into(),
            message_vi,
            message_en,
            context: BTreeMap::new(),
        }
    }
    /// Adds a value involved.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Finding {
        self.context.insert(key.to_string(), value.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts findings in the stable order: by path (array indexes as numbers), then code text,
/// so every language can state the same order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        cmp_pointer(&a.path, &b.path).then(a.code.as_str().cmp(b.code.as_str())).then(a.message_en.cmp(&b.message_en))
    });
}

fn cmp_pointer(a: &str, b: &str) -> Ordering {
    let mut x = a.split('/');
    let mut y = b.split('/');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => {
                let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => p.cmp(q),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// Escapes one JSON Pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`).
/// Names the cell of every finding that points into a report read from an
/// Excel form (`cells`: JSON Pointer → cell, see `Positions::cells`), in its
/// context as `cell`: the longest pointer recorded that starts the finding's.
#[cfg(feature = "excel")]
pub fn place_cells(cells: &std::collections::BTreeMap<String, String>, findings: &mut [Finding]) {
    if cells.is_empty() {
        return;
    }
    for f in findings {
        let mut p = f.path.as_str();
        while !p.is_empty() {
            if let Some(c) = cells.get(p) {
                f.context.insert("cell".into(), Value::String(c.clone()));
                break;
            }
            p = p.rfind('/').and_then(|i| p.get(..i)).unwrap_or_default();
        }
    }
}

pub fn escape_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Joins a pointer and one more segment. Called for every value read and
/// checked, so it writes into one buffer and escapes only when it must.
pub fn pointer(base: &str, segment: impl std::fmt::Display) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(base.len() + 16);
    out.push_str(base);
    out.push('/');
    let start = out.len();
    let _ = write!(out, "{segment}");
    if let Some(seg) = out.get(start..).filter(|s| s.contains(['~', '/'])).map(escape_segment) {
        out.truncate(start);
        out.push_str(&seg);
    }
    out
}

/// How strictly a plan checks its reports. Everything has a documented default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleSettings {
    /// Severity overrides by code: `{"missing_required": "error", "outlier": "off"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<Code, Level>,
    /// `outlier` fires when a value is more than this many times, or less than
    /// one over this many times, the same unit's previous value. Default 3.
    #[serde(default = "default_outlier_factor")]
    pub outlier_factor: f64,
    /// `outlier` ignores values where both the old and the new are below this
    /// count: small numbers swing. Default 20.
    #[serde(default = "default_outlier_min", deserialize_with = "crate::model::exact_u64")]
    pub outlier_min: u64,
    /// How far, in points, a stated percent may be from numerator ÷ denominator. Default 0.05.
    #[serde(default = "default_percent_tolerance")]
    pub percent_tolerance: f64,
    /// A published summary hides counts of violence cases and victims below
    /// this (and the cells that would give them away). Default 5.
    #[serde(default = "default_small_cells", deserialize_with = "crate::model::exact_u64")]
    pub small_cells: u64,
    /// What an error leaves out of the summary: the whole report (default)
    /// or only the value it points into.
    #[serde(default, skip_serializing_if = "is_report")]
    pub acceptance: Acceptance,
    /// The same, rule by rule, over `acceptance`: `{"breakdown_sum_mismatch": "value"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub acceptance_by_code: BTreeMap<Code, Acceptance>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_report(a: &Acceptance) -> bool {
    *a == Acceptance::Report
}

fn default_small_cells() -> u64 {
    5
}

fn default_outlier_factor() -> f64 {
    3.0
}
fn default_outlier_min() -> u64 {
    20
}
fn default_percent_tolerance() -> f64 {
    0.05
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            severity: BTreeMap::new(),
            outlier_factor: default_outlier_factor(),
            outlier_min: default_outlier_min(),
            percent_tolerance: default_percent_tolerance(),
            small_cells: default_small_cells(),
            acceptance: Acceptance::Report,
            acceptance_by_code: BTreeMap::new(),
        }
    }
}

impl RuleSettings {
    pub fn is_default(&self) -> bool {
        *self == RuleSettings::default()
    }
    /// What an error of `code` leaves out of the summary.
    pub fn acceptance_of(&self, code: Code) -> Acceptance {
        self.acceptance_by_code.get(&code).copied().unwrap_or(self.acceptance)
    }
    /// The level of `code` under these settings.
    pub fn level(&self, code: Code) -> Level {
        match self.severity.get(&code) {
            Some(l) => *l,
            None => match code.default_severity() {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
            },
        }
    }
    /// Applies the settings: changes severities and drops findings of rules turned off.
    /// `malformed` and `too_large` cannot be turned off or down: a report that
    /// cannot be read cannot be used.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.severity_of(&f)?;
                Some(f)
            })
            .collect()
    }

    /// The severity `f` has under these settings; `None` when its rule is off.
    pub fn severity_of(&self, f: &Finding) -> Option<Severity> {
        if matches!(f.code, Code::Malformed | Code::TooLarge) {
            return Some(f.severity);
        }
        match self.level(f.code) {
            Level::Off => None,
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn code_text_matches_serde() {
        for c in Code::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), Value::String(c.as_str().into()));
        }
    }

    #[test]
    fn pointers_order_numbers_as_numbers() {
        assert_eq!(cmp_pointer("/values/2", "/values/10"), Ordering::Less);
        assert_eq!(cmp_pointer("", "/values"), Ordering::Less);
        assert_eq!(pointer("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
