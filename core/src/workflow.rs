//! The life of a report: submitted, returned with a reason, accepted, locked,
//! reopened; its versions; who may act; and the audit trail.
//!
//! **Key decision: the library decides, the host stores.** A portal and a
//! field app that each kept their own idea of "submitted" and "accepted"
//! would disagree. Here every transition is decided in one place: given the
//! plan, a report's identity (unit and schedule entry), where it stands
//! (state and version) and a [`Step`] someone asks to take (who does what,
//! when and why), core returns the new [`Standing`] and the [`ReportEvent`]
//! to append to the host's log, or the findings that say why not. Nothing is
//! stored here; no I/O.
//! [`replay`] turns a log back into standings, the same in every runtime,
//! and [`add_states`] shows them in a summary's completeness.
//!
//! The transitions are data ([`TRANSITIONS`]); docs/workflow.md explains
//! them with the Lai Châu plan.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::aggregate::Summary;
use crate::finding::{self, pointer, Code, Finding};
use crate::messages as msg;
use crate::model::{Date, Plan, UnitId};
use crate::output::Lang;
use crate::read::typed::{lenient_list, word, Cx, FromJson, Obj, Path};
use crate::read::{Limits, Read};
use crate::validate::Status;

/// Where a report is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
// `ReportState` in Kotlin and Swift: `State` is also Compose's and SwiftUI's.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "ReportState"))]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Nháp: nothing submitted yet (version 0).
    Draft,
    /// Đã nộp, chờ duyệt: a version is in, awaiting review.
    Submitted,
    /// Trả lại: the standing agency sent the version back, with a reason.
    Returned,
    /// Đã duyệt: the standing agency accepted the version; it is frozen.
    Accepted,
    /// Đã khóa: an accepted version, locked once the province's summary is closed.
    Locked,
    /// Mở lại: an accepted or locked report opened again, with a reason, for a new version.
    Reopened,
}

impl State {
    /// Every state, in the order of a report's life.
    pub const ALL: &'static [State] =
        &[State::Draft, State::Submitted, State::Returned, State::Accepted, State::Locked, State::Reopened];

    /// The state's short name, as lists and tables show it.
    pub fn name_vi(self) -> &'static str {
        match self {
            State::Draft => "nháp (chưa nộp)",
            State::Submitted => "chờ duyệt",
            State::Returned => "bị trả lại",
            State::Accepted => "đã duyệt",
            State::Locked => "đã khóa",
            State::Reopened => "được mở lại",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Returned => "returned",
            State::Accepted => "accepted",
            State::Locked => "locked",
            State::Reopened => "reopened",
        }
    }
    /// The state in an English sentence: "The report is {phrase}".
    pub fn phrase_en(self) -> &'static str {
        match self {
            State::Draft => "a draft, not yet submitted",
            State::Submitted => "submitted, awaiting review",
            other => other.name_en(),
        }
    }
    /// The actions this state allows, in the order of [`TRANSITIONS`].
    pub fn allowed(self) -> Vec<Action> {
        TRANSITIONS.iter().filter(|(from, _, _)| *from == self).map(|(_, a, _)| *a).collect()
    }
    /// The state `action` leads to from this one; `None` when it is not allowed.
    pub fn after(self, action: Action) -> Option<State> {
        TRANSITIONS.iter().find(|(from, a, _)| *from == self && *a == action).map(|(_, _, to)| *to)
    }
}

/// What a unit or the standing agency does to a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nộp: the reporting unit sends a version (the first, or a correction).
    Submit,
    /// Trả lại: the standing agency sends the version back; a reason is required.
    Return,
    /// Duyệt: the standing agency accepts the version.
    Accept,
    /// Khóa: the standing agency locks an accepted version.
    Lock,
    /// Mở lại: the standing agency opens an accepted or locked report again; a reason is required.
    Reopen,
}

impl Action {
    pub const ALL: &'static [Action] = &[Action::Submit, Action::Return, Action::Accept, Action::Lock, Action::Reopen];

