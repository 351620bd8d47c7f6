//! Aggregation (tổng hợp): from a pile of unit reports to the province's summary.
//!
//! **Nothing is lost, nothing is mixed.** Every input report is accounted for
//! as used, superseded (by which) or rejected (with its findings). Each
//! schedule entry gets its own summary, so six-month and annual data never
//! mix. Counts and money add up in checked integers: an overflow is a
//! finding, not a wrap. Percents, ratios and rates add numerators and
//! denominators, then divide: never a mean of percents. The result does not
//! depend on the order of the reports.
//!
//! A unit's figure is its own reports plus the figures of its children in
//! the tree valid for the period, so a parent always equals the sum of its
//! children (and of what it reported itself).

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Period, ReportKind, ScheduleEntry, Timeliness};
use crate::catalog::{Catalog, Lookup};
use crate::finding::{self, Code, Finding};
use crate::messages as msg;
use crate::model::{
    ActivityId, ActivityStatus, Aggregation, Cell, CellKey, Count, Date, Direction, FundingSourceId, Indicator,
    IndicatorId, Plan, Report, SexSplit, Temporal, UnitId, ValueEntry,
};
use crate::read::Read;
use crate::validate::{self, Outcome, Status};

/// Female, male and total of one quantity in a summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Parts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub female: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub male: Option<Count>,
    /// The stated totals, or female + male where a report gave only the split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
}

impl Parts {
    fn is_empty(&self) -> bool {
        self.female.is_none() && self.male.is_none() && self.total.is_none()
    }
}

/// Share of women, parity and gap, for indicators split by sex.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GenderMetrics {
    /// Counts: women's share of female + male, in percent.
    /// Percents and rates: the women's figure (female numerator ÷ female denominator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub female: Option<f64>,
    /// Counts: men's share, in percent. Percents and rates: the men's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub male: Option<f64>,
    /// Parity index: women's figure ÷ men's figure (1 is parity); for counts, female ÷ male.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parity_index: Option<f64>,
    /// Gap: women's figure − men's figure, in points (negative: women behind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
}

/// One indicator's figure for one unit in one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Figure {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    /// The cell of a breakdown beyond sex this figure is (dimension id →
    /// option or group code); empty: the indicator's own figure.
    #[serde(default, skip_serializing_if = "CellKey::is_empty")]
    pub by: CellKey,
    /// Counts and money: the summed parts.
    #[serde(default, skip_serializing_if = "Parts::is_empty")]
    pub counts: Parts,
    /// Percents, ratios, rates: the summed numerators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Parts>,
    /// Percents, ratios, rates: the summed denominators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Parts>,
    /// The figure: a count's total; for percents, ratios and rates, total
    /// numerator ÷ total denominator × scale; for indicators that do not add
    /// up, the unit's own stated value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<GenderMetrics>,
    /// How many reports fed this figure.
    pub reports: u32,
    /// Parts whose sum passed 2^53 − 1 (`total`, `numerator/female`...):
    /// left empty above, marked here and in every table, and named by an
    /// `overflow` finding of the summary. Never silently absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overflow: Vec<String>,
}

/// Completeness and timeliness of one schedule entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Completeness {
    /// Units expected to report (those the plan names that exist in the period).
    pub expected: u32,
    /// Units from which a report was received by the summary's date.
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
    pub not_yet_due: u32,
    /// The unit ids in each group: `on_time`, `late`, `missing`, `not_yet_due`.
    pub units: BTreeMap<Timeliness, Vec<UnitId>>,
    /// Units whose report was received but rejected for an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<UnitId>,
    /// The expected units by their report's state in the workflow (`draft`:
    /// nothing submitted), when the summary was given the workflow's events
    /// ([`crate::workflow::add_states`]; `aggregate --events`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states: Option<BTreeMap<crate::workflow::State, Vec<UnitId>>>,
}

/// How an indicator stands against a target year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ProgressStatus {
    /// Đạt.
    Achieved,
    /// Chưa đạt.
    NotAchieved,
    /// No figure for the province in this period.
    NoData,
    /// Not published: the province's figure would give a small count of
    /// victims away (see [`crate::publish`]).
    Withheld,
}

/// One indicator against one target year: the province's (at the root of
/// the tree), or a unit's own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Progress {
    pub indicator: IndicatorId,
    /// The unit whose own target this is; left out: the province's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    pub year: i32,
    pub target: f64,
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    pub status: ProgressStatus,
    /// value − target (positive: above the target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// `false` where the target value is not confirmed against the official text.
    pub confirmed: bool,
    pub source: String,
}

/// What the units said about one activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActivityTally {
    pub activity: ActivityId,
    /// How many units reported each status.
    pub statuses: BTreeMap<ActivityStatus, u32>,
    /// The activity's outputs (classes held, people reached...), added up
    /// over every unit's report by indicator, as province-wide figures
    /// (`unit` is the root; a figure that is not added up stays one per
    /// reporting unit). Outputs feed only these totals, never the units'
    /// indicator figures, so nothing is counted twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<Figure>,
}

/// Activities of one content area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AreaActivities {
    pub area: u32,
    pub title: String,
    pub activities: Vec<ActivityTally>,
}

/// Money by funding source, whole đồng.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FundingTotal {
    pub source: FundingSourceId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Count>,
    pub reports: u32,
}

/// What one unit wrote on one content area, from its report used in the
/// summary: the sections it wrote (blank ones left out).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Narrative {
    /// The content area's number in the plan.
    pub area: u32,
    pub unit: UnitId,
    /// Kết quả đạt được.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
    /// Tồn tại, hạn chế và nguyên nhân.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcomings: Option<String>,
    /// Nhiệm vụ trọng tâm kỳ tới.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tasks: Option<String>,
    /// Kiến nghị, đề xuất.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<String>,
}

impl Narrative {
    /// A section's text.
    pub fn section(&self, s: crate::model::NarrativeSection) -> Option<&str> {
        use crate::model::NarrativeSection as S;
        match s {
            S::Results => self.results.as_deref(),
            S::Shortcomings => self.shortcomings.as_deref(),
            S::NextTasks => self.next_tasks.as_deref(),
            S::Recommendations => self.recommendations.as_deref(),
        }
    }
}

