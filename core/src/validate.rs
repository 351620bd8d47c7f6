//! Validation: every rule of DOMAIN.md section 7, as findings.
//!
//! - [`report`] checks one typed report against a plan and the catalogue at a
//!   date, optionally with context (the same unit's earlier reports, the rest
//!   of the batch);
//! - [`text`] and [`value`] read first, so malformed input gives findings too;
//! - [`batch`] checks many reports together: duplicates (the later submission
//!   supersedes), annual against six-month, outliers against the previous
//!   period; each report comes back used, superseded or rejected;
//! - [`plan`] checks the plan itself (`plan_*` codes).
//!
//! Nothing a user could type makes these functions fail: they return findings.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::{Period, ReportKind, ScheduleEntry};
use crate::catalog::{Catalog, Lookup};
use crate::finding::{self, pointer, Code, Finding};
use crate::messages as msg;
use crate::model::{
    Aggregation, Count, Date, Extra, Indicator, IndicatorId, Measure, Plan, Report, SexSplit, Temporal, UnitId,
    ValueEntry,
};
use crate::read;

/// Other reports that some rules compare against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// Reports already accepted earlier (the same unit's previous periods).
    pub earlier: &'a [Report],
    /// The other reports of the same batch.
    pub batch: &'a [Report],
}

impl Context<'_> {
    fn reports(&self) -> impl Iterator<Item = &Report> {
        self.earlier.iter().chain(self.batch.iter())
    }
}

/// Validates a report given as JSON text.
pub fn text(plan: &Plan, catalog: &Catalog, text: &str, as_of: Date, ctx: Context) -> Vec<Finding> {
    read(plan, catalog, read::report_from_str(text), as_of, ctx)
}

/// Validates a report given as a parsed JSON value.
pub fn value(plan: &Plan, catalog: &Catalog, input: Value, as_of: Date, ctx: Context) -> Vec<Finding> {
    read(plan, catalog, read::report_from_value(input), as_of, ctx)
}

/// Validates a report as it was read (with [`read::report_from_str_with`],
/// say, under a host's limits): its reading findings, then the rules.
pub fn read(plan: &Plan, catalog: &Catalog, read: read::Read<Report>, as_of: Date, ctx: Context) -> Vec<Finding> {
    read_with(plan, catalog, read, as_of, ctx, &read::Limits::default())
}

/// [`read`], keeping at most `limits.max_findings` findings.
pub fn read_with(
    plan: &Plan,
    catalog: &Catalog,
    read: read::Read<Report>,
    as_of: Date,
    ctx: Context,
    limits: &read::Limits,
) -> Vec<Finding> {
    let mut findings = read.findings;
    if let Some(r) = &read.value {
        findings.extend(rules(plan, catalog, r, as_of, ctx));
        #[cfg(feature = "excel")]
        crate::finding::place_cells(&r.positions.cells, &mut findings);
    }
    limits.cap(settle(plan, findings))
}

/// Validates one typed report. Findings come in the stable order (path, then code),
/// with the plan's severities applied.
pub fn report(plan: &Plan, catalog: &Catalog, report: &Report, as_of: Date, ctx: Context) -> Vec<Finding> {
    settle(plan, rules(plan, catalog, report, as_of, ctx))
}

fn settle(plan: &Plan, findings: Vec<Finding>) -> Vec<Finding> {
    let mut out = plan.rules.apply(findings);
    finding::sort(&mut out);
    out
}

fn same_text(a: &str, b: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(a) == squash(b)
}

/// The rules on one report, before severities are applied.
fn rules(plan: &Plan, catalog: &Catalog, r: &Report, as_of: Date, ctx: Context) -> Vec<Finding> {
    let mut out = own_rules(plan, catalog, r, as_of);
    let history = History::of(r, ctx.reports());
    compare_with_context(plan, &Lookup::new(plan, catalog), r, &history, &mut out);
    out
}

/// The rules that look at the report alone (everything but the comparisons
/// with the same unit's other reports).
fn own_rules(plan: &Plan, catalog: &Catalog, r: &Report, as_of: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    let lookup = Lookup::new(plan, catalog);

    unknown_fields(&r.extra, "", &mut out);
    // The seed prints its number as "01 /KH-BVSTBPN": spaces do not make another plan.
    if !same_text(&r.plan, &plan.number) {
        out.push(
            Finding::new(Code::PlanMismatch, "/plan", msg::plan_mismatch(&r.plan, &plan.number))
                .with("expected", plan.number.as_str())
                .with("actual", r.plan.as_str()),
        );
    }
    check_unit(plan, r, &mut out);
    let entry = check_period(plan, r, &mut out);
    if let Some(e) = entry {
        check_timeliness(e, r, &mut out);
    }
    if r.submitted < r.period.from {
        out.push(
            Finding::new(
                Code::SubmittedBeforePeriodStart,
                "/submitted",
                msg::submitted_before_period_start(r.submitted, r.period.from),
            )
            .with("submitted", r.submitted.iso())
            .with("period_start", r.period.from.iso()),
        );
    }
    if r.submitted > as_of {
        out.push(
            Finding::new(Code::FutureSubmission, "/submitted", msg::future_submission(r.submitted, as_of))
                .with("submitted", r.submitted.iso())
                .with("as_of", as_of.iso()),
        );
    }

    let mut seen: BTreeMap<&IndicatorId, usize> = BTreeMap::new();
    let unique = increasing(&r.values);
    for (i, v) in r.values.iter().enumerate() {
        let i = r.positions.value(i);
        let at = pointer("/values", i);
        if !unique {
            duplicate_value(&mut seen, v, i, &at, &mut out);
        }
        check_value(&lookup, v, &at, &plan.rules, &mut out);
    }
    for (j, a) in r.activities.iter().enumerate() {
        let at = pointer("/activities", r.positions.activity(j));
        unknown_fields(&a.extra, &at, &mut out);
        if plan.activity(&a.activity).is_none() {
            out.push(
                Finding::new(
                    Code::UnknownActivity,
                    pointer(&at, "activity"),
                    msg::unknown_activity(a.activity.as_str()),
                )
                .with("activity", a.activity.as_str()),
            );
        }
        let mut seen: BTreeMap<&IndicatorId, usize> = BTreeMap::new();
        let unique = increasing(&a.outputs);
        for (k, v) in a.outputs.iter().enumerate() {
            let at = pointer(&pointer(&at, "outputs"), k);
            if !unique {
                duplicate_value(&mut seen, v, k, &at, &mut out);
            }
            check_value(&lookup, v, &at, &plan.rules, &mut out);
        }
    }
    for (j, line) in r.funding.iter().enumerate() {
        let at = pointer("/funding", r.positions.funding(j));
        numbers_nowhere(&line.extra, &at, ("dòng kinh phí", "a funding line"), &mut out);
        if !plan.funding_sources.iter().any(|s| s.id == line.source) {
            out.push(
                Finding::new(
                    Code::UnknownFundingSource,
                    pointer(&at, "source"),
                    msg::unknown_funding_source(line.source.as_str()),
                )
                .with("source", line.source.as_str()),
            );
        }
    }
    check_narrative(plan, r, &mut out);
    // When some values could not be read, absence proves nothing.
    let required = if r.positions.values_incomplete { &[][..] } else { &plan.reporting.required_indicators[..] };
    // (A map of the same type as `seen`'s rather than a set: a new
    // collection type is new code in the form's WebAssembly module.)
    let mut reported: BTreeMap<&IndicatorId, usize> = BTreeMap::new();
    if !required.is_empty() {
        for (i, v) in r.values.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            reported.insert(&v.indicator, i);
        }
    }
    for id in required {
        if !reported.contains_key(id) {
            let (vi, en) = lookup.indicator(id).map(|i| (i.name_vi.as_str(), i.name_en.as_str())).unwrap_or(("", ""));
            out.push(
                Finding::new(Code::MissingRequired, "/values", msg::missing_required(id.as_str(), vi, en))
                    .with("indicator", id.as_str()),
            );
        }
    }
    out
}

