//! Publishing a summary without giving anyone away.
//!
//! Counts of violence cases and victims are sensitive: in a district of a few
//! thousand people, "2 victims" may name them. An indicator says so itself
//! ([`crate::model::Indicator::sensitive`], in the catalogue or in a plan).
//!
//! **The attacker** knows every published cell, every relation below, and that
//! no count is negative. For one sensitive indicator the cells are, per
//! schedule entry, unit and sex (female, male, total), its count, or for a
//! percent, ratio or rate its numerator and denominator, and the relations:
//!
//! - female + male = total, in a unit's row (where the figures say so);
//! - a unit = its own report + the sum of its children. The own report is
//!   never published but follows from the rest: it is an *implicit* cell,
//!   protected like any other. A unit that reported nothing itself (its
//!   `reports` column equals its children's) has an own part of 0, known;
//! - for an indicator that adds up over time, annual = six-month + second
//!   half, the second half an implicit cell (and so is a unit's own second
//!   half);
//! - a published percent, ratio or rate and a parity or share gives the
//!   numerator from the denominator: the value is published only with both;
//! - a breakdown beyond sex (age band, residence, ethnic group): each cell
//!   is a row of its own with all the relations above (its sexes, its
//!   units' own parts and children, its half-years), and a margin = the sum
//!   of its cells along a dimension whose every option has its cell (a
//!   group's cell = its members'), for a unit's figure and its own part.
//!
//! **Primary suppression** withholds every cell, published or implicit, from
//! 1 to the plan's threshold − 1 (`rules.small_cells`, default 5). Zeros are
//! published: a zero names nobody.
//!
//! **Complementary suppression** is a small solver over those relations, in
//! the manner of tau-ARGUS and sdcTable. For each primary cell, an audit
//! takes the withheld and implicit cells around it (its own rows whole, and
//! from a parent's sum a few of its largest withheld siblings: a *window*),
//! treats every other cell as known to the attacker at its true value, and
//! solves two linear programs ([`crate::lp`]) for the least and greatest
//! value the attacker can derive. While the interval is narrower than the
//! protection level (the threshold), the audit first looks at a wider window
//! if the first was cut short, then one more published cell is withheld: the
//! smallest *part* (a child, a sex, a half-year) at least as large as the
//! level in a relation of the cell, else in a relation of its window; then
//! the smallest such *total* (a parent, a row's total, a year: they add up
//! more reports and are the figures readers want most); else the largest
//! next to the cell. Each relation keeps its withheld and published cells
//! sorted by value, so an audit reads a few entries of a parent's relation,
//! not all its children: work grows near linearly with the table.
//!
//! **Guarantee**: for every primary cell (published or implicit), the
//! attacker's interval over the *whole* table is at least the threshold
//! wide. Taking cells outside the window as known only gives the attacker
//! more, so an interval wide enough in the window is wide enough in the
//! table; withholding more only widens intervals, so a cell once protected
//! stays protected. A complementary cell (withheld to cover a small one) is
//! not itself given an interval, as in tau-ARGUS: asking for one turned
//! every complement into a new primary and withheld whole tables. The
//! windows keep each linear program small (at most [`WINDOW`] unknowns), so
//! a country's tables publish in seconds.
//!
//! Cells are taken in the tables' order (entries, units, indicators, sexes,
//! all sorted), so the result does not depend on the order of the reports.
//! Progress rows of a withheld root figure are withheld too.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use crate::aggregate::{ProgressStatus, Summary};
use crate::breakdown::Resolved;
use crate::calendar::ReportKind;
use crate::catalog::{Catalog, Lookup};
use crate::lp::{Bound, Feasible};
use crate::model::{Aggregation, CellKey, IndicatorId, Plan, Temporal, UnitId};
use crate::output::{tables, FigureRow, Tables};

/// Which number of a row a cell is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Count,
    Numerator,
    Denominator,
}

const PARTS: [Part; 3] = [Part::Count, Part::Numerator, Part::Denominator];
/// Female, male, total, as in the tables' `sex` column.
const SEXES: [&str; 3] = ["F", "M", "_T"];