/// The summary of one schedule entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PeriodSummary {
    /// The schedule entry's id.
    pub entry: String,
    pub kind: ReportKind,
    pub period: Period,
    pub due: Date,
    pub completeness: Completeness,
    /// Every unit with data in its subtree, the root included, by unit then indicator.
    pub figures: Vec<Figure>,
    /// Every target year of every indicator with a target, at the root.
    pub progress: Vec<Progress>,
    pub activities: Vec<AreaActivities>,
    pub funding: Vec<FundingTotal>,
    /// What the units wrote on each content area (reports' `narrative`),
    /// by area, then by the unit's place in the plan's reporting units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narratives: Vec<Narrative>,
}

/// The province's summary (tổng hợp).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Summary (tổng hợp)")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Summary {
    /// The plan's number.
    pub plan: String,
    /// The date the summary is made at.
    pub as_of: Date,
    /// The root of the unit tree (the province).
    pub root: Option<UnitId>,
    /// One summary per schedule entry, in schedule order.
    pub periods: Vec<PeriodSummary>,
    /// Every input report, in input order: used, superseded or rejected.
    pub accounting: Vec<Outcome>,
    /// Findings of the aggregation itself (`overflow`); with the workflow's
    /// events, theirs (at `/events/<index>`) and `state_mismatch`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// A sum that may be unreported, a count, or past the limit.
///
/// One word rather than an enum of three (16 bytes): a country's
/// aggregation keeps nine of them per figure and is bound by the memory it
/// walks. 0 is unreported, `OVERFLOW` past the limit, any other word the
/// count plus one (a count stops at 2^53 − 1, far below `OVERFLOW`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sum(u64);