/// The narrative: each entry on a content area the plan has, each with the
/// sections the plan requires (and, when it requires any, at least one entry).
fn check_narrative(plan: &Plan, r: &Report, out: &mut Vec<Finding>) {
    let required = &plan.reporting.required_sections;
    // One entry per content area (an activity may have several results,
    // and a source several funding lines; an area has one narrative).
    let mut first: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, n) in r.narrative.iter().enumerate() {
        let at = pointer("/narrative", i);
        if let Some(&f) = first.get(&n.area) {
            out.push(
                Finding::new(Code::DuplicateContentArea, pointer(&at, "area"), msg::duplicate_content_area(n.area, f))
                    .with("area", n.area)
                    .with("first", f),
            );
        } else {
            first.insert(n.area, i);
        }
        unknown_fields(&n.extra, &at, out);
        if !plan.content_areas.iter().any(|a| a.number == n.area) {
            let last = plan.content_areas.iter().map(|a| a.number).max();
            out.push(
                Finding::new(Code::UnknownContentArea, pointer(&at, "area"), msg::unknown_content_area(n.area, last))
                    .with("area", n.area),
            );
            continue;
        }
        for s in required.iter().filter(|s| n.section(**s).is_none()) {
            out.push(
                Finding::new(Code::NarrativeMissing, pointer(&at, s.code()), msg::narrative_missing(*s, Some(n.area)))
                    .with("area", n.area)
                    .with("section", s.code()),
            );
        }
    }
    if r.narrative.is_empty() {
        for s in required {
            out.push(
                Finding::new(Code::NarrativeMissing, "/narrative", msg::narrative_missing(*s, None))
                    .with("section", s.code()),
            );
        }
    }
}

/// Whether the entries' indicators are in strictly increasing order (as a
/// form made from the plan lists them): then no two share an indicator, seen
/// in one pass, and no map of them is needed.
fn increasing(values: &[ValueEntry]) -> bool {
    values.windows(2).all(|w| matches!(w, [a, b] if a.indicator < b.indicator))
}

/// The same indicator a second time in one list (values, or one activity's outputs).
fn duplicate_value<'r>(
    seen: &mut BTreeMap<&'r IndicatorId, usize>,
    v: &'r ValueEntry,
    i: usize,
    at: &str,
    out: &mut Vec<Finding>,
) {
    if let Some(first) = seen.get(&v.indicator) {
        out.push(
            Finding::new(
                Code::DuplicateValue,
                pointer(at, "indicator"),
                msg::duplicate_value(v.indicator.as_str(), *first),
            )
            .with("indicator", v.indicator.as_str())
            .with("first", *first),
        );
    } else {
        seen.insert(&v.indicator, i);
    }
}

/// The same unit's other reports, arranged so that each comparison is a
/// lookup, not a scan: a unit with 50,000 reports costs 50,000 lookups, not
/// 50,000² comparisons. Ties are settled by the reports' content, so which
/// report is compared with never depends on the order of the input.
#[derive(Default)]
struct History<'a> {
    /// Six-month reports by the first day of their period: the latest submitted.
    six_month: BTreeMap<Date, &'a Report>,
    /// By kind, at the kind's place in `ReportKind` (six-month, annual, ad
    /// hoc), ordered by (period end, submission, content). Three lists, not
    /// a map keyed by kind: a map of its own type costs the WebAssembly form
    /// module 2 kB.
    by_kind: [Vec<&'a Report>; 3],
}

/// Orders reports by `key`, then by content where the keys tie.
fn by_key_then_content<K: Ord>(a: &Report, b: &Report, key: impl Fn(&Report) -> K) -> std::cmp::Ordering {
    let content = |r: &Report| serde_json::to_string(r).unwrap_or_default();
    key(a).cmp(&key(b)).then_with(|| content(a).cmp(&content(b)))
}

impl<'a> History<'a> {
    /// The history of `r`'s unit among `reports` (other units' are skipped).
    fn of(r: &Report, reports: impl Iterator<Item = &'a Report>) -> History<'a> {
        let mut h = History::default();
        for o in reports.filter(|o| o.unit == r.unit) {
            h.add(o);
        }
        h.finish();
        h
    }
    fn add(&mut self, o: &'a Report) {
        if o.kind == ReportKind::SixMonth {
            // Compared only with another report of the same period: a report
            // compared with itself would be written out twice to tie.
            match self.six_month.entry(o.period.from) {
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(o);
                }
                std::collections::btree_map::Entry::Occupied(mut slot) => {
                    if by_key_then_content(o, slot.get(), |r| r.submitted).is_gt() {
                        slot.insert(o);
                    }
                }
            }
        }
        if let Some(list) = self.by_kind.get_mut(o.kind as usize) {
            list.push(o);
        }
    }
    fn finish(&mut self) {
        for list in &mut self.by_kind {
            list.sort_by(|a, b| by_key_then_content(a, b, |r| (r.period.to, r.submitted)));
        }
    }
    /// The same year's six-month report, for an annual one.
    fn six_month_of(&self, r: &Report) -> Option<&'a Report> {
        self.six_month.get(&r.period.from).copied()
    }
    /// The latest report of the same kind whose period ended before `r`'s began.
    fn previous(&self, r: &Report) -> Option<&'a Report> {
        let list = self.by_kind.get(r.kind as usize)?;
        let before = list.partition_point(|o| o.period.to < r.period.from);
        before.checked_sub(1).and_then(|i| list.get(i)).copied()
    }
}