/// A cell of one indicator's table: published (a row of the figures table)
/// or implicit (an own report, a second half).
#[derive(Clone, Copy, Debug)]
struct Cell {
    value: f64,
    row: Option<usize>,
    part: Part,
}

/// A relation: the cells times their coefficients add up to 0.
type Relation = Vec<(usize, f64)>;

/// One indicator's cells and relations.
#[derive(Default)]
struct Table {
    cells: Vec<Cell>,
    relations: Vec<Relation>,
}

impl Table {
    fn add(&mut self, value: f64, row: Option<usize>, part: Part) -> usize {
        self.cells.push(Cell { value, row, part });
        self.cells.len() - 1
    }
    fn value(&self, i: usize) -> f64 {
        self.cells.get(i).map_or(0.0, |c| c.value)
    }
}

fn part_value(r: &FigureRow, part: Part) -> Option<f64> {
    match part {
        Part::Count if r.numerator.is_none() && r.denominator.is_none() => r.value,
        Part::Count => None,
        Part::Numerator => r.numerator.map(|c| c.get() as f64),
        Part::Denominator => r.denominator.map(|c| c.get() as f64),
    }
}

/// The cells of one schedule entry: (unit, part, cell of a breakdown, sex)
/// → cell; the empty key is the indicator's own figure.
type Cells<'a> = BTreeMap<(&'a UnitId, Part, &'a CellKey, &'static str), usize>;

/// The keys present in `cells` for a unit, the empty one first.
fn keys_of<'a>(cells: &Cells<'a>, u: &UnitId) -> BTreeSet<&'a CellKey> {
    cells.keys().filter(|k| k.0 == u).map(|k| k.2).collect()
}

/// Rows `F + M = T` where the values say so.
fn sex_relations(table: &mut Table, cells: &Cells, units: &BTreeSet<&UnitId>) {
    for u in units {
        for key in keys_of(cells, u) {
            for part in PARTS {
                let get = |s: &'static str| cells.get(&(*u, part, key, s)).copied();
                if let (Some(f), Some(m), Some(t)) = (get("F"), get("M"), get("_T")) {
                    if (table.value(t) - table.value(f) - table.value(m)).abs() < 0.5 {
                        table.relations.push(vec![(t, 1.0), (f, -1.0), (m, -1.0)]);
                    }
                }
            }
        }
    }
}

/// Rows `margin = Σ cells` of the breakdowns: along a dimension whose every
/// option has its cell, and a group's cell = its members'.
fn breakdown_relations(table: &mut Table, cells: &Cells, units: &BTreeSet<&UnitId>, resolved: &[Resolved]) {
    for u in units {
        for key in keys_of(cells, u) {
            for (_, kids) in crate::breakdown::ways(key, resolved) {
                for part in PARTS {
                    for sex in SEXES {
                        let Some(top) = cells.get(&(*u, part, key, sex)).copied() else { continue };
                        let parts: Option<Vec<usize>> =
                            kids.iter().map(|k| cells.get(&(*u, part, k, sex)).copied()).collect();
                        let Some(parts) = parts else { continue };
                        let rest = table.value(top) - parts.iter().map(|c| table.value(*c)).sum::<f64>();
                        if rest.abs() < 0.5 {
                            let mut relation: Relation = vec![(top, 1.0)];
                            relation.extend(parts.iter().map(|c| (*c, -1.0)));
                            table.relations.push(relation);
                        }
                    }
                }
            }
        }
    }
}