    /// Whether the plan's reviewer (the standing agency) takes this action;
    /// otherwise the reporting unit does (`submit`).
    pub fn by_reviewer(self) -> bool {
        self != Action::Submit
    }
    /// Whether the action needs a reason (`return`, `reopen`).
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Return | Action::Reopen)
    }
    pub fn verb_vi(self) -> &'static str {
        match self {
            Action::Submit => "nộp",
            Action::Return => "trả lại",
            Action::Accept => "duyệt",
            Action::Lock => "khóa",
            Action::Reopen => "mở lại",
        }
    }
    pub fn verb_en(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Return => "return",
            Action::Accept => "accept",
            Action::Lock => "lock",
            Action::Reopen => "reopen",
        }
    }
    pub fn past_en(self) -> &'static str {
        match self {
            Action::Submit => "submitted",
            Action::Return => "returned",
            Action::Accept => "accepted",
            Action::Lock => "locked",
            Action::Reopen => "reopened",
        }
    }
}

/// Every allowed transition: from a state, by an action, to a state. What
/// is not here is refused (`transition_not_allowed`).
pub const TRANSITIONS: &[(State, Action, State)] = &[
    (State::Draft, Action::Submit, State::Submitted),
    // A correction before review: the new version supersedes the one it corrects.
    (State::Submitted, Action::Submit, State::Submitted),
    (State::Submitted, Action::Return, State::Returned),
    (State::Submitted, Action::Accept, State::Accepted),
    (State::Returned, Action::Submit, State::Submitted),
    (State::Accepted, Action::Lock, State::Locked),
    (State::Accepted, Action::Reopen, State::Reopened),
    (State::Locked, Action::Reopen, State::Reopened),
    (State::Reopened, Action::Submit, State::Submitted),
    // Reopened with nothing to correct: the same version is accepted again.
    (State::Reopened, Action::Accept, State::Accepted),
];

/// Where one report stands: what the host stores for it, beside its identity
/// (unit and schedule entry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Standing {
    pub state: State,
    /// The current version: 0 in draft, then 1, 2... one more at each submission.
    pub version: u32,
    /// When the current version was submitted: the `submitted` date its report carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    /// The date of the last transition; the next one may not be earlier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The reason given with the last transition: always there when returned or reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Standing {
    /// A report with nothing submitted yet.
    pub fn draft() -> Standing {
        Standing { state: State::Draft, version: 0, submitted: None, date: None, reason: None }
    }
}

impl Default for Standing {
    fn default() -> Standing {
        Standing::draft()
    }
}

/// One report's standing with its identity: an entry of [`Replay::standings`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportStanding {
    /// The reporting unit.
    pub unit: UnitId,
    /// The schedule entry's id (`2024-6m`).
    pub entry: String,
    #[serde(flatten)]
    pub standing: Standing,
}

/// What an actor asks to do to a report: the input of [`transition`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Step (yêu cầu chuyển trạng thái)")]
pub struct Step {
    /// The reporting unit whose report it is.
    pub unit: UnitId,
    /// The schedule entry's id (`2024-6m`).
    pub entry: String,
    pub action: Action,
    /// The acting unit: the reporting unit to submit, the plan's reviewer for the rest.
    pub by: UnitId,
    pub date: Date,
    /// The version the actor acted on: for a submission the new version's
    /// number, for a review the version reviewed. Left out: the current one
    /// (the next for a submission). A stale number is refused
    /// (`version_mismatch`), so nobody accepts a version they did not see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Why: required to return and to reopen, a note otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the report stands now, as the host stored it. Left out: a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
}

/// One transition that happened: who did what to which report and version,
/// when and why. The host appends it to its log; [`replay`] reads the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportEvent {
    /// The reporting unit whose report it is.
    pub unit: UnitId,
    /// The schedule entry's id (`2024-6m`).
    pub entry: String,
    pub action: Action,
    /// The acting unit.
    pub by: UnitId,
    pub date: Date,
    /// The version: the new one for a submission, the one reviewed otherwise.
    pub version: u32,
    /// Why (required to return and to reopen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What an allowed step gives: the report's new standing and the event to append.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Transition (chuyển trạng thái)")]