fn unknown_fields(extra: &Extra, at: &str, out: &mut Vec<Finding>) {
    for (k, v) in extra {
        out.push(
            Finding::new(Code::UnknownField, pointer(at, k), msg::unknown_field(k))
                .with("field", k.as_str())
                .with("actual", v.clone()),
        );
    }
}

fn check_unit(plan: &Plan, r: &Report, out: &mut Vec<Finding>) {
    match plan.unit(&r.unit) {
        None => out.push(
            Finding::new(Code::UnknownUnit, "/unit", msg::unknown_unit(r.unit.as_str())).with("unit", r.unit.as_str()),
        ),
        Some(u) => {
            if !u.valid_during(&r.period) {
                out.push(
                    Finding::new(
                        Code::UnknownUnit,
                        "/unit",
                        msg::unit_not_valid(u.id.as_str(), &u.name, u.valid_from, u.valid_to),
                    )
                    .with("unit", u.id.as_str()),
                );
            } else if !plan.expects(&r.unit) {
                out.push(
                    Finding::new(Code::UnitNotExpected, "/unit", msg::unit_not_expected(&u.name))
                        .with("unit", u.id.as_str()),
                );
            }
        }
    }
}

/// The schedule entry the report answers, or a `period_mismatch`.
fn check_period<'p>(plan: &'p Plan, r: &Report, out: &mut Vec<Finding>) -> Option<&'p ScheduleEntry> {
    if let Some(e) = plan.reporting.entry_for(r.kind, &r.period) {
        return Some(e);
    }
    // The entry it was most likely meant for: same kind, overlapping, else the first of the kind.
    let same_kind = || plan.reporting.schedule.iter().filter(|e| e.kind == r.kind);
    let meant = same_kind().find(|e| e.period.overlaps(&r.period)).or_else(|| same_kind().next());
    let mut f = Finding::new(
        Code::PeriodMismatch,
        "/period",
        msg::period_mismatch(
            r.kind.name_vi(),
            r.kind.name_en(),
            r.period.from,
            r.period.to,
            meant.map(|e| (e.period.from, e.period.to)),
        ),
    )
    .with("actual", serde_json::json!({"from": r.period.from.iso(), "to": r.period.to.iso()}));
    if let Some(e) = meant {
        f = f.with("expected", serde_json::json!({"from": e.period.from.iso(), "to": e.period.to.iso()}));
    }
    out.push(f);
    None
}

fn check_timeliness(e: &ScheduleEntry, r: &Report, out: &mut Vec<Finding>) {
    if r.submitted > e.due {
        let days = (r.submitted.0 - e.due.0).num_days();
        out.push(
            Finding::new(Code::LateSubmission, "/submitted", msg::late_submission(r.submitted, e.due, days))
                .with("due", e.due.iso())
                .with("submitted", r.submitted.iso())
                .with("days_late", days),
        );
    }
    // A plan that sets the due date before the cut-off asks for estimates:
    // a unit that follows it is not at fault.
    if r.submitted < e.period.to && e.due >= e.period.to {
        out.push(
            Finding::new(
                Code::SubmittedBeforePeriodEnd,
                "/submitted",
                msg::submitted_before_period_end(r.submitted, e.period.to),
            )
            .with("submitted", r.submitted.iso())
            .with("period_end", e.period.to.iso()),
        );
    }
}

/// Sum checks on one female/male/total triple at `at`.
fn check_split(s: &SexSplit, at: &str, what: (&str, &str), out: &mut Vec<Finding>) {
    numbers_nowhere(&s.extra, at, ("tử số, mẫu số", "a numerator or denominator"), out);
    let (vi, en) = what;
    match (s.female, s.male, s.total) {
        (Some(f), Some(m), Some(t)) if f.checked_add(m) != Some(t) => {
            out.push(
                Finding::new(
                    Code::SexSumMismatch,
                    pointer(at, "total"),
                    msg::sex_sum_mismatch(vi, en, t.get(), f.get(), m.get()),
                )
                .with("female", f.get())
                .with("male", m.get())
                .with("total", t.get())
                .with("expected", f.get().saturating_add(m.get())),
            );
        }
        // No total given: female + male is the total, and it must fit.
        (Some(f), Some(m), None) if f.checked_add(m).is_none() => {
            out.push(
                Finding::new(
                    Code::Overflow,
                    pointer(at, "total"),
                    msg::implicit_total_overflow(vi, en, f.get(), m.get()),
                )
                .with("female", f.get())
                .with("male", m.get())
                .with("limit", crate::model::MAX_COUNT),
            );
        }
        (Some(p), None, Some(t)) | (None, Some(p), Some(t)) if p > t => {
            let (pv, pe, key) = if s.female.is_some() { ("nữ", "female", "female") } else { ("nam", "male", "male") };
            out.push(
                Finding::new(Code::SexSumMismatch, pointer(at, key), msg::part_exceeds_total(t.get(), pv, pe, p.get()))
                    .with(key, p.get())
                    .with("total", t.get()),
            );
        }
        _ => {}
    }
}

fn needs_split(ind: &Indicator, s: &SexSplit) -> bool {
    ind.by_sex && !s.is_empty() && (s.female.is_none() || s.male.is_none())
}

/// Unknown fields of a value entry, an output or a funding line: a number
/// there reaches no total, so it is a `field_not_for_measure` error; other
/// text is an `unknown_field` warning, kept as it came.
fn numbers_nowhere(extra: &Extra, at: &str, words: (&str, &str), out: &mut Vec<Finding>) {
    for (k, v) in extra {
        if holds_number(v) {
            out.push(
                Finding::new(Code::FieldNotForMeasure, pointer(at, k), msg::field_not_used(k, words))
                    .with("field", k.as_str())
                    .with("actual", v.clone()),
            );
        } else {
            out.push(
                Finding::new(Code::UnknownField, pointer(at, k), msg::unknown_field(k))
                    .with("field", k.as_str())
                    .with("actual", v.clone()),
            );
        }
    }
}