/// The cells and relations of one sensitive indicator.
fn build(
    t: &Tables,
    rows: &[usize],
    plan: &Plan,
    summary: &Summary,
    additive: bool,
    flow: bool,
    resolved: &[Resolved],
) -> Table {
    let mut table = Table::default();
    // Per schedule entry: published cells; each unit's own report (an
    // implicit cell, or its published figure when no child has data).
    let mut figure_cells: Vec<Cells> = Vec::new();
    let mut own_cells: Vec<Cells> = Vec::new();
    for p in &summary.periods {
        let mine: Vec<(usize, &FigureRow)> = rows
            .iter()
            .filter_map(|i| t.figures.get(*i).map(|r| (*i, r)))
            .filter(|(_, r)| r.entry == p.entry)
            .collect();
        let mut cells: Cells = BTreeMap::new();
        let mut reports: BTreeMap<&UnitId, u32> = BTreeMap::new();
        for (i, r) in &mine {
            let Some(sex) = SEXES.iter().find(|s| **s == r.sex) else { continue };
            // A unit's reports: its own figure's (a cell may have fewer).
            if r.by.is_empty() || !reports.contains_key(&r.unit) {
                reports.insert(&r.unit, r.reports);
            }
            for part in PARTS {
                if let Some(v) = part_value(r, part) {
                    let c = table.add(v, Some(*i), part);
                    cells.insert((&r.unit, part, &r.by, sex), c);
                }
            }
        }
        let units: BTreeSet<&UnitId> = reports.keys().copied().collect();
        sex_relations(&mut table, &cells, &units);
        breakdown_relations(&mut table, &cells, &units, resolved);
        let mut own: Cells = BTreeMap::new();
        if additive {
            let tree = crate::aggregate::tree(plan, &p.period);
            let mut children: BTreeMap<&UnitId, Vec<&UnitId>> = BTreeMap::new();
            for (u, parent) in &tree {
                if let Some(parent) = parent {
                    if units.contains(u) {
                        children.entry(parent).or_default().push(u);
                    }
                }
            }
            let mut own_units = BTreeSet::new();
            for u in &units {
                let Some(kids) = children.get(u) else {
                    // No child with data: the unit's figure is its own report.
                    for key in keys_of(&cells, u) {
                        for part in PARTS {
                            for sex in SEXES {
                                if let Some(c) = cells.get(&(*u, part, key, sex)) {
                                    own.insert((*u, part, key, sex), *c);
                                }
                            }
                        }
                    }
                    continue;
                };
                let kid_reports: u32 = kids.iter().filter_map(|k| reports.get(k)).fold(0, |a, b| a.saturating_add(*b));
                let reported_itself = reports.get(u).is_some_and(|r| *r > kid_reports);
                for (part, key, sex) in keys_of(&cells, u)
                    .into_iter()
                    .flat_map(|k| PARTS.into_iter().flat_map(move |p| SEXES.map(|s| (p, k, s))))
                {
                    {
                        let Some(top) = cells.get(&(*u, part, key, sex)).copied() else { continue };
                        let parts: Vec<usize> =
                            kids.iter().filter_map(|k| cells.get(&(*k, part, key, sex)).copied()).collect();
                        let rest = table.value(top) - parts.iter().map(|c| table.value(*c)).sum::<f64>();
                        let mut relation: Relation = vec![(top, 1.0)];
                        relation.extend(parts.iter().map(|c| (*c, -1.0)));
                        if reported_itself && rest > -0.5 {
                            let o = table.add(rest.max(0.0), None, part);
                            own.insert((*u, part, key, sex), o);
                            own_units.insert(*u);
                            relation.push((o, -1.0));
                            table.relations.push(relation);
                        } else if rest.abs() < 0.5 {
                            table.relations.push(relation);
                        }
                    }
                }
            }
            let implicit: Cells = own
                .iter()
                .filter(|(_, c)| table.cells.get(**c).is_some_and(|x| x.row.is_none()))
                .map(|(k, c)| (*k, *c))
                .collect();
            sex_relations(&mut table, &implicit, &own_units);
            // A unit's own report has its breakdowns too (own cells of a
            // complete breakdown add up to its own figure).
            breakdown_relations(&mut table, &own, &own_units, resolved);
        }
        figure_cells.push(cells);
        own_cells.push(own);
    }
    if flow {
        // Annual = six-month + second half, for entries that start together.
        for (a, pa) in summary.periods.iter().enumerate() {
            for (s, ps) in summary.periods.iter().enumerate() {
                let pair = pa.kind == ReportKind::Annual
                    && ps.kind == ReportKind::SixMonth
                    && ps.period.from == pa.period.from
                    && ps.period.to < pa.period.to;
                if !pair {
                    continue;
                }
                for (own_layer, layer) in [(false, &figure_cells), (true, &own_cells)] {
                    let (Some(annual), Some(six)) = (layer.get(a), layer.get(s)) else { continue };
                    for (key, ca) in annual {
                        let Some(cs) = six.get(key).copied() else { continue };
                        // Two published figures: the figure layer has them.
                        let implicit = |c: usize| table.cells.get(c).is_some_and(|x| x.row.is_none());
                        if own_layer && !implicit(*ca) && !implicit(cs) {
                            continue;
                        }
                        let half = table.value(*ca) - table.value(cs);
                        if half > -0.5 {
                            let h = table.add(half.max(0.0), None, key.1);
                            table.relations.push(vec![(*ca, 1.0), (cs, -1.0), (h, -1.0)]);
                        }
                    }
                }
            }
        }
    }
    table
}