// `ReportTransition` in Kotlin and Swift: `Transition` is also Compose's and SwiftUI's.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "ReportTransition"))]
pub struct Transition {
    pub standing: Standing,
    pub event: ReportEvent,
    /// Warnings of reading the step (`text_not_normalized`); empty for a typed one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// A log of events as the host keeps it: a JSON array of [`ReportEvent`]s,
/// oldest first. What `schemas/events.schema.json` describes; [`read_events`]
/// reads it into an [`EventLog`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Events (nhật ký sự kiện)")]
pub struct Events(pub Vec<ReportEvent>);

/// A log of events as read: each in its place, `None` where it could not be
/// read (its findings say why), so that findings point at the right index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventLog {
    pub events: Vec<Option<ReportEvent>>,
    /// What reading found: `malformed` at `/3/action`, `too_large`, `text_not_normalized`.
    pub findings: Vec<Finding>,
}

impl From<Vec<ReportEvent>> for EventLog {
    fn from(events: Vec<ReportEvent>) -> EventLog {
        EventLog { events: events.into_iter().map(Some).collect(), findings: Vec::new() }
    }
}

/// Where every report stands after a log, and what was refused.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Replay (trạng thái các báo cáo)")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Replay {
    /// Every report with at least one event applied, by schedule entry (in
    /// the plan's order), then by unit (in the order of `reporting.units`).
    pub standings: Vec<ReportStanding>,
    /// How many events the log holds.
    pub events: u32,
    /// The indexes of the events not applied (refused, or unreadable), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<u32>,
    /// Why: each finding's path starts with its event's index (`/3/by`).
    pub findings: Vec<Finding>,
}

impl Replay {
    /// The standing of `unit`'s report for `entry`; `None` for a report with no event (a draft).
    pub fn standing(&self, unit: &str, entry: &str) -> Option<&Standing> {
        self.standings.iter().find(|s| s.unit.as_str() == unit && s.entry == entry).map(|s| &s.standing)
    }
}

// --- deciding ---

/// One step, borrowed from a [`Step`] or a [`ReportEvent`].
struct Act<'a> {
    unit: &'a UnitId,
    entry: &'a str,
    action: Action,
    by: &'a UnitId,
    date: Date,
    version: Option<u32>,
    reason: Option<&'a str>,
}

fn unit_name<'p>(plan: &'p Plan, id: &'p UnitId) -> &'p str {
    plan.unit(id).map_or(id.as_str(), |u| u.name.as_str())
}