fn holds_number(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::Array(items) => items.iter().any(holds_number),
        Value::Object(map) => map.values().any(holds_number),
        Value::Null | Value::Bool(_) | Value::String(_) => false,
    }
}

/// The value's fields against the ones its indicator's measure takes
/// ([`Indicator::value_fields`]): every reported number must reach a total.
fn check_shape(ind: &Indicator, v: &ValueEntry, at: &str, out: &mut Vec<Finding>) {
    let allowed = ind.value_fields();
    let present = [
        ("female", v.female.is_some()),
        ("male", v.male.is_some()),
        ("total", v.total.is_some()),
        ("numerator", v.numerator.as_ref().is_some_and(|s| !s.is_empty())),
        ("denominator", v.denominator.as_ref().is_some_and(|s| !s.is_empty())),
        ("stated", v.stated.is_some()),
    ];
    for (field, _) in present.iter().filter(|(f, there)| *there && !allowed.contains(f)) {
        out.push(
            Finding::new(Code::FieldNotForMeasure, pointer(at, field), msg::field_not_for_measure(ind, field, allowed))
                .with("indicator", ind.id.as_str())
                .with("field", *field)
                .with("expected", allowed.to_vec()),
        );
    }
    // A percent that adds up is added as numerators and denominators: a
    // stated figure alone, or one half of the fraction, reaches no total.
    if ind.measure.is_fraction() && ind.aggregation != Aggregation::NotAdditive {
        let (num, den, stated) = (present[3].1, present[4].1, present[5].1);
        if num || den || stated {
            for (field, there) in [("numerator", num), ("denominator", den)] {
                if !there {
                    out.push(
                        Finding::new(
                            Code::NumeratorDenominatorRequired,
                            pointer(at, field),
                            msg::numerator_denominator_required(ind, field),
                        )
                        .with("indicator", ind.id.as_str())
                        .with("field", field),
                    );
                }
            }
        }
    }
}

fn check_value(lookup: &Lookup, v: &ValueEntry, at: &str, rules: &crate::RuleSettings, out: &mut Vec<Finding>) {
    // Looked up once for the value and its cells (a country has 264,000 values).
    let found = lookup.indicator(&v.indicator);
    check_fields(found, v, at, rules, out);
    let Some(ind) = found else { return };
    // Each cell is checked as a value of its own (sex sums, the fields its
    // measure takes, numerator against denominator), then the cells together.
    // (Pointers are written only where they are needed: most values have
    // no cells, no numerator and no finding.)
    let cells_at = if v.cells.is_empty() { String::new() } else { pointer(at, "cells") };
    for (j, c) in v.cells.iter().enumerate() {
        let as_value = ValueEntry {
            indicator: v.indicator.clone(),
            female: c.female,
            male: c.male,
            total: c.total,
            numerator: c.numerator.clone(),
            denominator: c.denominator.clone(),
            extra: c.extra.clone(),
            ..ValueEntry::default()
        };
        check_fields(found, &as_value, &pointer(&cells_at, j), rules, out);
    }
    crate::breakdown::check(lookup, ind, v, at, out);
}

/// The fields of a value (or of a cell, as a value) whose indicator `found` is.
fn check_fields(
    found: Option<&Indicator>,
    v: &ValueEntry,
    at: &str,
    rules: &crate::RuleSettings,
    out: &mut Vec<Finding>,
) {
    numbers_nowhere(&v.extra, at, ("chỉ tiêu", "an indicator value"), out);
    check_split(&v.counts(), at, ("", ""), out);
    let none = SexSplit::default();
    let num = v.numerator.as_ref().unwrap_or(&none);
    let den = v.denominator.as_ref().unwrap_or(&none);
    let num_at = || pointer(at, "numerator");
    let den_at = || pointer(at, "denominator");
    if v.numerator.is_some() {
        check_split(num, &num_at(), ("Tử số: ", "Numerator: "), out);
    }
    if v.denominator.is_some() {
        check_split(den, &den_at(), ("Mẫu số: ", "Denominator: "), out);
    }
    let Some(ind) = found else {
        out.push(
            Finding::new(
                Code::UnknownIndicator,
                pointer(at, "indicator"),
                msg::unknown_indicator(v.indicator.as_str()),
            )
            .with("indicator", v.indicator.as_str()),
        );
        return;
    };
    check_shape(ind, v, at, out);
    if let Some(stated) = v.stated {
        let (low, high) = ind.measure.range();
        if stated < low || high.is_some_and(|h| stated > h) {
            out.push(
                Finding::new(
                    Code::ValueOutOfRange,
                    pointer(at, "stated"),
                    msg::value_out_of_range(ind, stated, low, high),
                )
                .with("indicator", ind.id.as_str())
                .with("actual", stated)
                .with("minimum", low)
                .with("maximum", high),
            );
        }
    }
    let id = ind.id.as_str();
    let breakdown = |at: String| {
        Finding::new(Code::SexBreakdownRequired, at, msg::sex_breakdown_required(&ind.name_vi, &ind.name_en))
            .with("indicator", id)
    };
    if !ind.measure.is_fraction() {
        if needs_split(ind, &v.counts()) {
            out.push(breakdown(at.to_string()));
        }
        return;
    }
    for (split, where_) in [(num, &num_at as &dyn Fn() -> String), (den, &den_at)] {
        if needs_split(ind, split) {
            out.push(breakdown(where_()));
        }
    }
    // Numerator against denominator: in total, and for each sex both give.
    for key in ["total", "female", "male"] {
        let pick = |s: &SexSplit| match key {
            "total" => s.effective_total(),
            "female" => s.female,
            _ => s.male,
        };
        let (Some(n), Some(d)) = (pick(num), pick(den)) else { continue };
        if d == Count::ZERO && n > Count::ZERO {
            out.push(
                Finding::new(Code::ZeroDenominator, pointer(&den_at(), key), msg::zero_denominator(ind, n.get()))
                    .with("indicator", id)
                    .with("numerator", n.get()),
            );
        } else if ind.measure == Measure::Percent && n > d {
            out.push(
                Finding::new(
                    Code::NumeratorExceedsDenominator,
                    pointer(&num_at(), key),
                    msg::numerator_exceeds_denominator(ind, n.get(), d.get()),
                )
                .with("indicator", id)
                .with("numerator", n.get())
                .with("denominator", d.get()),
            );
        } else if key == "total" && d > Count::ZERO {
            if let Some(stated) = v.stated {
                let computed = n.get() as f64 / d.get() as f64 * ind.measure.scale();
                if (stated - computed).abs() > rules.percent_tolerance + 1e-9 {
                    out.push(
                        Finding::new(
                            Code::StatedPercentMismatch,
                            pointer(at, "stated"),
                            msg::stated_percent_mismatch(ind, stated, computed, rules.percent_tolerance),
                        )
                        .with("indicator", id)
                        .with("stated", stated)
                        .with("expected", (computed * 100.0).round() / 100.0)
                        .with("limit", rules.percent_tolerance),
                    );
                }
            }
        }
    }
}