/// A cell's value in the order of `f64::total_cmp`, for the indexes below.
#[derive(Clone, Copy, Debug)]
struct Key(f64);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Largest first, then the lower cell number.
type Desc = BTreeSet<(Reverse<Key>, usize)>;
/// Smallest first, then the lower cell number.
type Asc = BTreeSet<(Key, usize)>;

/// The table with what the audit needs at hand: each cell's relations (with
/// its coefficient), each relation's sum at the true values, and per
/// relation its withheld cells and its published cells, sorted by value.
/// A parent of 25,000 children is one relation of 25,001 cells: without the
/// sorted sets, every audit of a child walked all its siblings, and
/// publishing took minutes (work grew with the square of the children).
struct Audit<'a> {
    table: &'a Table,
    hidden: Vec<bool>,
    relations_of: Vec<Vec<(usize, f64)>>,
    sums: Vec<f64>,
    hidden_in: Vec<Desc>,
    published_asc: Vec<Asc>,
    published_desc: Vec<Desc>,
}

impl<'a> Audit<'a> {
    fn new(table: &'a Table, hidden: Vec<bool>) -> Self {
        let n = table.cells.len();
        let m = table.relations.len();
        let mut audit = Audit {
            table,
            hidden,
            relations_of: vec![Vec::new(); n],
            sums: vec![0.0; m],
            hidden_in: vec![BTreeSet::new(); m],
            published_asc: vec![BTreeSet::new(); m],
            published_desc: vec![BTreeSet::new(); m],
        };
        for (r, rel) in table.relations.iter().enumerate() {
            let mut sum = 0.0;
            for (c, k) in rel {
                sum += k * table.value(*c);
                if let Some(x) = audit.relations_of.get_mut(*c) {
                    x.push((r, *k));
                }
                let v = Key(table.value(*c));
                if audit.hidden.get(*c).copied().unwrap_or(false) {
                    audit.hidden_in.get_mut(r).map(|s| s.insert((Reverse(v), *c)));
                } else {
                    if *k < 0.0 {
                        audit.published_asc.get_mut(r).map(|s| s.insert((v, *c)));
                    }
                    audit.published_desc.get_mut(r).map(|s| s.insert((Reverse(v), *c)));
                }
            }
            if let Some(x) = audit.sums.get_mut(r) {
                *x = sum;
            }
        }
        audit
    }

    fn relations(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        self.relations_of.get(c).into_iter().flatten().map(|(r, _)| *r)
    }

    /// Withholds `c`; false when it already was.
    fn hide(&mut self, c: usize) -> bool {
        match self.hidden.get_mut(c) {
            Some(h) if !*h => *h = true,
            _ => return false,
        }
        let v = Key(self.table.value(c));
        for (r, _) in self.relations_of.get(c).into_iter().flatten() {
            self.published_asc.get_mut(*r).map(|s| s.remove(&(v, c)));
            self.published_desc.get_mut(*r).map(|s| s.remove(&(Reverse(v), c)));
            self.hidden_in.get_mut(*r).map(|s| s.insert((Reverse(v), c)));
        }
        true
    }