impl Sum {
    const NONE: Sum = Sum(0);
    const OVERFLOW: Sum = Sum(u64::MAX);
    fn of(c: Count) -> Sum {
        Sum(c.get() + 1)
    }
    fn add(self, x: Option<Count>) -> Sum {
        match (self, x) {
            (s, None) => s,
            (Sum::NONE, Some(c)) => Sum::of(c),
            (Sum::OVERFLOW, Some(_)) => Sum::OVERFLOW,
            (a, Some(c)) => a.get().and_then(|a| a.checked_add(c)).map_or(Sum::OVERFLOW, Sum::of),
        }
    }
    fn merge(self, other: Sum) -> Sum {
        match other {
            Sum::NONE => self,
            Sum::OVERFLOW => Sum::OVERFLOW,
            c => self.add(c.get()),
        }
    }
    fn get(self) -> Option<Count> {
        match self {
            Sum::NONE | Sum::OVERFLOW => None,
            Sum(n) => Count::new(n - 1),
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Triple {
    female: Sum,
    male: Sum,
    total: Sum,
}

impl Triple {
    fn add(&mut self, s: &SexSplit) {
        self.female = self.female.add(s.female);
        self.male = self.male.add(s.male);
        // An implicit total (female + male) that does not fit is an overflow,
        // never a silently missing total.
        self.total = match (s.total, s.female, s.male) {
            (None, Some(f), Some(m)) => f.checked_add(m).map_or(Sum::OVERFLOW, |t| self.total.add(Some(t))),
            _ => self.total.add(s.effective_total()),
        };
    }
    fn merge(&mut self, o: &Triple) {
        self.female = self.female.merge(o.female);
        self.male = self.male.merge(o.male);
        self.total = self.total.merge(o.total);
    }
    fn parts(&self) -> Parts {
        Parts { female: self.female.get(), male: self.male.get(), total: self.total.get() }
    }
    fn any_overflow(&self) -> bool {
        [self.female, self.male, self.total].contains(&Sum::OVERFLOW)
    }
    fn overflowed(&self) -> Vec<&'static str> {
        [("female", self.female), ("male", self.male), ("total", self.total)]
            .into_iter()
            .filter(|(_, s)| *s == Sum::OVERFLOW)
            .map(|(k, _)| k)
            .collect()
    }
}

/// What one unit's subtree adds up to for one indicator.
///
/// 48 bytes: a country's aggregation holds one for every value of every
/// report it gathers (264,000) before it adds them up, and at 112 bytes
/// each they were a quarter of its peak memory.
#[derive(Clone, Debug)]
struct Acc {
    counts: Triple,
    /// What only some indicators have (percents, ratios and rates; a
    /// stated value), apart: most values are counts.
    rest: Option<Box<Rest>>,
    /// Distinct reports that fed the figure. Subtrees hold different units,
    /// so their reports never overlap and counts add up; within one unit,
    /// entries of the same report (possible when a plan turns
    /// `duplicate_value` into a warning) count once, which `last` tells.
    /// (A set of indexes did the same at the cost of one allocation per
    /// figure: a quarter of a country's aggregation time.)
    reports: u32,
    /// The index of the last report added in, or `NO_REPORT`.
    last: usize,
}

/// No report yet (no batch holds `usize::MAX` reports).
const NO_REPORT: usize = usize::MAX;

impl Default for Acc {
    fn default() -> Acc {
        Acc { counts: Triple::default(), rest: None, reports: 0, last: NO_REPORT }
    }
}

/// The parts of an [`Acc`] that counts do not have.
#[derive(Clone, Debug, Default)]
struct Rest {
    numerator: Triple,
    denominator: Triple,
    has_fraction: bool,
    stated: Option<f64>,
}

impl Acc {
    fn numerator(&self) -> Triple {
        self.rest.as_ref().map_or_else(Triple::default, |r| r.numerator)
    }
    fn denominator(&self) -> Triple {
        self.rest.as_ref().map_or_else(Triple::default, |r| r.denominator)
    }
    fn has_fraction(&self) -> bool {
        self.rest.as_ref().is_some_and(|r| r.has_fraction)
    }
    fn stated(&self) -> Option<f64> {
        self.rest.as_ref().and_then(|r| r.stated)
    }
    fn rest_mut(&mut self) -> &mut Rest {
        self.rest.get_or_insert_with(Box::default)
    }
    /// Every part that overflowed, named as in `Figure::overflow`.
    fn overflowed(&self) -> Vec<String> {
        // Almost no figure overflows: say so without walking every part.
        let (numerator, denominator) = (self.numerator(), self.denominator());
        if !(self.counts.any_overflow() || numerator.any_overflow() || denominator.any_overflow()) {
            return Vec::new();
        }
        [("", &self.counts), ("numerator/", &numerator), ("denominator/", &denominator)]
            .into_iter()
            .flat_map(|(what, t)| t.overflowed().into_iter().map(move |part| format!("{what}{part}")))
            .collect()
    }
    fn from_entry(index: usize, v: &ValueEntry) -> Acc {
        // The value's own fields, as its cell with the empty key would give
        // them, read in place rather than copied into such a cell.
        let mut a = Acc::from_parts(index, &v.counts(), v.numerator.as_ref(), v.denominator.as_ref());
        if v.stated.is_some() {
            a.rest_mut().stated = v.stated;
        }
        a
    }
    fn from_cell(index: usize, c: &Cell) -> Acc {
        Acc::from_parts(index, &c.counts(), c.numerator.as_ref(), c.denominator.as_ref())
    }
    fn from_parts(
        index: usize,
        counts: &SexSplit,
        numerator: Option<&SexSplit>,
        denominator: Option<&SexSplit>,
    ) -> Acc {
        let mut a = Acc::default();
        a.counts.add(counts);
        if let Some(n) = numerator {
            let rest = a.rest_mut();
            rest.numerator.add(n);
            rest.has_fraction = true;
        }
        if let Some(d) = denominator {
            let rest = a.rest_mut();
            rest.denominator.add(d);
            rest.has_fraction = true;
        }
        a.reports = 1;
        a.last = index;
        a
    }
    /// The figure of each cell of a value, and of each margin its cells give
    /// (the value's own figure first, under the empty key, when it has one).
    fn cells_of(index: usize, v: &ValueEntry, lookup: &Lookup, ind: &Indicator) -> Cells {
        // Most values have no cells: their own figure alone, with no map built.
        if v.cells.is_empty() {
            return if v.own_is_empty() { Cells::Empty } else { Cells::Own(Acc::from_entry(index, v)) };
        }
        let mut out = BTreeMap::new();
        if !v.own_is_empty() {
            out.insert(CellKey::new(), Acc::from_entry(index, v));
        }
        let resolved = crate::breakdown::resolve(lookup, ind);
        // Cells whose key validation refused are rejected with their report;
        // an empty or repeated key here is dropped rather than added twice.
        for c in v.cells.iter().filter(|c| !c.by.is_empty() && !c.is_empty()) {
            out.entry(c.by.clone()).or_insert_with(|| Acc::from_cell(index, c));
        }
        let stated: BTreeSet<CellKey> = out.keys().cloned().collect();
        for (key, parts) in crate::breakdown::derive(&stated, &resolved) {
            if parts.is_empty() || out.contains_key(&key) {
                continue;
            }
            let mut sum: Option<Acc> = None;
            for part in &parts {
                if let Some(a) = out.get(part) {
                    sum.get_or_insert_with(Acc::default).merge(a);
                }
            }
            if let Some(mut sum) = sum {
                // One report's cells are one report.
                sum.reports = 1;
                sum.last = index;
                out.insert(key, sum);
            }
        }
        Cells::Keyed(out.into_iter().collect())
    }
    fn merge(&mut self, o: &Acc) {
        self.counts.merge(&o.counts);
        // Without `o.rest` there is nothing more to add: its parts would be unreported sums.
        if let Some(theirs) = &o.rest {
            let mine = self.rest_mut();
            mine.numerator.merge(&theirs.numerator);
            mine.denominator.merge(&theirs.denominator);
            mine.has_fraction |= theirs.has_fraction;
            // A figure that is not added up keeps the first stated value; a
            // second one (the same indicator twice) has its own finding.
            if mine.stated.is_none() {
                mine.stated = theirs.stated;
            }
        }
        if !(self.last != NO_REPORT && self.last == o.last) {
            self.reports = self.reports.saturating_add(o.reports);
        }
        self.last = o.last;
    }
}

/// The figures of one unit's subtree for one indicator, one per cell key,
/// sorted by key (the empty key, the indicator's own figure, first).
///
/// Not a map: almost every figure has the one empty key, and a `BTreeMap`
/// node keeps room for eleven entries (over 2 kB with an `Acc` in each),
/// which made most of a country's memory and time. And that one figure is
/// held in place: a list of one would cost an allocation for every value
/// of every report (a tenth of a country's memory while it is added up).
#[derive(Clone, Debug, Default)]
enum Cells {
    /// Nothing reported.
    #[default]
    Empty,
    /// The indicator's own figure alone, under the empty key.
    Own(Acc),
    /// Figures by cell key, sorted, the keys unique.
    Keyed(Vec<(CellKey, Acc)>),
}

/// The empty cell key, for [`Cells::Own`]'s figure.
static OWN_KEY: CellKey = CellKey::new();

impl Cells {
    /// Each figure with its key, in the order of the keys.
    fn iter(&self) -> impl Iterator<Item = (&CellKey, &Acc)> {
        let (own, keyed): (Option<&Acc>, &[(CellKey, Acc)]) = match self {
            Cells::Empty => (None, &[]),
            Cells::Own(acc) => (Some(acc), &[]),
            Cells::Keyed(list) => (None, list),
        };
        own.map(|acc| (&OWN_KEY, acc)).into_iter().chain(keyed.iter().map(|(key, acc)| (key, acc)))
    }
    fn len(&self) -> usize {
        match self {
            Cells::Empty => 0,
            Cells::Own(_) => 1,
            Cells::Keyed(list) => list.len(),
        }
    }
    /// Adds `other` in, key by key: a key new here starts from zero, as an
    /// entry of a map would (`entry(key).or_default().merge(..)`).
    fn merge(&mut self, other: &Cells) {
        match (&mut *self, other) {
            (_, Cells::Empty) => {}
            // Into nothing yet, adding in is copying (each `Acc` added to zero is itself).
            (Cells::Empty, _) => self.clone_from(other),
            (Cells::Own(mine), Cells::Own(theirs)) => mine.merge(theirs),
            (Cells::Keyed(mine), Cells::Keyed(theirs))
                if mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| a.0 == b.0) =>
            {
                for (mine, theirs) in mine.iter_mut().zip(theirs) {
                    mine.1.merge(&theirs.1);
                }
            }
            _ => {
                let mine = match std::mem::take(self) {
                    Cells::Empty => Vec::new(),
                    Cells::Own(acc) => vec![(CellKey::new(), acc)],
                    Cells::Keyed(list) => list,
                };
                *self = Cells::Keyed(merge_keyed(mine, other));
            }
        }
    }
    /// The indicator's own figure (the empty key), when there is one.
    fn own(self) -> Option<Acc> {
        match self {
            Cells::Empty => None,
            Cells::Own(acc) => Some(acc),
            Cells::Keyed(list) => list.into_iter().next().filter(|(key, _)| key.is_empty()).map(|(_, acc)| acc),
        }
    }
}

/// Two lists of figures sorted by unique keys, added up key by key: one
/// merge-join keeps them so.
fn merge_keyed(mine: Vec<(CellKey, Acc)>, other: &Cells) -> Vec<(CellKey, Acc)> {
    let mut out = Vec::with_capacity(mine.len().max(other.len()));
    let mut mine = mine.into_iter().peekable();
    let mut theirs = other.iter().peekable();
    loop {
        let order = match (mine.peek(), theirs.peek()) {
            (Some(a), Some(b)) => a.0.cmp(b.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        match order {
            std::cmp::Ordering::Less => out.extend(mine.next()),
            std::cmp::Ordering::Greater => {
                if let Some((key, acc)) = theirs.next() {
                    let mut fresh = Acc::default();
                    fresh.merge(acc);
                    out.push((key.clone(), fresh));
                }
            }
            std::cmp::Ordering::Equal => {
                if let (Some((key, mut acc)), Some((_, b))) = (mine.next(), theirs.next()) {
                    acc.merge(b);
                    out.push((key, acc));
                }
            }
        }
    }
    out
}

/// Reads, validates and adds up `inputs` against `plan` at `as_of`.
pub fn aggregate(plan: &Plan, catalog: &Catalog, inputs: Vec<Read<Report>>, as_of: Date) -> Summary {
    aggregate_with(plan, catalog, inputs, as_of, &crate::read::Limits::default())
}

/// [`aggregate`], keeping at most `limits.max_findings` findings per report.
pub fn aggregate_with(
    plan: &Plan,
    catalog: &Catalog,
    inputs: Vec<Read<Report>>,
    as_of: Date,
    limits: &crate::read::Limits,
) -> Summary {
    let batch = validate::batch_with(plan, catalog, inputs, as_of, &[], limits);
    let lookup = Lookup::new(plan, catalog);
    let mut findings = Vec::new();
    let schedule = &plan.reporting.schedule;
    let trees: Vec<_> = schedule.iter().map(|e| tree(plan, &e.period)).collect();
    let shapes: Vec<Shape> = trees.iter().map(Shape::of).collect();
    // Everything each period takes from the reports is gathered first, and
    // the reports (the bulk of a country's input) are let go before any
    // figure is built: the two never take room at the same time.
    let gathered: Vec<Gathered> =
        schedule.iter().zip(&shapes).map(|(e, shape)| gather(plan, &lookup, e, shape, &batch, as_of)).collect();
    let validate::Batch { outcomes, reports } = batch;
    drop(reports);
    let periods =
        gathered.into_iter().zip(&shapes).map(|(g, shape)| roll_up(&lookup, g, shape, &mut findings)).collect();
    finding::sort(&mut findings);
    Summary { plan: plan.number.clone(), as_of, root: root_of(plan), periods, accounting: outcomes, findings }
}

fn root_of(plan: &Plan) -> Option<UnitId> {
    plan.units.iter().find(|u| u.parent.is_none() && u.earlier_parents.is_empty()).map(|u| u.id.clone())
}

/// The tree valid for a period: unit → parent, for units that exist in it.
pub(crate) fn tree(plan: &Plan, period: &Period) -> BTreeMap<UnitId, Option<UnitId>> {
    let valid: BTreeMap<&UnitId, &crate::model::Unit> =
        plan.units.iter().filter(|u| u.valid_during(period)).map(|u| (&u.id, u)).collect();
    valid
        .values()
        .map(|u| {
            // The parent at the period's cut-off, or at the unit's last day if it ended before.
            let day = u.valid_to.map_or(period.to, |t| t.min(period.to));
            let parent = u.parent_on(day).filter(|p| valid.contains_key(p) && *p != &u.id).cloned();
            (u.id.clone(), parent)
        })
        .collect()
}

/// A period's tree as numbers: units are places in an order where every
/// child comes before its parent, so that the country's million values cost
/// no string comparisons.
struct Shape<'t> {
    tree: &'t BTreeMap<UnitId, Option<UnitId>>,
    order: Vec<&'t UnitId>,
    place: BTreeMap<&'t UnitId, usize>,
    /// Each unit's children by place, in the order of their ids.
    kids: Vec<Vec<usize>>,
    /// The units by id (the tree's own order): the order figures come out in.
    by_id: Vec<&'t UnitId>,
    /// Each place's rank in `by_id`.
    unit_rank: Vec<usize>,
}

impl<'t> Shape<'t> {
    fn of(tree: &'t BTreeMap<UnitId, Option<UnitId>>) -> Shape<'t> {
        let mut children: BTreeMap<&UnitId, Vec<&UnitId>> = BTreeMap::new();
        for (u, p) in tree {
            if let Some(p) = p {
                children.entry(p).or_default().push(u);
            }
        }
        let order = post_order(tree, &children);
        let place: BTreeMap<&UnitId, usize> = order.iter().enumerate().map(|(i, u)| (*u, i)).collect();
        let kids = order
            .iter()
            .map(|u| children.get(u).into_iter().flatten().filter_map(|c| place.get(c).copied()).collect())
            .collect();
        let by_id: Vec<&UnitId> = tree.keys().collect();
        let mut unit_rank = vec![0; order.len()];
        for (rank, u) in by_id.iter().enumerate() {
            if let Some(r) = place.get(u).and_then(|i| unit_rank.get_mut(*i)) {
                *r = rank;
            }
        }
        Shape { tree, order, place, kids, by_id, unit_rank }
    }
}

/// What one indicator's values were, unit by unit, before rolling up.
struct Own<'p> {
    ind: &'p Indicator,
    /// Unit place, the report's stamp for stocks, and its cells.
    entries: Vec<(usize, (Date, Date, usize), Cells)>,
}

/// All a period takes from the reports it uses: their values as cells by
/// indicator, and the parts of the summary read straight from them.
struct Gathered<'p> {
    entry: &'p ScheduleEntry,
    /// By the indicator's id (one definition per id), so in id order too.
    slot_of: BTreeMap<&'p IndicatorId, usize>,
    own: Vec<Option<Own<'p>>>,
    completeness: Completeness,
    activities: Vec<AreaActivities>,
    funding: Vec<FundingTotal>,
    narratives: Vec<Narrative>,
    /// What activities and funding said: added after the period's own
    /// figures' findings, as when a period was made in one go (the sort
    /// keeps findings that tie, such as two overflows of one indicator, in
    /// the order they came).
    findings: Vec<Finding>,
    /// The period's root: its activities and progress are the root's.
    root: Option<UnitId>,
}

fn gather<'p>(
    plan: &'p Plan,
    lookup: &Lookup<'p>,
    e: &'p ScheduleEntry,
    shape: &Shape,
    batch: &validate::Batch,
    as_of: Date,
) -> Gathered<'p> {
    let in_entry = |o: &&Outcome| o.kind == Some(e.kind) && o.period == Some(e.period);
    let used: Vec<(usize, &Report)> = batch
        .outcomes
        .iter()
        .filter(in_entry)
        .filter(|o| o.status == Status::Used)
        .filter_map(|o| batch.reports.get(o.index).and_then(Option::as_ref).map(|r| (o.index, r)))
        .collect();

    // Own figures: what each unit reported itself, gathered by indicator in
    // the order of the reports (each figure keyed by its cells too, the
    // empty key for the value itself). Units outside the tree (unknown, or
    // not existing in the period) are rejected by validation; whatever they
    // reported feeds no figure.
    let mut own: Vec<Option<Own>> = Vec::new();
    let mut slot_of: BTreeMap<&IndicatorId, usize> = BTreeMap::new();
    // First each value's indicator (its slot) and how many values each
    // indicator has, so that each list is made its exact size at once:
    // grown by doubling, a third of the country's lists was room never used.
    // An entry with every part left out reports nothing: it feeds no figure.
    let mut slots: Vec<usize> = Vec::new();
    let mut sizes: Vec<usize> = Vec::new();
    for (_, r) in &used {
        if !shape.place.contains_key(&r.unit) {
            continue;
        }
        for v in r.values.iter().filter(|v| !v.is_empty()) {
            // The indicator is looked up in the plan once, at its first value.
            let slot = match slot_of.get(&v.indicator) {
                Some(slot) => *slot,
                None => match lookup.indicator(&v.indicator) {
                    Some(ind) => {
                        slot_of.insert(&ind.id, own.len());
                        own.push(Some(Own { ind, entries: Vec::new() }));
                        sizes.push(0);
                        own.len() - 1
                    }
                    None => usize::MAX,
                },
            };
            if let Some(n) = sizes.get_mut(slot) {
                *n += 1;
            }
            slots.push(slot);
        }
    }
    for (o, n) in own.iter_mut().zip(&sizes) {
        if let Some(o) = o {
            o.entries.reserve_exact(*n);
        }
    }
    // Then the values, in the same order.
    let mut slots = slots.into_iter();
    for (index, r) in &used {
        let Some(&at) = shape.place.get(&r.unit) else { continue };
        for v in r.values.iter().filter(|v| !v.is_empty()) {
            let Some(slot) = slots.next() else { break };
            if let Some(Some(o)) = own.get_mut(slot) {
                let cells = Acc::cells_of(*index, v, lookup, o.ind);
                o.entries.push((at, (r.period.to, r.submitted, *index), cells));
            }
        }
    }
    let root = shape.tree.iter().find(|(_, p)| p.is_none()).map(|(u, _)| u.clone()).or_else(|| root_of(plan));
    let mut findings = Vec::new();
    Gathered {
        entry: e,
        slot_of,
        own,
        completeness: completeness(plan, e, batch, as_of),
        activities: activities(lookup, root.as_ref(), &used, e, &mut findings),
        funding: funding(plan, &used, e, &mut findings),
        narratives: narratives(plan, &used),
        findings,
        root,
    }
}