/// The findings against `act` on a report standing at `s` (paths relative
/// to the step), or the new standing and the event's version.
fn decide(plan: &Plan, act: &Act, s: &Standing, as_of: Date) -> Result<(Standing, u32), Vec<Finding>> {
    let mut out = Vec::new();
    let entry = plan.reporting.schedule.iter().find(|e| e.id == act.entry);
    if entry.is_none() {
        out.push(Finding::new(Code::UnknownEntry, "/entry", msg::unknown_entry(act.entry)).with("entry", act.entry));
    }
    match plan.unit(act.unit) {
        None => out.push(
            Finding::new(Code::UnknownUnit, "/unit", msg::unknown_unit(act.unit.as_str()))
                .with("unit", act.unit.as_str()),
        ),
        Some(u) => {
            if let Some(e) = entry {
                let m = if !plan.expects(act.unit) {
                    Some(msg::report_not_asked(&u.name, &e.id))
                } else if !u.valid_during(&e.period) {
                    Some(msg::report_unit_not_valid(&u.name, &e.id, e.period.from, e.period.to))
                } else {
                    None
                };
                if let Some(m) = m {
                    out.push(
                        Finding::new(Code::ReportNotExpected, "/unit", m)
                            .with("unit", act.unit.as_str())
                            .with("entry", e.id.as_str()),
                    );
                }
            }
        }
    }
    // Who may act: the unit submits its own report; the reviewer does the rest.
    let reviewer = plan.reviewer();
    if plan.unit(act.by).is_none() {
        out.push(
            Finding::new(Code::UnknownUnit, "/by", msg::unknown_actor(act.by.as_str())).with("unit", act.by.as_str()),
        );
    } else {
        let (may, m) = if act.action.by_reviewer() {
            (reviewer, msg::not_permitted_review(act.action, unit_name(plan, reviewer), unit_name(plan, act.by)))
        } else {
            (act.unit, msg::not_permitted_submit(unit_name(plan, act.unit), unit_name(plan, act.by)))
        };
        if act.by != may {
            out.push(
                Finding::new(Code::NotPermitted, "/by", m)
                    .with("action", act.action.verb_en())
                    .with("by", act.by.as_str())
                    .with("expected", may.as_str()),
            );
        }
    }
    let next = s.state.after(act.action);
    let version = if act.action == Action::Submit { s.version.checked_add(1) } else { Some(s.version) };
    match next {
        None => {
            let allowed = s.state.allowed();
            out.push(
                Finding::new(
                    Code::TransitionNotAllowed,
                    "/action",
                    msg::transition_not_allowed(s.state, act.action, &allowed),
                )
                .with("state", serde_plain(&s.state))
                .with("action", act.action.verb_en())
                .with("allowed", allowed.iter().map(|a| a.verb_en()).collect::<Vec<_>>()),
            );
        }
        Some(_) => {
            match (version, act.version) {
                (None, actual) => {
                    let f = Finding::new(
                        Code::VersionMismatch,
                        "/version",
                        msg::version_mismatch(act.action, s.version, None, actual.unwrap_or(s.version)),
                    )
                    .with("current", s.version);
                    out.push(match actual {
                        Some(a) => f.with("actual", a),
                        None => f,
                    });
                }
                (Some(expected), Some(actual)) if actual != expected => out.push(
                    Finding::new(
                        Code::VersionMismatch,
                        "/version",
                        msg::version_mismatch(act.action, s.version, Some(expected), actual),
                    )
                    .with("expected", expected)
                    .with("actual", actual),
                ),
                _ => {}
            }
            if act.action == Action::Submit && s.version > 0 && s.submitted == Some(act.date) {
                out.push(
                    Finding::new(
                        Code::CorrectionSameDay,
                        "/date",
                        msg::correction_same_day(version.unwrap_or(s.version), act.date),
                    )
                    .with("date", act.date.iso())
                    .with("version", version.unwrap_or(s.version)),
                );
            }
        }
    }
    if act.action.needs_reason() && act.reason.is_none_or(|r| r.trim().is_empty()) {
        out.push(
            Finding::new(Code::ReasonRequired, "/reason", msg::reason_required(act.action))
                .with("action", act.action.verb_en()),
        );
    }
    if let Some(last) = s.date.filter(|d| act.date < *d) {
        out.push(
            Finding::new(Code::DateBeforePrevious, "/date", msg::date_before_previous(act.date, last))
                .with("date", act.date.iso())
                .with("previous", last.iso()),
        );
    }
    if act.date > as_of {
        out.push(
            Finding::new(Code::FutureEvent, "/date", msg::future_event(act.date, as_of))
                .with("date", act.date.iso())
                .with("as_of", as_of.iso()),
        );
    }
    if let Some(e) = entry.filter(|e| act.action == Action::Submit && act.date < e.period.from) {
        out.push(
            Finding::new(
                Code::SubmittedBeforePeriodStart,
                "/date",
                msg::submitted_before_period_start(act.date, e.period.from),
            )
            .with("submitted", act.date.iso())
            .with("period_start", e.period.from.iso()),
        );
    }
    match (next, version) {
        (Some(state), Some(version)) if out.is_empty() => Ok((
            Standing {
                state,
                version,
                submitted: if act.action == Action::Submit { Some(act.date) } else { s.submitted },
                date: Some(act.date),
                reason: act.reason.map(str::to_string),
            },
            version,
        )),
        _ => {
            finding::sort(&mut out);
            Err(out)
        }
    }
}

