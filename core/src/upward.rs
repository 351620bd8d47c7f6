//! Up a level with the same engine: the province's summary becomes the
//! province's report to the national level, in the same report format.
//!
//! The national plan (the strategy 2021–2030 for a year, say) is a plan like
//! any other whose units are the provinces. [`report_upward`] turns one
//! province's [`PeriodSummary`] into a [`Report`] of that plan: unit = the
//! province's code in the national plan, plan = the national plan's number,
//! kind and period = the national schedule entry's, values = the province-wide
//! figures (at the root of the province's tree) of the indicators the national
//! plan asks for. Counts go by sex and by cell; percents, ratios and rates go
//! as numerators and denominators, so they add up again nationally. The
//! national summary is then plain [`crate::aggregate::aggregate`] with the
//! national plan over the provinces' reports.
//!
//! **Nothing is dropped unsaid.** Every province-wide figure (and cell, and
//! funding total, and activity output) that does not go up is listed in
//! [`Upward::not_sent`] with its reason; completeness (units that did not
//! report, or whose report was rejected) goes up in the report's `notes`.
//! Exact figures go up: the report is an official one between government
//! bodies, not a publication, so nothing is withheld (the national level's
//! published tables withhold small counts again). See docs/upward.md.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::aggregate::{Figure, Parts, Summary};
use crate::calendar::{Period, ReportKind};
use crate::catalog::{Catalog, Lookup};
use crate::finding::Code;
use crate::messages as msg;
use crate::model::{
    Aggregation, Cell, CellKey, Date, Extra, FundingLine, Indicator, IndicatorId, Plan, Positions, Report, SexSplit,
    UnitId, ValueEntry,
};
use crate::validate::{self, Context};

/// Why a figure of the province does not go up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The national plan does not ask for the indicator (the province's own
    /// indicator, or a catalogue one it neither requires nor targets).
    NotAsked,
    /// The national plan defines the indicator otherwise (another measure or
    /// aggregation): the province's figure would not add up with the others.
    DefinitionDiffers,
    /// Not added up across units (a survey figure, a per-agency count): a
    /// unit's own figure, not the province's. Goes up only when the province
    /// itself reported it.
    NotAdditive,
    /// The national indicator is not broken down by this cell's dimension or
    /// option.
    BreakdownNotAsked,
    /// The cells do not add up to the figure (some units gave the whole
    /// only), so the national check would refuse them; the whole goes up.
    CellsIncomplete,
    /// The national check refuses the value (the codes say why).
    Refused,
    /// A part of the sum passed 2^53 − 1 (the summary has its `overflow` finding).
    Overflow,
    /// The national plan has no funding source of this id.
    FundingSourceNotAsked,
    /// An activity's outputs: the province's activities are its own plan's,
    /// not the national plan's.
    ActivityOutput,
}

/// A figure (or cell, funding total or activity output) of the province's
/// summary that the report upward does not carry, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NotSent {
    /// The unit whose figure it is, in the province's plan (the root, or a
    /// unit's own figure for indicators that do not add up).
    pub unit: UnitId,
    /// The indicator's id; for funding, the funding source's id.
    pub item: String,
    /// The activity, for an activity's output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// The cell; empty: the whole figure.
    #[serde(default, skip_serializing_if = "CellKey::is_empty")]
    pub by: CellKey,
    pub reason: Reason,
    /// For `refused`: the codes of the national check's errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Code>,
}

/// The province's report to the national level, and what it does not carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upward {
    /// A report of the national plan, as any unit's.
    pub report: Report,
    /// Every figure of the province's summary not in the report, with why.
    pub not_sent: Vec<NotSent>,
}

/// What stops a report upward from being made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpwardError {
    /// The national plan's schedule has no entry of this id.
    UnknownEntry(String),
    /// The province's summary has no period of the entry's kind and period.
    NoMatchingPeriod { entry: String, kind: ReportKind, period: Period, have: Vec<(String, Period)> },
    /// The province's summary has no root unit (the plan has no unit without a parent).
    NoRoot,
    /// The province (its code, or its id) is not a unit of the national plan.
    NotANationalUnit(String),
    /// The summary was made with another plan than the one given.
    OtherPlan { summary: String, plan: String },
}

impl UpwardError {
    /// The message, in Vietnamese and in English.
    pub fn message(&self) -> (String, String) {
        match self {
            UpwardError::UnknownEntry(e) => msg::upward_unknown_entry(e),
            UpwardError::NoMatchingPeriod { entry, kind, period, have } => {
                msg::upward_no_matching_period(entry, *kind, period, have)
            }
            UpwardError::NoRoot => msg::upward_no_root(),
            UpwardError::NotANationalUnit(code) => msg::upward_not_a_national_unit(code),
            UpwardError::OtherPlan { summary, plan } => msg::upward_other_plan(summary, plan),
        }
    }
}