    /// The smallest published part (not a total) at least `level` in the
    /// relations `rels`.
    fn smallest_big(&self, rels: &[usize], level: f64) -> Option<usize> {
        rels.iter().filter_map(|r| self.published_asc.get(*r)?.range((Key(level), 0)..).next()).min().map(|(_, c)| *c)
    }

    /// The smallest published total (a relation's first cell: a parent, a
    /// row's total, a year) at least `level` in the relations `rels`.
    fn smallest_big_total(&self, rels: &[usize], level: f64) -> Option<usize> {
        rels.iter()
            .filter_map(|r| self.table.relations.get(*r)?.first())
            .filter(|(c, k)| *k > 0.0 && !self.hidden.get(*c).copied().unwrap_or(true))
            .map(|(c, _)| (Key(self.table.value(*c)), *c))
            .filter(|(v, _)| v.0 >= level)
            .min()
            .map(|(_, c)| c)
    }

    /// The largest published cell in the relations `rels`.
    fn largest(&self, rels: &[usize]) -> Option<usize> {
        rels.iter().filter_map(|r| self.published_desc.get(*r)?.first()).min().map(|(_, c)| *c)
    }

    /// The attacker's interval width for each of `targets` (or a part of it
    /// at least `level` wide), with `members` its unknowns under `relations`
    /// (each a relation of a member); every other cell is known. `None` when
    /// the linear program cannot be set up (then the caller withholds more).
    fn widths(&self, members: &[usize], relations: &[usize], targets: &[usize], level: f64) -> Option<Vec<f64>> {
        let row_of: BTreeMap<usize, usize> = relations.iter().enumerate().map(|(i, r)| (*r, i)).collect();
        // Each row: the members' coefficients, and the right-hand side: the
        // known cells moved across, that is the relation's sum less the
        // members' part of it.
        let mut rows: Vec<(Vec<f64>, f64)> =
            relations.iter().map(|r| (vec![0.0; members.len()], -self.sums.get(*r).copied().unwrap_or(0.0))).collect();
        let mut var: BTreeMap<usize, usize> = BTreeMap::new();
        for (j, c) in members.iter().enumerate() {
            var.insert(*c, j);
            for (r, k) in self.relations_of.get(*c).into_iter().flatten() {
                if let Some((a, b)) = row_of.get(r).and_then(|i| rows.get_mut(*i)) {
                    if let Some(x) = a.get_mut(j) {
                        *x += k;
                    }
                    *b += k * self.table.value(*c);
                }
            }
        }
        let lp = Feasible::new(&rows, members.len())?;
        targets
            .iter()
            .map(|p| {
                let j = *var.get(p)?;
                let value = self.table.value(*p);
                // The true value lies in the interval: a greatest value
                // `level` above it settles the question with one program
                // instead of two.
                let Bound::At(hi) = lp.bound(j, true) else { return Some(f64::INFINITY) };
                if hi - value >= level {
                    return Some(hi - value);
                }
                Some(match lp.bound(j, false) {
                    Bound::At(lo) => hi - lo,
                    Bound::Unbounded => f64::INFINITY,
                })
            })
            .collect()
    }