/// A period's figures from what was gathered: each unit's own cells plus
/// its children's, then progress against the targets.
fn roll_up(lookup: &Lookup, g: Gathered, shape: &Shape, findings: &mut Vec<Finding>) -> PeriodSummary {
    let Gathered {
        entry: e,
        slot_of,
        mut own,
        completeness,
        activities,
        funding,
        narratives,
        findings: gathered,
        root,
    } = g;
    let Shape { order, kids, by_id, unit_rank, .. } = shape;
    // Roll up, one indicator at a time in id order: each unit's subtree,
    // children first. What each unit ends with goes to its place by id, so
    // the figures come out by unit, then indicator, then cell, unsorted.
    let mut rolled: Vec<Vec<(&Indicator, Cells)>> = (0..order.len()).map(|_| Vec::new()).collect();
    for slot in slot_of.values() {
        let Some(Own { ind, entries }) = own.get_mut(*slot).and_then(Option::take) else { continue };
        let mut mine: Vec<Option<Cells>> = (0..order.len()).map(|_| None).collect();
        // Stocks: the latest report of a unit stands (by cut-off, then
        // submission, then input order); flows add up.
        let mut stamps: Vec<Option<(Date, Date, usize)>> = Vec::new();
        if ind.temporal == Temporal::Stock {
            stamps = vec![None; order.len()];
        }
        for (at, stamp, cells) in entries {
            let Some(slot) = mine.get_mut(at) else { continue };
            if ind.temporal == Temporal::Stock {
                let Some(seen) = stamps.get_mut(at) else { continue };
                if seen.is_some_and(|s| s >= stamp) {
                    continue;
                }
                *seen = Some(stamp);
                *slot = Some(cells);
            } else {
                match slot {
                    Some(mine) => mine.merge(&cells),
                    None => *slot = Some(cells),
                }
            }
        }
        let mut totals: Vec<Option<Cells>> = (0..order.len()).map(|_| None).collect();
        for (i, u) in order.iter().enumerate() {
            let mut accs = mine.get_mut(i).and_then(Option::take);
            if ind.aggregation != Aggregation::NotAdditive {
                for c in kids.get(i).into_iter().flatten() {
                    if let Some(kid) = totals.get(*c).and_then(Option::as_ref) {
                        accs.get_or_insert_with(Cells::default).merge(kid);
                    }
                }
            }
            let Some(accs) = accs else { continue };
            for (cell, acc) in accs.iter() {
                let at = findings.len();
                overflow_findings(acc, ind.id.as_str(), ("unit", u.as_str()), e, findings);
                if !cell.is_empty() {
                    for f in findings.iter_mut().skip(at) {
                        f.context.insert("cell".to_string(), key_text(cell).into());
                    }
                }
            }
            if let Some(slot) = totals.get_mut(i) {
                *slot = Some(accs);
            }
        }
        for (i, t) in totals.into_iter().enumerate() {
            if let (Some(cells), Some(list)) = (t, unit_rank.get(i).and_then(|r| rolled.get_mut(*r))) {
                list.push((ind, cells));
            }
        }
    }
    let mut figures = Vec::with_capacity(rolled.iter().flatten().map(|r| r.1.len()).sum());
    for (u, list) in by_id.iter().zip(&rolled) {
        for (ind, cells) in list {
            for (cell, acc) in cells.iter() {
                figures.push(figure(u, ind, acc, cell));
            }
        }
    }

    findings.extend(gathered);
    let mut progress = progress(lookup, &figures, root.as_ref());
    progress.extend(unit_progress(lookup, &figures));
    PeriodSummary {
        entry: e.id.clone(),
        kind: e.kind,
        period: e.period,
        due: e.due,
        completeness,
        figures,
        progress,
        activities,
        funding,
        narratives,
    }
}