/// Counts of one entry by part, for comparisons across reports.
fn parts(v: &ValueEntry) -> [(&'static str, Option<Count>); 3] {
    [("total", v.counts().effective_total()), ("female", v.female), ("male", v.male)]
}

/// A report's values by indicator (the first of duplicates, as a scan would find).
enum ByIndicator<'a> {
    /// Ids in increasing order (each once): found by their place.
    Sorted(&'a [ValueEntry]),
    Map(BTreeMap<&'a IndicatorId, &'a ValueEntry>),
}

impl<'a> ByIndicator<'a> {
    fn of(values: &'a [ValueEntry]) -> Self {
        if increasing(values) {
            return ByIndicator::Sorted(values);
        }
        let mut out = BTreeMap::new();
        for v in values {
            out.entry(&v.indicator).or_insert(v);
        }
        ByIndicator::Map(out)
    }

    /// The value of `id`.
    fn get(&self, id: &IndicatorId) -> Option<&'a ValueEntry> {
        match self {
            ByIndicator::Sorted(values) => {
                values.binary_search_by(|v| v.indicator.cmp(id)).ok().and_then(|i| values.get(i))
            }
            ByIndicator::Map(map) => map.get(id).copied(),
        }
    }
}

fn compare_with_context(plan: &Plan, lookup: &Lookup, r: &Report, history: &History, out: &mut Vec<Finding>) {
    // Annual against the same year's six-month report.
    if r.kind == ReportKind::Annual {
        if let Some(six) = history.six_month_of(r) {
            let six_values = ByIndicator::of(&six.values);
            for (i, v) in r.values.iter().enumerate() {
                let i = r.positions.value(i);
                let Some(ind) = lookup.indicator(&v.indicator) else { continue };
                if ind.temporal != Temporal::Flow || ind.aggregation != Aggregation::Sum {
                    continue;
                }
                let Some(old) = six_values.get(&v.indicator) else { continue };
                for ((key, new), (_, before)) in parts(v).into_iter().zip(parts(old)) {
                    if let (Some(new), Some(before)) = (new, before) {
                        if new < before {
                            out.push(
                                Finding::new(
                                    Code::AnnualBelowSixMonth,
                                    pointer(&pointer("/values", i), key),
                                    msg::annual_below_six_month(ind, new.get(), before.get()),
                                )
                                .with("indicator", v.indicator.as_str())
                                .with("actual", new.get())
                                .with("six_month", before.get()),
                            );
                        }
                    }
                }
            }
        }
    }
    // Outliers against the same unit's previous period of the same kind.
    let Some(previous) = history.previous(r) else { return };
    let previous_values = ByIndicator::of(&previous.values);
    let factor = plan.rules.outlier_factor;
    for (i, v) in r.values.iter().enumerate() {
        let i = r.positions.value(i);
        let Some(ind) = lookup.indicator(&v.indicator) else { continue };
        if ind.measure.is_fraction() {
            continue;
        }
        let Some(old) = previous_values.get(&v.indicator) else { continue };
        let (Some(new), Some(before)) = (v.counts().effective_total(), old.counts().effective_total()) else {
            continue;
        };
        let (n, b) = (new.get() as f64, before.get() as f64);
        if new.get().max(before.get()) < plan.rules.outlier_min {
            continue;
        }
        if n > b * factor || n * factor < b {
            out.push(
                Finding::new(
                    Code::Outlier,
                    pointer(&pointer("/values", i), "total"),
                    msg::outlier(ind, new.get(), before.get(), factor),
                )
                .with("indicator", v.indicator.as_str())
                .with("actual", new.get())
                .with("previous", before.get())
                .with("limit", factor),
            );
        }
    }
}

/// What happened to one report of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "ReportStatus"))]
pub enum Status {
    /// Counted in the summary.
    Used,
    /// A later report for the same unit, kind and period replaced it.
    Superseded,
    /// It has an error: left out of the summary, with its findings.
    Rejected,
}

/// One report's outcome in a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Outcome {
    /// Its place in the input, from 0.
    pub index: usize,
    /// Where it came from, when the host said (the file name in the CLI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The reporting unit, when the report could be read that far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ReportKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<Date>,
    pub status: Status,
    /// The index of the report that replaced this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<usize>,
    pub findings: Vec<Finding>,
    /// A used report's values its errors left out of the summary (a plan's
    /// `rules.acceptance`: `value`), each with the codes of those errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
}

/// A value left out of the summary, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LeftOut {
    /// The value's JSON Pointer: `/values/1`, `/activities/0/outputs/2`, `/funding/3`.
    pub path: String,
    /// The codes of the errors in it, in order.
    pub codes: Vec<Code>,
}

/// The value an error points into (`/values/1/cells/0/total` → `/values/1`),
/// or None when it points elsewhere (the unit, the period, the whole report).
fn value_pointer(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let index = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        ["values", i, ..] | ["funding", i, ..] if index(i) => {
            Some(parts.iter().take(2).fold(String::new(), |a, p| a + "/" + p))
        }
        ["activities", i, "outputs", k, ..] if index(i) && index(k) => {
            Some(parts.iter().take(4).fold(String::new(), |a, p| a + "/" + p))
        }
        _ => None,
    }
}

/// The values `findings` leave out of the summary under `plan`'s acceptance,
/// or None when an error rejects the whole report.
fn left_out(plan: &Plan, findings: &[Finding]) -> Option<Vec<LeftOut>> {
    let mut out: BTreeMap<String, Vec<Code>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.is_error()) {
        let at = value_pointer(&f.path).filter(|_| plan.rules.acceptance_of(f.code) == finding::Acceptance::Value)?;
        let codes = out.entry(at).or_default();
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    Some(out.into_iter().map(|(path, codes)| LeftOut { path, codes }).collect())
}