/// An enum's JSON word (`accepted`).
fn serde_plain<T: Serialize>(t: &T) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Whether a standing a host passed can be true (paths under `base`).
fn check_standing(s: &Standing, base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut problem = |field: &str, what: &str| {
        out.push(
            Finding::new(
                Code::StandingInconsistent,
                pointer(base, field),
                msg::standing_inconsistent(s.state, field, what, s.submitted, s.date),
            )
            .with("state", serde_plain(&s.state))
            .with("field", field)
            .with("problem", what),
        );
    };
    if s.state == State::Draft {
        if s.version != 0 {
            problem("version", "draft_version");
        }
        for (field, given) in
            [("submitted", s.submitted.is_some()), ("date", s.date.is_some()), ("reason", s.reason.is_some())]
        {
            if given {
                problem(field, "not_in_draft");
            }
        }
        return out;
    }
    if s.version == 0 {
        problem("version", "no_version");
    }
    match (s.submitted, s.date) {
        (None, _) => problem("submitted", "missing"),
        (Some(sub), Some(d)) if sub > d => problem("submitted", "submitted_after_date"),
        (Some(sub), Some(d)) if s.state == State::Submitted && sub != d => problem("date", "date_not_submitted"),
        _ => {}
    }
    if s.date.is_none() {
        problem("date", "missing");
    }
    if matches!(s.state, State::Returned | State::Reopened) && s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        problem("reason", "missing");
    }
    out
}

/// Decides one step at `as_of`: the new standing and the event to
/// append, or every finding that says why not (sorted; all errors).
///
/// Refused: an unknown schedule entry or unit, a unit the plan does not ask
/// to report for that entry, an actor who may not take the action, a
/// transition the state does not allow, a return or reopening without a
/// reason, a stale version, a date before the report's last change or after
/// `as_of`, a submission before the period starts or on the same day as the
/// version it corrects, and a standing that cannot be true.
pub fn transition(plan: &Plan, step: &Step, as_of: Date) -> Result<Transition, Vec<Finding>> {
    let draft = Standing::draft();
    let s = step.standing.as_ref().unwrap_or(&draft);
    let mut out = check_standing(s, "/standing");
    let act = Act {
        unit: &step.unit,
        entry: &step.entry,
        action: step.action,
        by: &step.by,
        date: step.date,
        version: step.version,
        reason: step.reason.as_deref(),
    };
    match decide(plan, &act, s, as_of) {
        Ok((standing, version)) if out.is_empty() => Ok(Transition {
            standing,
            event: ReportEvent {
                unit: step.unit.clone(),
                entry: step.entry.clone(),
                action: step.action,
                by: step.by.clone(),
                date: step.date,
                version,
                reason: step.reason.clone(),
            },
            findings: Vec::new(),
        }),
        Ok(_) => Err(out),
        Err(more) => {
            out.extend(more);
            finding::sort(&mut out);
            Err(out)
        }
    }
}

/// Replays a log from the start at `as_of`: every event is decided as
/// [`transition`] decides it, against the standing the events before it left.
/// A refused event changes nothing; its findings point at it (`/3/by`).
pub fn replay(plan: &Plan, log: &EventLog, as_of: Date) -> Replay {
    replay_with(plan, log, as_of, &Limits::default())
}

/// [`replay`], keeping at most `limits.max_findings` findings.
pub fn replay_with(plan: &Plan, log: &EventLog, as_of: Date, limits: &Limits) -> Replay {
    let mut findings = log.findings.clone();
    let mut refused = BTreeSet::new();
    // The events that could not be read are not applied either.
    for (i, e) in log.events.iter().enumerate() {
        if e.is_none() {
            refused.insert(i);
        }
    }
    let mut now: BTreeMap<(&UnitId, &str), Standing> = BTreeMap::new();
    let draft = Standing::draft();
    for (i, e) in log.events.iter().enumerate() {
        let Some(e) = e else { continue };
        let key = (&e.unit, e.entry.as_str());
        let s = now.get(&key).unwrap_or(&draft);
        let act = Act {
            unit: &e.unit,
            entry: &e.entry,
            action: e.action,
            by: &e.by,
            date: e.date,
            version: Some(e.version),
            reason: e.reason.as_deref(),
        };
        match decide(plan, &act, s, as_of) {
            Ok((next, _)) => {
                now.insert(key, next);
            }
            Err(found) => {
                refused.insert(i);
                let at = format!("/{i}");
                findings.extend(found.into_iter().map(|mut f| {
                    f.path = format!("{at}{}", f.path);
                    f
                }));
            }
        }
    }
    // Only reports the plan expects get this far: their entry and unit have places.
    // Places found once, not by a scan per report: a country has thousands of communes.
    let mut entries: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in plan.reporting.schedule.iter().enumerate() {
        entries.entry(e.id.as_str()).or_insert(i);
    }
    let mut units: BTreeMap<&UnitId, usize> = BTreeMap::new();
    for (i, u) in plan.reporting.units.iter().enumerate() {
        units.entry(u).or_insert(i);
    }
    let place = |unit: &UnitId, entry: &str| {
        (entries.get(entry).copied().unwrap_or(usize::MAX), units.get(unit).copied().unwrap_or(usize::MAX))
    };
    let mut standings: Vec<ReportStanding> = now
        .into_iter()
        .map(|((unit, entry), standing)| ReportStanding { unit: unit.clone(), entry: entry.to_string(), standing })
        .collect();
    standings.sort_by_key(|s| place(&s.unit, &s.entry));
    finding::sort(&mut findings);
    Replay {
        standings,
        events: u32::try_from(log.events.len()).unwrap_or(u32::MAX),
        refused: refused.into_iter().map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect(),
        findings: limits.cap(findings),
    }
}