/// The narratives of the reports used, by area, then by the unit's place in
/// the plan's reporting units (units it does not list last, by id), then in
/// the report's own order. An entry with no section written is left out: it says nothing.
fn narratives(plan: &Plan, used: &[(usize, &Report)]) -> Vec<Narrative> {
    use crate::model::NarrativeSection as S;
    let place = |u: &UnitId| plan.reporting.units.iter().position(|x| x == u).unwrap_or(usize::MAX);
    let mut out: Vec<(u32, usize, &UnitId, usize, Narrative)> = Vec::new();
    for (_, r) in used {
        for (i, n) in r.narrative.iter().enumerate() {
            let text = |s: S| n.section(s).map(str::to_string);
            let x = Narrative {
                area: n.area,
                unit: r.unit.clone(),
                results: text(S::Results),
                shortcomings: text(S::Shortcomings),
                next_tasks: text(S::NextTasks),
                recommendations: text(S::Recommendations),
            };
            if S::ALL.iter().any(|s| x.section(*s).is_some()) {
                out.push((n.area, place(&r.unit), &r.unit, i, x));
            }
        }
    }
    out.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
    out.into_iter().map(|x| x.4).collect()
}

/// Units in an order where every child comes before its parent.
fn post_order<'a>(
    tree: &'a BTreeMap<UnitId, Option<UnitId>>,
    children: &BTreeMap<&UnitId, Vec<&'a UnitId>>,
) -> Vec<&'a UnitId> {
    let mut out = Vec::new();
    let mut done: BTreeSet<&UnitId> = BTreeSet::new();
    // Iterative depth-first walk from each root; a loop in the tree (a plan
    // error of its own) cannot make it spin: each unit is visited once.
    let roots = tree.iter().filter(|(_, p)| p.is_none()).map(|(u, _)| u);
    let rest = tree.keys();
    for start in roots.chain(rest) {
        if done.contains(start) {
            continue;
        }
        // `pushed` stands for "already on the stack": asking the stack itself
        // made a province with 60,000 communes under one parent quadratic.
        let mut stack = vec![(start, false)];
        let mut pushed: BTreeSet<&UnitId> = BTreeSet::from([start]);
        while let Some((u, expanded)) = stack.pop() {
            if expanded {
                if done.insert(u) {
                    out.push(u);
                }
                continue;
            }
            if done.contains(u) {
                continue;
            }
            stack.push((u, true));
            for c in children.get(u).into_iter().flatten() {
                if !done.contains(*c) && pushed.insert(*c) {
                    stack.push((c, false));
                }
            }
        }
    }
    out
}