/// The report without the values `left` names (their places kept in
/// `positions`, so the rest still point where the person typed them).
fn trimmed(r: &Report, left: &[LeftOut]) -> Report {
    // Inserted, not collected: collecting into a set links a sort of its
    // items (4 kB of WebAssembly).
    let mut gone: BTreeSet<&str> = BTreeSet::new();
    for l in left {
        gone.insert(&l.path);
    }
    let mut t = r.clone();
    let keep = |list: Vec<ValueEntry>, at: &dyn Fn(usize) -> String, places: &mut Vec<usize>| {
        let mut kept = Vec::new();
        let mut where_ = Vec::new();
        for (i, v) in list.into_iter().enumerate() {
            if !gone.contains(at(i).as_str()) {
                where_.push(i);
                kept.push(v);
            }
        }
        *places = where_;
        kept
    };
    let positions = r.positions.clone();
    let mut places = Vec::new();
    t.values = keep(std::mem::take(&mut t.values), &|i| pointer("/values", positions.value(i)), &mut places);
    t.positions.values = places.iter().map(|i| positions.value(*i)).collect();
    for (j, a) in t.activities.iter_mut().enumerate() {
        let base = pointer(&pointer("/activities", positions.activity(j)), "outputs");
        let mut unused = Vec::new();
        a.outputs = keep(std::mem::take(&mut a.outputs), &|k| pointer(&base, k), &mut unused);
    }
    let funding: Vec<(usize, crate::model::FundingLine)> =
        std::mem::take(&mut t.funding).into_iter().enumerate().collect();
    let (kept, places): (Vec<_>, Vec<_>) = funding
        .into_iter()
        .filter(|(j, _)| !gone.contains(pointer("/funding", positions.funding(*j)).as_str()))
        .map(|(j, line)| (line, positions.funding(j)))
        .unzip();
    t.funding = kept;
    t.positions.funding = places;
    t
}

/// The result of validating a batch: one outcome per input, in input order,
/// and the typed reports (`None` where a report could not be read).
#[derive(Clone, Debug)]
pub struct Batch {
    pub outcomes: Vec<Outcome>,
    pub reports: Vec<Option<Report>>,
}

/// Validates many reports together.
///
/// Reports for the same unit, kind and period: the one submitted last is
/// used, the others are superseded (`duplicate_report`). Equal dates are
/// settled by the reports' content, so the outcome does not depend on the
/// order of the input. Every other report of the batch is context for the
/// annual-against-six-month and outlier rules, beside `earlier`.
///
/// Inputs are reports already read ([`read::report_from_str`] or
/// [`read::report_from_value`]), so text and parsed JSON mix freely.
pub fn batch(
    plan: &Plan,
    catalog: &Catalog,
    inputs: Vec<read::Read<Report>>,
    as_of: Date,
    earlier: &[Report],
) -> Batch {
    batch_with(plan, catalog, inputs, as_of, earlier, &read::Limits::default())
}

/// [`batch`], keeping at most `limits.max_findings` findings per report.
pub fn batch_with(
    plan: &Plan,
    catalog: &Catalog,
    inputs: Vec<read::Read<Report>>,
    as_of: Date,
    earlier: &[Report],
    limits: &read::Limits,
) -> Batch {
    let mut sources = Vec::with_capacity(inputs.len());
    let mut reads: Vec<(Option<Report>, Vec<Finding>)> = inputs
        .into_iter()
        .map(|r| {
            sources.push(r.source);
            (r.value, r.findings)
        })
        .collect();
    // Duplicates: group by unit, kind and period; the latest submission wins.
    let mut groups: BTreeMap<(UnitId, ReportKind, Period), Vec<usize>> = BTreeMap::new();
    for (i, (r, _)) in reads.iter().enumerate() {
        if let Some(r) = r {
            groups.entry((r.unit.clone(), r.kind, r.period)).or_default().push(i);
        }
    }
    let mut superseded_by: BTreeMap<usize, usize> = BTreeMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        // A report whose submission date cannot be true (after the date of
        // the check, or before its period starts) never replaces a plausible
        // one: a mistyped 9999-12-31 must not win over a real correction.
        let key = |i: &usize| {
            let r = reads.get(*i).and_then(|x| x.0.as_ref());
            let plausible = r.is_some_and(|r| r.period.from <= r.submitted && r.submitted <= as_of);
            (plausible, r.map(|r| r.submitted), r.and_then(|r| serde_json::to_string(r).ok()), *i)
        };
        let Some(winner) = members.iter().max_by_key(|i| key(i)).copied() else { continue };
        for &i in members.iter().filter(|i| **i != winner) {
            superseded_by.insert(i, winner);
        }
    }
    // First each report on its own: its reading findings and its own rules.
    let own: Vec<Vec<Finding>> = reads
        .iter_mut()
        .map(|(r, findings)| {
            let mut all = std::mem::take(findings);
            if let Some(r) = r.as_ref() {
                all.extend(own_rules(plan, catalog, r, as_of));
            }
            all
        })
        .collect();
    // The reports the context rules compare with: neither superseded nor
    // rejected on their own. Both are settled before any comparison, and the
    // histories break ties by content, so the choice never depends on the
    // order of the input (a comparison that rejects a report does not take
    // it out of the others' context: no fixed point to chase).
    let mut histories: BTreeMap<&UnitId, History> = BTreeMap::new();
    for r in earlier {
        histories.entry(&r.unit).or_default().add(r);
    }
    // A report whose errors leave out only values is context without them.
    let alone: Vec<Option<Vec<LeftOut>>> = own.iter().map(|f| left_out(plan, &plan.rules.apply(f.clone()))).collect();
    let trimmed_alone: Vec<Option<Report>> = reads
        .iter()
        .zip(&alone)
        .map(|((r, _), left)| match (r, left) {
            (Some(r), Some(left)) if !left.is_empty() => Some(trimmed(r, left)),
            _ => None,
        })
        .collect();
    for (i, (r, _)) in reads.iter().enumerate() {
        let rejected_alone = alone.get(i).is_none_or(Option::is_none);
        let r = trimmed_alone.get(i).and_then(Option::as_ref).or(r.as_ref());
        if let Some(r) = r.filter(|_| !superseded_by.contains_key(&i) && !rejected_alone) {
            histories.entry(&r.unit).or_default().add(r);
        }
    }
    for h in histories.values_mut() {
        h.finish();
    }
    let lookup = Lookup::new(plan, catalog);
    let empty = History::default();
    let mut outcomes = Vec::new();
    // Reports whose errors left out values, trimmed once the loop is done.
    let mut trims: BTreeMap<usize, Vec<LeftOut>> = BTreeMap::new();
    for (i, ((r, _), mut all)) in reads.iter().zip(own).enumerate() {
        if let Some(r) = r.as_ref() {
            compare_with_context(plan, &lookup, r, histories.get(&r.unit).unwrap_or(&empty), &mut all);
            if let Some(&w) = superseded_by.get(&i) {
                all.push(
                    Finding::new(
                        Code::DuplicateReport,
                        "",
                        msg::duplicate_report(plan.unit(&r.unit).map_or(r.unit.as_str(), |u| u.name.as_str()), w),
                    )
                    .with("superseded_by", w),
                );
            }
        }
        #[cfg_attr(not(feature = "excel"), allow(unused_mut))]
        let mut all = settle(plan, all);
        #[cfg(feature = "excel")]
        if let Some(r) = r.as_ref() {
            crate::finding::place_cells(&r.positions.cells, &mut all);
        }
        // Which values the errors leave out, from every finding (before the cap).
        let left = left_out(plan, &all);
        let all = limits.cap(all);
        let status = if superseded_by.contains_key(&i) {
            Status::Superseded
        } else if r.is_none() || left.is_none() {
            Status::Rejected
        } else {
            Status::Used
        };
        let left = if status == Status::Used { left.unwrap_or_default() } else { Vec::new() };
        if !left.is_empty() {
            trims.insert(i, left.clone());
        }
        outcomes.push(Outcome {
            index: i,
            source: sources.get_mut(i).and_then(Option::take),
            unit: r.as_ref().map(|r| r.unit.clone()),
            kind: r.as_ref().map(|r| r.kind),
            period: r.as_ref().map(|r| r.period),
            submitted: r.as_ref().map(|r| r.submitted),
            status,
            superseded_by: superseded_by.get(&i).copied(),
            findings: all,
            left_out: left,
        });
    }
    // The typed reports, less the values a used one's errors left out.
    let reports = reads
        .into_iter()
        .enumerate()
        .map(|(i, (r, _))| match (r, trims.get(&i)) {
            (Some(r), Some(left)) => Some(trimmed(&r, left)),
            (r, _) => r,
        })
        .collect();
    Batch { outcomes, reports }
}