// --- the summary ---

/// Shows the reports' states in a summary: replays `log` at the summary's
/// date, puts each expected unit of each schedule entry under its report's
/// state (`completeness.states`; `draft` where nothing was submitted), and
/// adds to `summary.findings` the log's findings (paths under `/events`) and
/// a `state_mismatch` warning for every unit whose report in the summary is
/// not the workflow's current version (by submission date). Returns the replay.
pub fn add_states(summary: &mut Summary, plan: &Plan, log: &EventLog) -> Replay {
    let replay = replay(plan, log, summary.as_of);
    let standings: BTreeMap<(&str, &str), &Standing> =
        replay.standings.iter().map(|s| ((s.unit.as_str(), s.entry.as_str()), &s.standing)).collect();
    let mut found = Vec::new();
    for p in &mut summary.periods {
        let c = &mut p.completeness;
        let expected: BTreeSet<&UnitId> = c.units.values().flatten().collect();
        // The reports of each unit for this entry that the summary received and
        // did not set aside for a later one (used, or rejected for errors), by
        // submission date, found in one pass as completeness finds them.
        let mut kept: BTreeMap<&UnitId, BTreeSet<Date>> = BTreeMap::new();
        for o in &summary.accounting {
            let here = o.kind == Some(p.kind) && o.period.is_some_and(|x| x.overlaps(&p.period));
            if let (Some(u), Some(d), true) = (o.unit.as_ref(), o.submitted, here) {
                if o.status != Status::Superseded && d <= summary.as_of {
                    kept.entry(u).or_default().insert(d);
                }
            }
        }
        let none = BTreeSet::new();
        let mut states: BTreeMap<State, Vec<UnitId>> = State::ALL.iter().map(|s| (*s, Vec::new())).collect();
        for u in &expected {
            let s = standings.get(&(u.as_str(), p.entry.as_str())).copied();
            states.entry(s.map_or(State::Draft, |s| s.state)).or_default().push((*u).clone());
            let kept = kept.get(*u).unwrap_or(&none);
            let current = s.and_then(|s| s.submitted.map(|d| (s.version, d)));
            let agree = match current {
                Some((_, d)) => kept.contains(&d),
                None => kept.is_empty(),
            };
            if !agree {
                let used = kept.iter().next_back().copied();
                let mut f = Finding::new(
                    Code::StateMismatch,
                    "",
                    msg::state_mismatch(unit_name(plan, u), &p.entry, current, used),
                )
                .with("unit", u.as_str())
                .with("entry", p.entry.as_str());
                if let Some((v, d)) = current {
                    f = f.with("version", v).with("submitted", d.iso());
                }
                if let Some(d) = used {
                    f = f.with("used", d.iso());
                }
                found.push(f);
            }
        }
        c.states = Some(states);
    }
    summary.findings.extend(replay.findings.iter().cloned().map(|mut f| {
        f.path = format!("/events{}", f.path);
        f
    }));
    summary.findings.extend(found);
    finding::sort(&mut summary.findings);
    replay
}

// --- reading ---

impl FromJson for State {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<State> {
        word(v, at, cx, State::ALL)
    }
}

impl FromJson for Action {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Action> {
        word(v, at, cx, Action::ALL)
    }
}