fn ratio(n: Option<Count>, d: Option<Count>, scale: f64) -> Option<f64> {
    match (n, d) {
        (Some(n), Some(d)) if d.get() > 0 => Some(n.get() as f64 / d.get() as f64 * scale),
        _ => None,
    }
}

/// A cell's key as text, `age=0-15, residence=rural`, for a finding's context.
pub fn key_text(key: &CellKey) -> String {
    key.iter().map(|(d, c)| format!("{d}={c}")).collect::<Vec<_>>().join(", ")
}

fn figure(unit: &UnitId, ind: &Indicator, acc: &Acc, by: &CellKey) -> Figure {
    let fraction = ind.measure.is_fraction();
    let scale = ind.measure.scale();
    let (num, den) = (acc.numerator(), acc.denominator());
    let (numerator, denominator) =
        if fraction || acc.has_fraction() { (Some(num.parts()), Some(den.parts())) } else { (None, None) };
    let value = if ind.aggregation == Aggregation::NotAdditive && acc.stated().is_some() {
        acc.stated()
    } else if fraction {
        ratio(num.total.get(), den.total.get(), scale)
    } else {
        acc.counts.total.get().map(|c| c.get() as f64)
    };
    let gender = if !ind.by_sex {
        None
    } else if fraction {
        let f = ratio(num.female.get(), den.female.get(), scale);
        let m = ratio(num.male.get(), den.male.get(), scale);
        Some(GenderMetrics {
            female: f,
            male: m,
            parity_index: f.zip(m).and_then(|(f, m)| (m > 0.0).then(|| f / m)),
            gap: f.zip(m).map(|(f, m)| f - m),
        })
    } else {
        match (acc.counts.female.get(), acc.counts.male.get()) {
            (Some(f), Some(m)) => {
                let (f, m) = (f.get() as f64, m.get() as f64);
                let both = f + m;
                let (sf, sm) = if both > 0.0 { (Some(f / both * 100.0), Some(m / both * 100.0)) } else { (None, None) };
                Some(GenderMetrics {
                    female: sf,
                    male: sm,
                    parity_index: (m > 0.0).then(|| f / m),
                    gap: sf.zip(sm).map(|(f, m)| f - m),
                })
            }
            _ => None,
        }
    };
    Figure {
        unit: unit.clone(),
        indicator: ind.id.clone(),
        by: by.clone(),
        counts: if fraction { Parts::default() } else { acc.counts.parts() },
        numerator,
        denominator,
        value,
        gender,
        reports: acc.reports,
        overflow: acc.overflowed(),
    }
}

/// One target against a value (the province's, or a unit's own).
fn against(ind: &Indicator, unit: Option<&UnitId>, t: &crate::model::Target, value: Option<f64>) -> Progress {
    let direction = t.direction.unwrap_or(ind.direction);
    let status = match value {
        None => ProgressStatus::NoData,
        Some(v) if direction.achieved(v, t.value) => ProgressStatus::Achieved,
        Some(_) => ProgressStatus::NotAchieved,
    };
    Progress {
        indicator: ind.id.clone(),
        unit: unit.cloned(),
        year: t.year,
        target: t.value,
        direction,
        value,
        status,
        gap: value.map(|v| v - t.value),
        confirmed: t.confirmed,
        source: t.source.clone(),
    }
}