    /// The unknowns around `start`: withheld or implicit cells reached
    /// through relations, nearest first, at most `cap`. Small relations (a
    /// row's female, male and total; a half-year) come whole, so that a cell
    /// in the window is not pinned by its own row.
    fn window(&self, start: usize, cap: usize) -> Vec<usize> {
        let mut seen: BTreeSet<usize> = BTreeSet::from([start]);
        let mut expanded: BTreeSet<usize> = BTreeSet::new();
        // Each member with the number of large relations crossed to reach
        // it: one, so that a window is a cell's own rows and a few of its
        // siblings' rather than a walk up the tree.
        let mut order: Vec<(usize, u8)> = vec![(start, 0)];
        let mut next = 0;
        while let Some((c, depth)) = order.get(next).copied() {
            next += 1;
            for r in self.relations(c) {
                // The withheld cells not yet seen, largest first: more than
                // SMALL_RELATION makes the relation large, and a large one
                // gives only its HUB_TAKE largest (the set is sorted, so this
                // reads at most `seen` + HUB_TAKE + 1 entries).
                let new: Vec<usize> = self
                    .hidden_in
                    .get(r)
                    .into_iter()
                    .flatten()
                    .map(|(_, d)| *d)
                    .filter(|d| !seen.contains(d))
                    .take(HUB_TAKE.max(SMALL_RELATION + 1))
                    .collect();
                let large = new.len() > SMALL_RELATION;
                if (large && depth > 0) || !expanded.insert(r) {
                    continue;
                }
                for d in new.into_iter().take(HUB_TAKE) {
                    if order.len() >= cap {
                        return order.into_iter().map(|(c, _)| c).collect();
                    }
                    seen.insert(d);
                    order.push((d, depth + u8::from(large)));
                }
            }
        }
        order.into_iter().map(|(c, _)| c).collect()
    }
}

/// How many unknowns one audit looks at. Unknowns beyond it are taken as
/// known to the attacker (at their true values): that only narrows the
/// intervals the audit finds, so a cell that passes a small audit passes
/// the whole table's, and a country's sub-tables stay small linear programs.
const WINDOW: usize = 120;
/// The window looked at when the first one fails.
const WIDEST: usize = 4 * WINDOW;
/// A relation with more unknowns than this (a parent of many children) adds
/// only its [`HUB_TAKE`] largest to a window: enough room to move a cell.
const SMALL_RELATION: usize = 4;
const HUB_TAKE: usize = 12;

/// Which cells to withhold so that the interval of every primary cell is at
/// least `level` wide: true for implicit cells too (they are never
/// published).
fn protect(table: &Table, level: f64) -> Vec<bool> {
    let n = table.cells.len();
    let primary: Vec<bool> = table.cells.iter().map(|c| c.value >= 1.0 && c.value < level).collect();
    let hidden: Vec<bool> = table.cells.iter().zip(&primary).map(|(c, p)| c.row.is_none() || *p).collect();
    let mut audit = Audit::new(table, hidden);
    // The cells to protect: the primary ones. A complementary cell (a large
    // count withheld to cover a small one) needs no interval of its own:
    // asking for one made every complement a new primary and, on a country's
    // tables, withheld every cell (tau-ARGUS and sdcTable do the same).
    let protected = |c: usize| primary.get(c).copied().unwrap_or(false);
    let mut verified = vec![false; n];
    loop {
        let mut changed = false;
        for p in 0..n {
            if verified.get(p).copied().unwrap_or(true) || !protected(p) {
                continue;
            }
            let mut failed = false;
            for cap in [WINDOW, WIDEST] {
                let members = audit.window(p, cap);
                let touching: BTreeSet<usize> = members.iter().flat_map(|c| audit.relations(*c)).collect();
                let touching: Vec<usize> = touching.into_iter().collect();
                // Every unverified cell of the window is audited on the same basis.
                let targets: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|c| protected(*c) && !verified.get(*c).copied().unwrap_or(true))
                    .collect();
                let results = audit.widths(&members, &touching, &targets, level);
                let mut p_holds = false;
                for (t, w) in targets.iter().zip(results.iter().flatten()) {
                    if *w >= level - 1e-6 {
                        if let Some(v) = verified.get_mut(*t) {
                            *v = true;
                        }
                        p_holds |= *t == p;
                    }
                }
                if p_holds {
                    failed = false;
                    break;
                }
                failed = true;
                // A window cut short by its cap counts the cells it left out
                // as known, which may be what pinned p: look at the wider
                // one before withholding more (on the country sample, every
                // province's total of an indicator was withheld otherwise).
                if members.len() >= cap && cap < WIDEST {
                    continue;
                }
                // The smallest published part (a child, a sex, a half-year)
                // at least as large as the level, next to p, else next to
                // the window; then a total (it adds up more reports: the
                // figures readers want most); only then the largest next to
                // p, else next to the window.
                let near: Vec<usize> = audit.relations(p).collect();
                let pick = audit
                    .smallest_big(&near, level)
                    .or_else(|| audit.smallest_big(&touching, level))
                    .or_else(|| audit.smallest_big_total(&near, level))
                    .or_else(|| audit.smallest_big_total(&touching, level))
                    .or_else(|| audit.largest(&near))
                    .or_else(|| audit.largest(&touching));
                if let Some(c) = pick {
                    changed |= audit.hide(c);
                    failed = false;
                    break;
                }
                // Nothing published around the window: the cells the window
                // left out narrowed it. Look at a wider one.
            }
            if failed {
                // Nothing published around the widest window, yet the audit
                // failed: withhold every cell of the indicator, where nothing
                // is bounded (never seen in the tests; a bound on work).
                for c in 0..n {
                    changed |= audit.hide(c);
                }
            }
        }
        if !changed {
            return audit.hidden;
        }
    }
}