impl FromJson for Standing {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Standing> {
        let mut o = Obj::new(v, at, cx)?;
        let state = o.req("state", cx);
        let version = o.req("version", cx);
        let submitted = o.opt("submitted", cx);
        let date = o.opt("date", cx);
        let reason = o.opt("reason", cx);
        // Stored by a host, read back: a field it does not have is a mistake.
        let strict = o.refuse_rest(cx);
        strict?;
        Some(Standing { state: state?, version: version?, submitted: submitted?, date: date?, reason: reason? })
    }
}

impl FromJson for ReportEvent {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<ReportEvent> {
        let mut o = Obj::new(v, at, cx)?;
        let unit = o.req("unit", cx);
        let entry = o.req("entry", cx);
        let action = o.req("action", cx);
        let by = o.req("by", cx);
        let date = o.req("date", cx);
        let version = o.req("version", cx);
        let reason = o.opt("reason", cx);
        // An audit record: a misspelt "reasn" must not pass as no reason.
        let strict = o.refuse_rest(cx);
        strict?;
        Some(ReportEvent {
            unit: unit?,
            entry: entry?,
            action: action?,
            by: by?,
            date: date?,
            version: version?,
            reason: reason?,
        })
    }
}

impl FromJson for Step {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Step> {
        let mut o = Obj::new(v, at, cx)?;
        let unit = o.req("unit", cx);
        let entry = o.req("entry", cx);
        let action = o.req("action", cx);
        let by = o.req("by", cx);
        let date = o.req("date", cx);
        let version = o.opt("version", cx);
        let reason = o.opt("reason", cx);
        let standing = o.opt("standing", cx);
        let strict = o.refuse_rest(cx);
        strict?;
        Some(Step {
            unit: unit?,
            entry: entry?,
            action: action?,
            by: by?,
            date: date?,
            version: version?,
            reason: reason?,
            standing: standing?,
        })
    }
}

/// Reads a log of events from JSON text (an array of events) within
/// `limits`: one unreadable event gives its findings (`/3/action`) and a
/// `None` in its place; the others are read.
pub fn read_events(text: &str, limits: &Limits) -> EventLog {
    let (value, findings) = match crate::read::document(text, limits) {
        Ok(x) => x,
        Err(f) => return EventLog { events: Vec::new(), findings: vec![f] },
    };
    let mut cx = Cx::new(findings, limits.max_findings);
    let (read, kept, _) = lenient_list::<ReportEvent>(&value, &Path::Base(""), &mut cx);
    let n = value.as_array().map_or(0, Vec::len);
    let mut events: Vec<Option<ReportEvent>> = vec![None; n];
    for (e, i) in read.into_iter().zip(kept) {
        if let Some(slot) = events.get_mut(i) {
            *slot = Some(e);
        }
    }
    let mut findings = cx.finish();
    finding::sort(&mut findings);
    EventLog { events, findings }
}

/// Reads a step from JSON text within `limits`.
pub fn read_step(text: &str, limits: &Limits) -> Read<Step> {
    let (value, findings) = match crate::read::document(text, limits) {
        Ok(x) => x,
        Err(f) => return Read { value: None, findings: vec![f], source: None },
    };
    let mut cx = Cx::new(findings, limits.max_findings);
    let step = crate::read::read_typed::<Step>(&value, "", &mut cx);
    let mut findings = cx.finish();
    finding::sort(&mut findings);
    Read { value: step, findings, source: None }
}

/// [`transition`] on a step given as JSON text: reading errors refuse it
/// too; reading warnings come back with it (`Transition::findings`).
pub fn transition_text(plan: &Plan, text: &str, as_of: Date, limits: &Limits) -> Result<Transition, Vec<Finding>> {
    let read = read_step(text, limits);
    let warnings = read.findings;
    match read.value {
        Some(step) if !warnings.iter().any(Finding::is_error) => match transition(plan, &step, as_of) {
            Ok(mut t) => {
                t.findings = warnings;
                Ok(t)
            }
            Err(mut found) => {
                found.extend(warnings);
                finding::sort(&mut found);
                Err(found)
            }
        },
        _ => Err(warnings),
    }
}

// --- text ---

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn day(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Vi => crate::calendar::format_vi_short(d),
        Lang::En => d.iso(),
    }
}