/// The indicators the national plan asks for: those it requires, defines,
/// measures its activities by, or sets a target for, and every catalogue
/// indicator with a national target.
pub fn asked(national: &Plan, catalog: &Catalog) -> BTreeSet<IndicatorId> {
    let mut out: BTreeSet<IndicatorId> = national.reporting.required_indicators.iter().cloned().collect();
    out.extend(national.indicators.iter().map(|i| i.id.clone()));
    out.extend(national.activities().flat_map(|(_, a)| a.indicators.iter().cloned()));
    out.extend(national.targets.iter().map(|t| t.indicator.clone()));
    out.extend(catalog.indicators.iter().filter(|i| !i.targets.is_empty()).map(|i| i.id.clone()));
    out
}

fn split(p: &Parts) -> SexSplit {
    SexSplit { female: p.female, male: p.male, total: p.total, extra: Extra::new() }
}

/// A figure's parts as a cell of a value (or its own fields, with an empty key).
fn cell_of(f: &Figure, ind: &Indicator) -> Cell {
    let mut c = Cell { by: f.by.clone(), ..Cell::default() };
    if ind.measure.is_fraction() {
        c.numerator = f.numerator.as_ref().map(split).filter(|s| !s.is_empty());
        c.denominator = f.denominator.as_ref().map(split).filter(|s| !s.is_empty());
    } else {
        c.female = f.counts.female;
        c.male = f.counts.male;
        c.total = f.counts.total;
    }
    c
}

/// Whether two definitions of an indicator add up the same way.
fn same_definition(a: &Indicator, b: &Indicator) -> bool {
    a.measure == b.measure && a.aggregation == b.aggregation && a.temporal == b.temporal && a.by_sex == b.by_sex
}

/// The province's report to the national level for the national schedule
/// entry `entry`, from the province's `plan` and its `summary`, sent on
/// `submitted`. See the module's documentation for what goes up.
pub fn report_upward(
    plan: &Plan,
    catalog: &Catalog,
    summary: &Summary,
    national: &Plan,
    entry: &str,
    submitted: Date,
) -> Result<Upward, UpwardError> {
    if summary.plan != plan.number {
        return Err(UpwardError::OtherPlan { summary: summary.plan.clone(), plan: plan.number.clone() });
    }
    let e = national
        .reporting
        .schedule
        .iter()
        .find(|e| e.id == entry)
        .ok_or_else(|| UpwardError::UnknownEntry(entry.to_string()))?;
    let p = summary.periods.iter().find(|p| p.kind == e.kind && p.period == e.period).ok_or_else(|| {
        UpwardError::NoMatchingPeriod {
            entry: entry.to_string(),
            kind: e.kind,
            period: e.period,
            have: summary.periods.iter().map(|p| (p.entry.clone(), p.period)).collect(),
        }
    })?;
    let root = summary.root.clone().ok_or(UpwardError::NoRoot)?;
    let code = plan.unit(&root).and_then(|u| u.code.clone()).unwrap_or_else(|| root.to_string());
    let unit = UnitId(code.clone());
    if national.unit(&unit).is_none() {
        return Err(UpwardError::NotANationalUnit(code));
    }
    let mine = Lookup::new(plan, catalog);
    let theirs = Lookup::new(national, catalog);
    let asked = asked(national, catalog);
    let mut not_sent = Vec::new();
    let mut values = Vec::new();
    let out = |unit: &UnitId, item: &str, by: &CellKey, reason: Reason| NotSent {
        unit: unit.clone(),
        item: item.to_string(),
        activity: None,
        by: by.clone(),
        reason,
        codes: Vec::new(),
    };

    // Figures come sorted by unit, indicator, cell: the root's, one
    // indicator at a time, its own figure (the empty key) first.
    let mut ids: Vec<&IndicatorId> = p.figures.iter().map(|f| &f.indicator).collect();
    ids.dedup();
    let ids: BTreeSet<&IndicatorId> = ids.into_iter().collect();
    for id in ids {
        let (Some(ind), national_ind) = (mine.indicator(id), theirs.indicator(id)) else { continue };
        let at_root: Vec<&Figure> = p.figures.iter().filter(|f| f.unit == root && &f.indicator == id).collect();
        let elsewhere = p.figures.iter().filter(|f| f.unit != root && &f.indicator == id && f.by.is_empty());
        let national_ind = match national_ind {
            Some(n) if asked.contains(id) => n,
            _ => {
                // Not asked: the province-wide figure (or, for a figure that
                // is not added up, each unit's own) stays at the province.
                let listed: Vec<&Figure> = if ind.aggregation == Aggregation::NotAdditive {
                    at_root.iter().filter(|f| f.by.is_empty()).copied().chain(elsewhere).collect()
                } else {
                    at_root.iter().filter(|f| f.by.is_empty()).copied().collect()
                };
                not_sent.extend(listed.into_iter().map(|f| out(&f.unit, id.as_str(), &f.by, Reason::NotAsked)));
                continue;
            }
        };
        if ind.aggregation == Aggregation::NotAdditive {
            not_sent.extend(elsewhere.map(|f| out(&f.unit, id.as_str(), &f.by, Reason::NotAdditive)));
        }
        if at_root.is_empty() {
            continue;
        }
        if !same_definition(ind, national_ind) {
            not_sent.extend(
                at_root
                    .iter()
                    .filter(|f| f.by.is_empty())
                    .map(|f| out(&root, id.as_str(), &f.by, Reason::DefinitionDiffers)),
            );
            continue;
        }
        let mut value = ValueEntry { indicator: id.clone(), ..ValueEntry::default() };
        for f in at_root {
            if !f.overflow.is_empty() {
                not_sent.push(out(&root, id.as_str(), &f.by, Reason::Overflow));
                continue;
            }
            if f.by.is_empty() {
                let c = cell_of(f, national_ind);
                value.female = c.female;
                value.male = c.male;
                value.total = c.total;
                value.numerator = c.numerator;
                value.denominator = c.denominator;
                if national_ind.aggregation == Aggregation::NotAdditive {
                    value.stated = f.value;
                }
                continue;
            }
            let known = f.by.iter().all(|(d, code)| {
                national_ind.breakdowns.iter().any(|b| &b.dimension == d)
                    && theirs.dimension(d).is_some_and(|dim| dim.knows(code))
            });
            if known {
                value.cells.push(cell_of(f, national_ind));
            } else {
                not_sent.push(out(&root, id.as_str(), &f.by, Reason::BreakdownNotAsked));
            }
        }
        if !value.is_empty() {
            values.push(value);
        }
    }

    let mut funding = Vec::new();
    for t in &p.funding {
        if t.planned.is_none() && t.spent.is_none() {
            continue;
        }
        if national.funding_sources.iter().any(|s| s.id == t.source) {
            funding.push(FundingLine {
                source: t.source.clone(),
                planned: t.planned,
                spent: t.spent,
                extra: Extra::new(),
            });
        } else {
            not_sent.push(out(&root, t.source.as_str(), &CellKey::new(), Reason::FundingSourceNotAsked));
        }
    }
    for a in p.activities.iter().flat_map(|a| &a.activities) {
        for f in &a.outputs {
            let mut n = out(&f.unit, f.indicator.as_str(), &f.by, Reason::ActivityOutput);
            n.activity = Some(a.activity.to_string());
            not_sent.push(n);
        }
    }

    let mut report = Report {
        plan: national.number.clone(),
        unit,
        kind: e.kind,
        period: e.period,
        submitted,
        values,
        activities: Vec::new(),
        funding,
        // The units' narratives are the province's to write up in its
        // consolidated report (docs/report-document.md), by the national
        // plan's content areas, not to pass on unit by unit.
        narrative: Vec::new(),
        notes: Some(msg::upward_note(plan, summary.as_of, p).0),
        extra: Extra::new(),
        positions: Positions::default(),
    };
    settle(national, catalog, &mut report, &root, &mut not_sent);
    Ok(Upward { report, not_sent })
}

