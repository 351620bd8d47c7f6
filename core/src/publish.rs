//! Publishing a summary without giving anyone away.
//!
//! Counts of violence cases and victims are sensitive: in a district of a few
//! thousand people, "2 victims" may name them. A published summary withholds
//! every such cell from 1 to the plan's threshold − 1 (`rules.small_cells`,
//! default 5), then withholds more cells until nothing withheld can be worked
//! back out: within a unit, female + male = total; over the tree, a parent =
//! the sum of its children (when it reported nothing itself). While some
//! equation has exactly one withheld term, its smallest published term is
//! withheld too. Zeros are published: a zero names nobody.

use std::collections::{BTreeMap, BTreeSet};

use crate::aggregate::Summary;
use crate::catalog::Catalog;
use crate::model::{Plan, UnitId};
use crate::output::{tables, Tables};
use crate::validate::Status;

/// The indicators whose small counts are withheld.
pub const SENSITIVE: &[&str] = &["violence_cases_handled", "victims_supported"];

/// A cell: schedule entry, unit, indicator, sex.
type Cell = (String, UnitId, String, String);

/// The summary's tables as they may be published.
pub fn published_tables(summary: &Summary, plan: &Plan, catalog: &Catalog) -> Tables {
    let mut t = tables(summary, plan, catalog);
    let threshold = plan.rules.small_cells;
    let index: BTreeMap<Cell, usize> = t
        .figures
        .iter()
        .enumerate()
        .filter(|(_, r)| SENSITIVE.contains(&r.indicator.as_str()))
        .map(|(i, r)| ((r.entry.clone(), r.unit.clone(), r.indicator.to_string(), r.sex.clone()), i))
        .collect();
    let value = |t: &Tables, i: usize| t.figures.get(i).and_then(|r| r.value).unwrap_or(0.0);
    let mut hidden: BTreeSet<usize> = index
        .values()
        .copied()
        .filter(|i| {
            let v = value(&t, *i);
            v >= 1.0 && v < threshold as f64
        })
        .collect();

    // The equations: each a list of cells that add up (the first is the sum).
    let mut equations: Vec<Vec<usize>> = Vec::new();
    let groups: BTreeSet<(String, UnitId, String)> =
        index.keys().map(|(e, u, i, _)| (e.clone(), u.clone(), i.clone())).collect();
    for (e, u, ind) in &groups {
        let cell = |sex: &str| index.get(&(e.clone(), u.clone(), ind.clone(), sex.to_string())).copied();
        if let (Some(tot), Some(f), Some(m)) = (cell("_T"), cell("F"), cell("M")) {
            equations.push(vec![tot, f, m]);
        }
    }
    for p in &summary.periods {
        let tree = crate::aggregate::tree(plan, &p.period);
        let reported_itself: BTreeSet<&UnitId> = summary
            .accounting
            .iter()
            .filter(|o| o.status == Status::Used && o.kind == Some(p.kind) && o.period == Some(p.period))
            .filter_map(|o| o.unit.as_ref())
            .collect();
        for parent in tree.keys().filter(|u| !reported_itself.contains(u)) {
            let children: Vec<&UnitId> =
                tree.iter().filter(|(_, q)| q.as_ref() == Some(parent)).map(|(c, _)| c).collect();
            for ind in SENSITIVE {
                for sex in ["F", "M", "_T"] {
                    let key = |u: &UnitId| (p.entry.clone(), u.clone(), ind.to_string(), sex.to_string());
                    let Some(top) = index.get(&key(parent)).copied() else { continue };
                    let mut eq = vec![top];
                    eq.extend(children.iter().filter_map(|c| index.get(&key(c)).copied()));
                    equations.push(eq);
                }
            }
        }
    }
    // Secondary suppression until no equation has exactly one withheld term.
    loop {
        let mut changed = false;
        for eq in &equations {
            if eq.iter().filter(|i| hidden.contains(i)).count() == 1 {
                let smallest = eq
                    .iter()
                    .copied()
                    .filter(|i| !hidden.contains(i))
                    .min_by(|a, b| value(&t, *a).total_cmp(&value(&t, *b)).then(a.cmp(b)));
                if let Some(i) = smallest {
                    hidden.insert(i);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for i in hidden {
        if let Some(r) = t.figures.get_mut(i) {
            r.value = None;
            r.numerator = None;
            r.denominator = None;
            r.suppressed = true;
        }
    }
    t
}