/// Each unit's own targets against its figure, in the plan's order.
fn unit_progress(lookup: &Lookup, figures: &[Figure]) -> Vec<Progress> {
    let mut out = Vec::new();
    for t in &lookup.plan.targets {
        let (Some(unit), Some(ind)) = (&t.unit, lookup.indicator(&t.indicator)) else { continue };
        let value = figures
            .iter()
            .find(|f| &f.unit == unit && f.indicator == t.indicator && f.by.is_empty())
            .and_then(|f| f.value);
        out.push(against(ind, Some(unit), &t.target, value));
    }
    out
}

fn progress(lookup: &Lookup, figures: &[Figure], root: Option<&UnitId>) -> Vec<Progress> {
    let mut ids: BTreeSet<&IndicatorId> =
        lookup.catalog.indicators.iter().filter(|i| !i.targets.is_empty()).map(|i| &i.id).collect();
    ids.extend(lookup.plan.indicators.iter().filter(|i| !i.targets.is_empty()).map(|i| &i.id));
    ids.extend(lookup.plan.targets.iter().filter(|t| t.unit.is_none()).map(|t| &t.indicator));
    let mut out = Vec::new();
    // The root's figures, found in one pass rather than one per indicator.
    let root_values: Vec<(&IndicatorId, Option<f64>)> =
        figures.iter().filter(|f| Some(&f.unit) == root && f.by.is_empty()).map(|f| (&f.indicator, f.value)).collect();
    for id in ids {
        let Some(ind) = lookup.indicator(id) else { continue };
        let mut years: BTreeSet<i32> = ind.targets.iter().map(|t| t.year).collect();
        years.extend(
            lookup.plan.targets.iter().filter(|t| &t.indicator == id && t.unit.is_none()).map(|t| t.target.year),
        );
        let value = root_values.iter().find(|(i, _)| *i == id).and_then(|(_, v)| *v);
        for year in years {
            let Some(t) = lookup.target(id, year) else { continue };
            out.push(against(ind, None, t, value));
        }
    }
    out
}

fn completeness(plan: &Plan, e: &ScheduleEntry, batch: &validate::Batch, as_of: Date) -> Completeness {
    let mut c = Completeness::default();
    for t in [Timeliness::OnTime, Timeliness::Late, Timeliness::Missing, Timeliness::NotYetDue] {
        c.units.insert(t, Vec::new());
    }
    let expected: BTreeSet<&UnitId> =
        plan.reporting.units.iter().filter(|u| plan.unit(u).is_some_and(|x| x.valid_during(&e.period))).collect();
    // Each unit's reports for this entry, found in one pass (not one pass per
    // unit: a country has thousands of communes). A report of the right kind
    // whose period is wrong was still sent: it counts as received (and
    // rejected), not as missing.
    let mut by_unit: BTreeMap<&UnitId, Vec<&Outcome>> = BTreeMap::new();
    for o in &batch.outcomes {
        if let Some(u) =
            o.unit.as_ref().filter(|_| o.kind == Some(e.kind) && o.period.is_some_and(|p| p.overlaps(&e.period)))
        {
            by_unit.entry(u).or_default().push(o);
        }
    }
    for u in expected {
        let mine: &[&Outcome] = by_unit.get(u).map_or(&[], Vec::as_slice);
        // The first submission counts for timeliness: a unit that sent on time
        // and corrected later was on time.
        let first = mine.iter().filter_map(|o| o.submitted).filter(|s| *s <= as_of).min();
        let t = Timeliness::at(e.due, first, as_of);
        c.expected = c.expected.saturating_add(1);
        if first.is_some() {
            c.received = c.received.saturating_add(1);
            let used_or_superseded = mine.iter().any(|o| o.status == Status::Used);
            if !used_or_superseded {
                c.rejected.push(u.clone());
            }
        }
        let n = match t {
            Timeliness::OnTime => &mut c.on_time,
            Timeliness::Late => &mut c.late,
            Timeliness::Missing => &mut c.missing,
            Timeliness::NotYetDue => &mut c.not_yet_due,
        };
        *n = n.saturating_add(1);
        c.units.entry(t).or_default().push(u.clone());
    }
    c
}

fn activities(
    lookup: &Lookup,
    root: Option<&UnitId>,
    used: &[(usize, &Report)],
    e: &ScheduleEntry,
    findings: &mut Vec<Finding>,
) -> Vec<AreaActivities> {
    let root = root.cloned().unwrap_or_default();
    lookup
        .plan
        .content_areas
        .iter()
        .map(|area| AreaActivities {
            area: area.number,
            title: area.title.clone(),
            activities: area
                .activities
                .iter()
                .map(|a| {
                    let mut statuses: BTreeMap<ActivityStatus, u32> =
                        ActivityStatus::ALL.iter().map(|s| (*s, 0)).collect();
                    // Outputs that add up are province-wide figures (at the
                    // root); a figure that is not added up stays the unit's own.
                    let mut outputs: BTreeMap<(&UnitId, &IndicatorId), Acc> = BTreeMap::new();
                    for (i, r) in used {
                        // One unit, one voice: the first result a report gives for the activity.
                        if let Some(x) = r.activities.iter().find(|x| x.activity == a.id) {
                            let n = statuses.entry(x.status).or_default();
                            *n = n.saturating_add(1);
                        }
                        // Every output is added, even from a second result for the
                        // same activity: a reported number is never dropped.
                        for x in r.activities.iter().filter(|x| x.activity == a.id) {
                            for v in x.outputs.iter().filter(|v| !v.is_empty()) {
                                let Some(ind) = lookup.indicator(&v.indicator) else { continue };
                                let unit = if ind.aggregation != Aggregation::NotAdditive { &root } else { &r.unit };
                                // An output's own figure, or the one its cells give.
                                if let Some(acc) = Acc::cells_of(*i, v, lookup, ind).own() {
                                    outputs.entry((unit, &v.indicator)).or_default().merge(&acc);
                                }
                            }
                        }
                    }
                    let outputs = outputs
                        .into_iter()
                        .filter_map(|((unit, id), acc)| {
                            let ind = lookup.indicator(id)?;
                            overflow_findings(&acc, id.as_str(), ("activity", a.id.as_str()), e, findings);
                            Some(figure(unit, ind, &acc, &CellKey::new()))
                        })
                        .collect();
                    ActivityTally { activity: a.id.clone(), statuses, outputs }
                })
                .collect(),
        })
        .collect()
}