/// The summary's tables as they may be published when `publish`, else all
/// of them: the one choice every output that offers publication makes.
pub fn tables_as(summary: &Summary, plan: &Plan, catalog: &Catalog, publish: bool) -> Tables {
    if publish {
        published_tables(summary, plan, catalog)
    } else {
        crate::output::tables(summary, plan, catalog)
    }
}

/// The summary's tables as they may be published: see the module's documentation.
pub fn published_tables(summary: &Summary, plan: &Plan, catalog: &Catalog) -> Tables {
    let mut t = tables(summary, plan, catalog);
    let level = plan.rules.small_cells as f64;
    let lookup = Lookup::new(plan, catalog);
    let mut by_indicator: BTreeMap<&IndicatorId, Vec<usize>> = BTreeMap::new();
    for (i, r) in t.figures.iter().enumerate() {
        by_indicator.entry(&r.indicator).or_default().push(i);
    }
    let mut withheld: BTreeSet<(usize, Part)> = BTreeSet::new();
    for (id, rows) in &by_indicator {
        let Some(ind) = lookup.indicator(id).filter(|i| i.sensitive) else { continue };
        let additive = ind.aggregation != Aggregation::NotAdditive;
        let resolved = crate::breakdown::resolve(&lookup, ind);
        let table = build(&t, rows, plan, summary, additive, ind.temporal == Temporal::Flow, &resolved);
        let hidden = protect(&table, level);
        for (c, h) in table.cells.iter().zip(hidden) {
            if let (Some(row), true) = (c.row, h) {
                withheld.insert((row, c.part));
            }
        }
    }
    for (row, part) in &withheld {
        if let Some(r) = t.figures.get_mut(*row) {
            // A percent, ratio or share with its numerator or denominator
            // gives the other one back: the value goes with either.
            r.value = None;
            match part {
                Part::Numerator => r.numerator = None,
                Part::Denominator => r.denominator = None,
                Part::Count => {}
            }
            r.suppressed = true;
        }
    }
    // Progress is the root's value: withheld when the root's total is.
    let mut roots: BTreeMap<&str, Option<UnitId>> = BTreeMap::new();
    for p in &summary.periods {
        let tree = crate::aggregate::tree(plan, &p.period);
        roots.insert(&p.entry, tree.iter().find(|(_, q)| q.is_none()).map(|(u, _)| u.clone()).or(summary.root.clone()));
    }
    // A unit's own target is that unit's value: withheld when its total is.
    let hidden: BTreeSet<(String, IndicatorId, UnitId)> = t
        .figures
        .iter()
        .filter(|r| r.suppressed && r.sex == "_T" && r.by.is_empty())
        .map(|r| (r.entry.clone(), r.indicator.clone(), r.unit.clone()))
        .collect();
    for g in &mut t.progress {
        let unit = match &g.unit {
            Some(u) => Some(u.clone()),
            None => roots.get(g.entry.as_str()).cloned().flatten(),
        };
        if unit.is_some_and(|u| hidden.contains(&(g.entry.clone(), g.indicator.clone(), u))) {
            g.value = None;
            g.gap = None;
            g.status = ProgressStatus::Withheld;
        }
    }
    t
}