/// Checks the plan itself: references, ids, the schedule, the unit tree.
pub fn plan(plan: &Plan, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    let lookup = Lookup::new(plan, catalog);
    let units: BTreeSet<&UnitId> = plan.units.iter().map(|u| &u.id).collect();
    let unit_ref = |id: &UnitId, at: String, out: &mut Vec<Finding>| {
        if !units.contains(id) {
            out.push(
                Finding::new(Code::PlanUnknownUnit, at, msg::plan_unknown_unit(id.as_str())).with("unit", id.as_str()),
            );
        }
    };
    unit_ref(&plan.issuer, "/issuer".into(), &mut out);
    for (i, u) in plan.units.iter().enumerate() {
        if let Some(p) = &u.parent {
            unit_ref(p, pointer(&pointer("/units", i), "parent"), &mut out);
        }
        for (j, e) in u.earlier_parents.iter().enumerate() {
            unit_ref(&e.parent, format!("/units/{i}/earlier_parents/{j}/parent"), &mut out);
        }
    }
    for (i, u) in plan.reporting.units.iter().enumerate() {
        unit_ref(u, pointer("/reporting/units", i), &mut out);
    }
    if let Some(r) = &plan.reporting.reviewer {
        unit_ref(r, "/reporting/reviewer".into(), &mut out);
    }
    for (r, role) in plan.roles.iter().enumerate() {
        for (i, u) in role.units.iter().enumerate() {
            unit_ref(u, format!("/roles/{r}/units/{i}"), &mut out);
        }
    }
    let ind_ref = |id: &IndicatorId, at: String, out: &mut Vec<Finding>| {
        if lookup.indicator(id).is_none() {
            out.push(
                Finding::new(Code::PlanUnknownIndicator, at, msg::plan_unknown_indicator(id.as_str()))
                    .with("indicator", id.as_str()),
            );
        }
    };
    for (c, area) in plan.content_areas.iter().enumerate() {
        for (a, act) in area.activities.iter().enumerate() {
            let at = format!("/content_areas/{c}/activities/{a}");
            unit_ref(&act.lead, pointer(&at, "lead"), &mut out);
            for (i, u) in act.cooperating.iter().enumerate() {
                unit_ref(u, format!("{at}/cooperating/{i}"), &mut out);
            }
            for (i, id) in act.indicators.iter().enumerate() {
                ind_ref(id, format!("{at}/indicators/{i}"), &mut out);
            }
            if let Some(w) = &act.window {
                if w.to < w.from {
                    out.push(Finding::new(
                        Code::PlanInvalidPeriod,
                        pointer(&at, "window"),
                        msg::plan_invalid_period(w.from, w.to),
                    ));
                }
            }
        }
    }
    for (i, id) in plan.reporting.required_indicators.iter().enumerate() {
        ind_ref(id, pointer("/reporting/required_indicators", i), &mut out);
    }
    for (i, t) in plan.targets.iter().enumerate() {
        if lookup.indicator(&t.indicator).is_none() {
            out.push(
                Finding::new(
                    Code::PlanTargetUnknownIndicator,
                    format!("/targets/{i}/indicator"),
                    msg::plan_target_unknown_indicator(t.indicator.as_str()),
                )
                .with("indicator", t.indicator.as_str()),
            );
        }
        if let Some(u) = &t.unit {
            unit_ref(u, format!("/targets/{i}/unit"), &mut out);
        }
    }
    crate::breakdown::check_plan(&lookup, &mut out);
    // Duplicate ids, kind by kind.
    let dup = |what: (&str, &str), ids: Vec<(String, String)>, out: &mut Vec<Finding>| {
        let mut seen = BTreeSet::new();
        for (id, at) in ids {
            if !seen.insert(id.clone()) {
                out.push(
                    Finding::new(Code::PlanDuplicateId, at, msg::plan_duplicate_id(what.0, what.1, &id)).with("id", id),
                );
            }
        }
    };
    dup(
        ("đơn vị", "unit"),
        plan.units.iter().enumerate().map(|(i, u)| (u.id.0.clone(), format!("/units/{i}/id"))).collect(),
        &mut out,
    );
    dup(
        ("hoạt động", "activity"),
        plan.content_areas
            .iter()
            .enumerate()
            .flat_map(|(c, a)| {
                a.activities
                    .iter()
                    .enumerate()
                    .map(move |(j, x)| (x.id.0.clone(), format!("/content_areas/{c}/activities/{j}/id")))
            })
            .collect(),
        &mut out,
    );
    dup(
        ("phân tổ", "dimension"),
        plan.dimensions.iter().enumerate().map(|(i, x)| (x.id.clone(), format!("/dimensions/{i}/id"))).collect(),
        &mut out,
    );
    dup(
        ("chỉ tiêu", "indicator"),
        plan.indicators.iter().enumerate().map(|(i, x)| (x.id.0.clone(), format!("/indicators/{i}/id"))).collect(),
        &mut out,
    );
    dup(
        ("nguồn kinh phí", "funding source"),
        plan.funding_sources
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.0.clone(), format!("/funding_sources/{i}/id")))
            .collect(),
        &mut out,
    );
    dup(
        ("kỳ báo cáo", "schedule entry"),
        plan.reporting
            .schedule
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), format!("/reporting/schedule/{i}/id")))
            .collect(),
        &mut out,
    );
    // The schedule.
    let schedule = &plan.reporting.schedule;
    for (i, e) in schedule.iter().enumerate() {
        let at = pointer("/reporting/schedule", i);
        if e.period.to < e.period.from {
            out.push(Finding::new(
                Code::PlanInvalidPeriod,
                pointer(&at, "period"),
                msg::plan_invalid_period(e.period.from, e.period.to),
            ));
        }
        if e.due < e.period.from {
            out.push(
                Finding::new(
                    Code::PlanDueBeforePeriodStart,
                    pointer(&at, "due"),
                    msg::plan_due_before_period_start(e.due, e.period.from),
                )
                .with("due", e.due.iso())
                .with("period_start", e.period.from.iso()),
            );
        } else if e.due < e.period.to {
            out.push(
                Finding::new(
                    Code::PlanDueBeforePeriodEnd,
                    pointer(&at, "due"),
                    msg::plan_due_before_period_end(e.due, e.period.to),
                )
                .with("due", e.due.iso())
                .with("period_end", e.period.to.iso()),
            );
        }
        for (j, other) in schedule.iter().enumerate().skip(i.saturating_add(1)) {
            if other.kind == e.kind && other.period.overlaps(&e.period) {
                out.push(
                    Finding::new(
                        Code::PlanOverlappingWindows,
                        pointer("/reporting/schedule", j),
                        msg::plan_overlapping_windows(&e.id, &other.id),
                    )
                    .with("first", e.id.as_str())
                    .with("second", other.id.as_str()),
                );
            }
        }
    }
    // The unit tree must not loop. Each unit's parent chain is walked once
    // (three colours: unvisited, on the current walk, finished), so a chain
    // or a loop of 100,000 units costs 100,000 steps, not their square.
    let index: BTreeMap<&UnitId, usize> = plan.units.iter().enumerate().rev().map(|(i, u)| (&u.id, i)).collect();
    let parent_of = |i: usize| plan.units.get(i).and_then(|u| u.parent.as_ref()).and_then(|p| index.get(p)).copied();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Walking,
        Done,
    }
    let mut marks = vec![Mark::New; plan.units.len()];
    for start in 0..plan.units.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match marks.get(i).copied() {
                Some(Mark::New) => {
                    if let Some(m) = marks.get_mut(i) {
                        *m = Mark::Walking;
                    }
                    path.push(i);
                    at = parent_of(i);
                }
                // Back on this walk: the units from there on form the loop.
                // A unit that merely hangs below a loop is not at fault.
                Some(Mark::Walking) => {
                    let from = path.iter().position(|p| *p == i).unwrap_or(path.len());
                    for &k in path.get(from..).unwrap_or_default() {
                        if let Some(u) = plan.units.get(k) {
                            out.push(
                                Finding::new(
                                    Code::PlanUnitCycle,
                                    pointer(&pointer("/units", k), "parent"),
                                    msg::plan_unit_cycle(u.id.as_str()),
                                )
                                .with("unit", u.id.as_str()),
                            );
                        }
                    }
                    at = None;
                }
                Some(Mark::Done) | None => at = None,
            }
        }
        for k in path {
            if let Some(m) = marks.get_mut(k) {
                *m = Mark::Done;
            }
        }
    }
    settle(plan, out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn values(ids: &[u8]) -> Vec<ValueEntry> {
        ids.iter()
            .map(|i| ValueEntry { indicator: IndicatorId(format!("chi-tieu-{i:02}")), ..ValueEntry::default() })
            .collect()
    }

    proptest! {
        /// The shortcuts for values listed in the plan's order find what a
        /// scan finds, in any order: the first value of each indicator, and
        /// a duplicate wherever there is one.
        #[test]
        fn values_are_found_as_a_scan_finds_them(
            mut ids in proptest::collection::vec(0u8..12, 0..16),
            sort in any::<bool>(),
            dedup in any::<bool>(),
        ) {
            if sort {
                ids.sort_unstable();
            }
            if dedup {
                ids.dedup();
            }
            let vals = values(&ids);
            let by = ByIndicator::of(&vals);
            prop_assert_eq!(matches!(by, ByIndicator::Sorted(_)), increasing(&vals));
            if sort && dedup {
                prop_assert!(increasing(&vals));
            }
            for probe in values(&(0u8..12).collect::<Vec<_>>()) {
                let scan = vals.iter().find(|v| v.indicator == probe.indicator);
                let found = by.get(&probe.indicator);
                let same = match (scan, found) {
                    (Some(a), Some(b)) => std::ptr::eq(a, b),
                    (None, None) => true,
                    _ => false,
                };
                prop_assert!(same, "{:?} found as {:?}, a scan finds {:?}", probe.indicator, found, scan);
            }
            let mut seen = BTreeMap::new();
            let mut dups = Vec::new();
            for (i, v) in vals.iter().enumerate() {
                duplicate_value(&mut seen, v, i, "", &mut dups);
            }
            if increasing(&vals) {
                prop_assert!(dups.is_empty());
            }
        }
    }
}