/// One standing in words: "đã duyệt — phiên bản 2, nộp ngày 10/6/2024, ngày 12/6/2024".
fn standing_words(s: &Standing, lang: Lang) -> String {
    let mut out = t(lang, s.state.name_vi(), s.state.name_en()).to_string();
    if s.version > 0 {
        out.push_str(&format!(" — {} {}", t(lang, "phiên bản", "version"), s.version));
    }
    if let Some(d) = s.submitted {
        out.push_str(&format!(", {} {}", t(lang, "nộp ngày", "submitted"), day(lang, d)));
    }
    if let Some(d) = s.date {
        out.push_str(&format!(", {} {}", t(lang, "chuyển trạng thái ngày", "last changed"), day(lang, d)));
    }
    if let Some(r) = &s.reason {
        out.push_str(&format!(" — {}: \"{r}\"", t(lang, "lý do", "reason")));
    }
    out
}

fn findings_lines(findings: &[Finding], lang: Lang, out: &mut String) {
    for f in findings {
        let sev = if f.is_error() { t(lang, "lỗi", "error") } else { t(lang, "cảnh báo", "warning") };
        let path = if f.path.is_empty() { "/" } else { f.path.as_str() };
        let text = if lang == Lang::Vi { &f.message_vi } else { &f.message_en };
        out.push_str(&format!("  {sev}  {path}  {text}  [{}]\n", f.code));
    }
}

/// A replay as text, for a terminal: every report's standing by schedule
/// entry, then the events refused and why.
pub fn replay_to_text(replay: &Replay, plan: &Plan, as_of: Date, lang: Lang) -> String {
    let mut out = format!(
        "{} — {} {} — {} {}\n",
        t(lang, "TRẠNG THÁI BÁO CÁO", "REPORT STATES"),
        t(lang, "Kế hoạch", "Plan"),
        plan.number,
        t(lang, "tính đến ngày", "as of"),
        day(lang, as_of)
    );
    for e in &plan.reporting.schedule {
        let mine: Vec<&ReportStanding> = replay.standings.iter().filter(|s| s.entry == e.id).collect();
        if mine.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n== {} ({}, {} {} – {}) ==\n",
            e.id,
            t(lang, e.kind.name_vi(), e.kind.name_en()),
            t(lang, "kỳ", "period"),
            day(lang, e.period.from),
            day(lang, e.period.to)
        ));
        for s in mine {
            out.push_str(&format!(
                "  {} ({}): {}\n",
                unit_name(plan, &s.unit),
                s.unit,
                standing_words(&s.standing, lang)
            ));
        }
    }
    if !replay.findings.is_empty() {
        out.push_str(&format!("\n{}\n", t(lang, "Sự kiện không được chấp nhận:", "Events refused:")));
        findings_lines(&replay.findings, lang, &mut out);
    }
    let applied = replay.events.saturating_sub(u32::try_from(replay.refused.len()).unwrap_or(u32::MAX));
    out.push_str(&match lang {
        Lang::Vi => format!(
            "\nĐã xem lại {} sự kiện: {applied} được áp dụng, {} không được chấp nhận.\n",
            replay.events,
            replay.refused.len()
        ),
        Lang::En => {
            format!("\nReplayed {} events: {applied} applied, {} refused.\n", replay.events, replay.refused.len())
        }
    });
    out
}

/// A step's outcome as text: the event and the new standing, or why not.
pub fn transition_to_text(result: &Result<Transition, Vec<Finding>>, plan: &Plan, lang: Lang) -> String {
    match result {
        Ok(tr) => {
            let e = &tr.event;
            let mut out = format!(
                "{} {} {} \"{}\" {} {} ({}): {}\n",
                unit_name(plan, &e.by),
                t(lang, e.action.verb_vi(), e.action.past_en()),
                t(lang, "báo cáo", "the report"),
                e.entry,
                t(lang, "của", "of"),
                unit_name(plan, &e.unit),
                day(lang, e.date),
                standing_words(&tr.standing, lang)
            );
            findings_lines(&tr.findings, lang, &mut out);
            out
        }
        Err(findings) => {
            let mut out = format!("{}\n", t(lang, "Không thực hiện được:", "Refused:"));
            findings_lines(findings, lang, &mut out);
            out
        }
    }
}