/// Checks the report against the national plan as the national level will,
/// and takes out what it would refuse, so the report goes up whole: a
/// value's cells first (when the value without them passes), else the value.
fn settle(national: &Plan, catalog: &Catalog, report: &mut Report, root: &UnitId, not_sent: &mut Vec<NotSent>) {
    let errors = |report: &Report| -> BTreeMap<usize, BTreeSet<Code>> {
        let mut out: BTreeMap<usize, BTreeSet<Code>> = BTreeMap::new();
        for f in validate::report(national, catalog, report, report.submitted, Context::default()) {
            let at = f.path.strip_prefix("/values/").and_then(|rest| rest.split('/').next()?.parse::<usize>().ok());
            if let (true, Some(i)) = (f.is_error(), at) {
                out.entry(i).or_default().insert(f.code);
            }
        }
        out
    };
    let refused = errors(report);
    if refused.is_empty() {
        return;
    }
    // Without their cells, then again.
    let mut cells: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
    for i in refused.keys() {
        if let Some(v) = report.values.get_mut(*i) {
            cells.insert(*i, std::mem::take(&mut v.cells));
        }
    }
    let still = errors(report);
    let mut index = 0;
    report.values.retain(|v| {
        let i = index;
        index += 1;
        let note = |by: CellKey, reason: Reason, codes: Vec<Code>| NotSent {
            unit: root.clone(),
            item: v.indicator.to_string(),
            activity: None,
            by,
            reason,
            codes,
        };
        match (still.get(&i), refused.get(&i)) {
            (Some(now), first) => {
                let codes = first.unwrap_or(now).iter().copied().collect();
                not_sent.push(note(CellKey::new(), Reason::Refused, codes));
                false
            }
            _ => {
                for c in cells.remove(&i).unwrap_or_default() {
                    not_sent.push(note(c.by, Reason::CellsIncomplete, Vec::new()));
                }
                // A value whose only part was its cells has nothing left.
                !v.is_empty()
            }
        }
    });
}