/// An `overflow` finding for each part of `acc` that passed 2^53 − 1,
/// naming the indicator, the schedule entry and `about` (a unit or an activity).
fn overflow_findings(acc: &Acc, indicator: &str, about: (&str, &str), e: &ScheduleEntry, findings: &mut Vec<Finding>) {
    for part in acc.overflowed() {
        findings.push(
            Finding::new(Code::Overflow, "", msg::overflow(indicator))
                .with(about.0, about.1)
                .with("indicator", indicator)
                .with("entry", e.id.as_str())
                .with("part", part),
        );
    }
}

fn funding(
    plan: &Plan,
    used: &[(usize, &Report)],
    e: &ScheduleEntry,
    findings: &mut Vec<Finding>,
) -> Vec<FundingTotal> {
    plan.funding_sources
        .iter()
        .map(|s| {
            let (mut planned, mut spent, mut reports) = (Sum::NONE, Sum::NONE, BTreeSet::new());
            for (i, r) in used {
                for line in r.funding.iter().filter(|l| l.source == s.id) {
                    planned = planned.add(line.planned);
                    spent = spent.add(line.spent);
                    reports.insert(*i);
                }
            }
            for (part, sum) in [("planned", planned), ("spent", spent)] {
                if sum == Sum::OVERFLOW {
                    findings.push(
                        Finding::new(Code::Overflow, "", msg::overflow(s.id.as_str()))
                            .with("funding_source", s.id.as_str())
                            .with("entry", e.id.as_str())
                            .with("part", part),
                    );
                }
            }
            FundingTotal {
                source: s.id.clone(),
                planned: planned.get(),
                spent: spent.get(),
                reports: u32::try_from(reports.len()).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

impl Summary {
    /// The period summary of a schedule entry.
    pub fn period(&self, entry: &str) -> Option<&PeriodSummary> {
        self.periods.iter().find(|p| p.entry == entry)
    }
}

impl PeriodSummary {
    /// The figure of `unit` for `indicator` (its own, not a cell's).
    pub fn figure(&self, unit: &str, indicator: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.unit.as_str() == unit && f.indicator.as_str() == indicator && f.by.is_empty())
    }
    /// The figure of `unit` for `indicator` in the cell `by`.
    pub fn cell(&self, unit: &str, indicator: &str, by: &CellKey) -> Option<&Figure> {
        self.figures.iter().find(|f| f.unit.as_str() == unit && f.indicator.as_str() == indicator && &f.by == by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MAX_COUNT;
    use proptest::prelude::*;

    /// Findings that tie in the sort (same path, code and message: one
    /// indicator overflowing in a unit's figure and in an activity's
    /// outputs) come period by period, each period's figures before its
    /// activities, as when a period was made in one go. (Gathering every
    /// period's activities before any figure once reordered them.)
    #[test]
    #[allow(clippy::unwrap_used)] // a test: a plan or date that does not read is the failure
    fn tied_findings_come_period_by_period() {
        let root = env!("CARGO_MANIFEST_DIR");
        let plan_text = std::fs::read_to_string(format!("{root}/../tests/conformance/plans/tree.json")).unwrap();
        let plan = crate::read::plan_from_str(&plan_text).value.unwrap();
        let report = |unit: &str, kind: &str, to: &str, female: u64, male: u64| {
            let value = format!(r#"{{"indicator": "people_reached", "female": {female}, "male": {male}}}"#);
            crate::read::report_from_str(&format!(
                r#"{{"plan": "03/KH-TONGHOP", "unit": "{unit}", "kind": "{kind}",
                    "period": {{"from": "2024-01-01", "to": "{to}"}}, "submitted": "2025-01-05",
                    "values": [{value}], "activities": [{{"activity": "1.1", "status": "done", "outputs": [{value}]}}]}}"#
            ))
        };
        let big = MAX_COUNT - 1;
        let reports = vec![
            report("x1", "six_month", "2024-06-30", big, 1),
            report("x2", "six_month", "2024-06-30", 1, 0),
            report("x1", "annual", "2024-12-31", big, 1),
            report("x2", "annual", "2024-12-31", 1, 0),
        ];
        let s = aggregate(&plan, &Catalog::builtin(), reports, Date::from_ymd(2025, 2, 1).unwrap());
        let order: Vec<(Option<&str>, Option<&str>)> = s
            .findings
            .iter()
            .filter(|f| f.code == Code::Overflow)
            .map(|f| {
                let text = |k: &str| f.context.get(k).and_then(serde_json::Value::as_str);
                (
                    text("entry"),
                    if text("activity").is_some() { Some("activity") } else { text("unit").map(|_| "unit") },
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                (Some("2024-6m"), Some("unit")),
                (Some("2024-6m"), Some("activity")),
                (Some("2024-annual"), Some("unit")),
                (Some("2024-annual"), Some("activity")),
            ]
        );
    }

    fn count() -> impl Strategy<Value = Option<Count>> {
        prop_oneof![
            Just(None),
            (0..1000u64).prop_map(Count::new),
            ((MAX_COUNT - 1000)..=MAX_COUNT).prop_map(Count::new),
        ]
    }

    proptest! {
        /// A sum in one word adds up as exact arithmetic does: unreported
        /// until a count comes, past 2^53 − 1 an overflow that stays one,
        /// added part by part or merged from two halves alike.
        #[test]
        fn a_sum_adds_up_as_exact_arithmetic(parts in prop::collection::vec(count(), 0..8), cut in 0usize..8) {
            let exact = parts.iter().flatten().try_fold(None::<u64>, |s, c| {
                let t = s.unwrap_or(0).checked_add(c.get()).filter(|t| *t <= MAX_COUNT);
                t.map(Some).ok_or(())
            });
            let sum = parts.iter().fold(Sum::NONE, |s, c| s.add(*c));
            match exact {
                Ok(total) => prop_assert_eq!(sum.get().map(Count::get), total),
                Err(()) => prop_assert_eq!(sum, Sum::OVERFLOW),
            }
            let (a, b) = parts.split_at(cut.min(parts.len()));
            let half = |p: &[Option<Count>]| p.iter().fold(Sum::NONE, |s, c| s.add(*c));
            prop_assert_eq!(half(a).merge(half(b)), sum);
        }
    }
}
