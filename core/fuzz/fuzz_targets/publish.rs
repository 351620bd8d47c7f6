//! Random trees of units, reports of victims by sex in two periods (some
//! parents report for themselves too), published: no suppressed cell may be
//! worked out from what is published.
//!
//! The attacker here is built from the published rows and the plan alone,
//! not from the publisher's own tables: unknowns are the suppressed rows and
//! every unit's own part (its figure less its children's), constraints are
//! the relations anyone can see (female + male = total, a unit = its own
//! part + its children, annual = six-month + second half, nothing negative),
//! and for each suppressed or implicit cell whose true value is small (1 to
//! 4) it solves for the least and greatest value. The interval must be at
//! least the threshold (5) wide. The independent check with scipy is
//! tests/python/test_disclosure.py; this one runs at fuzzing speed.
#![no_main]
use std::collections::BTreeMap;

use binhdang::lp::{Bound, Feasible};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

const LEVEL: f64 = 5.0;
const SEXES: [&str; 3] = ["F", "M", "_T"];

fn plan(parents: &[usize]) -> String {
    let units: Vec<String> = (0..parents.len() + 1)
        .map(|i| match i {
            0 => r#"{"id": "u0", "name": "U0", "kind": "province"}"#.to_string(),
            i => format!(r#"{{"id": "u{i}", "name": "U{i}", "kind": "commune", "parent": "u{}"}}"#, parents[i - 1]),
        })
        .collect();
    let ids: Vec<String> = (0..parents.len() + 1).map(|i| format!("\"u{i}\"")).collect();
    format!(
        r#"{{"number": "P", "issuer": "u0", "place": "X", "date": "2024-01-01", "year": 2024, "title": "T",
        "legal_bases": [], "purposes": [], "content_areas": [], "funding_sources": [], "roles": [],
        "reporting": {{"units": [{}], "schedule": [
            {{"id": "6m", "kind": "six_month", "period": {{"from": "2024-01-01", "to": "2024-06-30"}}, "due": "2024-07-10"}},
            {{"id": "y", "kind": "annual", "period": {{"from": "2024-01-01", "to": "2024-12-31"}}, "due": "2025-01-15"}}]}},
        "recipients": [], "signer": {{"name": "S", "titles": []}}, "units": [{}]}}"#,
        ids.join(","),
        units.join(",")
    )
}

/// A small count most of the time: small cells are what is protected.
fn count(u: &mut Unstructured) -> u64 {
    match u.int_in_range(0..=9u8).unwrap_or(0) {
        0..=5 => u.int_in_range(0..=5).unwrap_or(0),
        6..=8 => u.int_in_range(0..=20).unwrap_or(0),
        _ => u.int_in_range(0..=400).unwrap_or(0),
    }
}

/// The attacker's unknowns and equations.
#[derive(Default)]
struct System {
    /// Per unknown: its true value (to know which are small), and a name.
    truth: Vec<f64>,
    /// Equations: (unknown, coefficient) terms and known terms on the other side.
    rows: Vec<(Vec<(usize, f64)>, f64)>,
}

enum Term {
    Known(f64),
    Unknown(usize),
}

impl System {
    fn unknown(&mut self, truth: f64) -> usize {
        self.truth.push(truth);
        self.truth.len() - 1
    }
    /// Σ k · term = 0.
    fn equation(&mut self, terms: &[(f64, &Term)]) {
        let mut a = Vec::new();
        let mut b = 0.0;
        for (k, t) in terms {
            match t {
                Term::Known(v) => b -= k * v,
                Term::Unknown(i) => a.push((*i, *k)),
            }
        }
        if !a.is_empty() {
            self.rows.push((a, b));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let n = u.int_in_range(1..=10usize).unwrap_or(1);
    let parents: Vec<usize> = (1..=n).map(|i| u.int_in_range(0..=i - 1).unwrap_or(0)).collect();
    let Some(plan) = binhdang::read::plan_from_str(&plan(&parents)).value else { return };
    // Reports: each unit, each period, maybe; six-month and annual.
    let mut reports = Vec::new();
    for unit in 0..=n {
        for (kind, to, submitted) in [("six_month", "2024-06-30", "2024-07-01"), ("annual", "2024-12-31", "2025-01-02")]
        {
            if !u.arbitrary::<bool>().unwrap_or(false) {
                continue;
            }
            let (f, m) = (count(&mut u), count(&mut u));
            reports.push(format!(
                r#"{{"plan": "P", "unit": "u{unit}", "kind": "{kind}", "period": {{"from": "2024-01-01", "to": "{to}"}}, "submitted": "{submitted}",
                "values": [{{"indicator": "victims_supported", "female": {f}, "male": {m}, "total": {}}}]}}"#,
                f + m
            ));
        }
    }
    let catalog = binhdang::Catalog::builtin();
    let inputs = binhdang::read::reports_from_strs(&reports, &binhdang::read::Limits::default());
    let Some(as_of) = binhdang::Date::from_ymd(2025, 2, 1) else { return };
    let summary = binhdang::aggregate::aggregate(&plan, &catalog, inputs, as_of);
    let truth = binhdang::output::tables(&summary, &plan, &catalog);
    let published = binhdang::publish::published_tables(&summary, &plan, &catalog);

    // The published table: (entry, unit, sex) → published value or unknown.
    let mut sys = System::default();
    let mut cell: BTreeMap<(String, String, &str), Term> = BTreeMap::new();
    let mut reports_of: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (t, p) in truth.figures.iter().zip(&published.figures) {
        if t.indicator.as_str() != "victims_supported" {
            continue;
        }
        let Some(sex) = SEXES.iter().find(|s| **s == t.sex) else { continue };
        let Some(v) = t.value else { continue };
        let term = match p.value {
            Some(x) if !p.suppressed => {
                assert_eq!(x, v, "a published value differs from the truth");
                Term::Known(x)
            }
            _ => Term::Unknown(sys.unknown(v)),
        };
        cell.insert((t.entry.clone(), t.unit.to_string(), sex), term);
        reports_of.insert((t.entry.clone(), t.unit.to_string()), p.reports);
    }
    let zero = Term::Known(0.0);
    let mut own: BTreeMap<(String, usize, &str), Term> = BTreeMap::new();
    for e in ["6m", "y"] {
        for unit in 0..=n {
            let key = |s: &'static str| (e.to_string(), format!("u{unit}"), s);
            // F + M = T (the reports say so: every one gives a total equal to the sum).
            if let (Some(f), Some(m), Some(t)) = (cell.get(&key("F")), cell.get(&key("M")), cell.get(&key("_T"))) {
                sys.equation(&[(1.0, t), (-1.0, f), (-1.0, m)]);
            }
            // A unit = its own part + its children with data.
            let kids: Vec<usize> = (1..=n)
                .filter(|k| parents[k - 1] == unit && reports_of.contains_key(&(e.to_string(), format!("u{k}"))))
                .collect();
            let Some(mine) = reports_of.get(&(e.to_string(), format!("u{unit}"))).copied() else { continue };
            if kids.is_empty() {
                continue;
            }
            let kid_reports: u32 = kids.iter().map(|k| reports_of[&(e.to_string(), format!("u{k}"))]).sum();
            for s in SEXES {
                let Some(top) = cell.get(&key(s)) else { continue };
                let true_top = truth_of(&truth, e, unit, s);
                let true_kids: f64 = kids.iter().map(|k| truth_of(&truth, e, *k, s)).sum();
                let part = if mine > kid_reports {
                    Term::Unknown(sys.unknown(true_top - true_kids))
                } else {
                    Term::Known(0.0)
                };
                let mut terms: Vec<(f64, &Term)> = vec![(1.0, top), (-1.0, &part)];
                let kid_cells: Vec<&Term> =
                    kids.iter().map(|k| cell.get(&(e.to_string(), format!("u{k}"), s)).unwrap_or(&zero)).collect();
                terms.extend(kid_cells.into_iter().map(|c| (-1.0, c)));
                sys.equation(&terms);
                own.insert((e.to_string(), unit, s), part);
            }
            if let (Some(f), Some(m), Some(t)) = (
                own.get(&(e.to_string(), unit, "F")),
                own.get(&(e.to_string(), unit, "M")),
                own.get(&(e.to_string(), unit, "_T")),
            ) {
                sys.equation(&[(1.0, t), (-1.0, f), (-1.0, m)]);
            }
        }
    }
    // Annual = six-month + second half (victims supported add up over the year).
    for unit in 0..=n {
        for s in SEXES {
            let k = |e: &str| (e.to_string(), format!("u{unit}"), s);
            if let (Some(y), Some(h)) = (cell.get(&k("y")), cell.get(&k("6m"))) {
                let second =
                    Term::Unknown(sys.unknown(truth_of(&truth, "y", unit, s) - truth_of(&truth, "6m", unit, s)));
                sys.equation(&[(1.0, y), (-1.0, h), (-1.0, &second)]);
            }
            // A unit's own parts add up over the year only when it reported
            // for itself in both periods: one that sent a six-month report
            // of its own and no annual one has an own annual part of 0 that
            // says nothing of its six months (an attacker who assumed it
            // would pin cells with a relation that is not true).
            let o = |e: &str| own.get(&(e.to_string(), unit, s));
            if let (Some(Term::Unknown(y)), Some(Term::Unknown(h))) = (o("y"), o("6m")) {
                let (y, h) = (*y, *h);
                let second = Term::Unknown(sys.unknown(sys.truth[y] - sys.truth[h]));
                let (y, h) = (Term::Unknown(y), Term::Unknown(h));
                sys.equation(&[(1.0, &y), (-1.0, &h), (-1.0, &second)]);
            }
        }
    }
    let vars = sys.truth.len();
    if vars == 0 {
        return;
    }
    // A negative "second half" or own part means the relation does not hold
    // in the data (a correction, not a sum); the publisher drops it too.
    if sys.truth.iter().any(|t| *t < -0.5) {
        return;
    }
    let rows: Vec<(Vec<f64>, f64)> = sys
        .rows
        .iter()
        .map(|(terms, b)| {
            let mut a = vec![0.0; vars];
            for (i, k) in terms {
                a[*i] += k;
            }
            (a, *b)
        })
        .collect();
    let lp = Feasible::new(&rows, vars).expect("the true values satisfy every relation");
    for (i, t) in sys.truth.iter().enumerate() {
        if *t >= 1.0 && *t < LEVEL {
            let hi = match lp.bound(i, true) {
                Bound::At(x) => x,
                Bound::Unbounded => continue,
            };
            let Bound::At(lo) = lp.bound(i, false) else { continue };
            assert!(hi - lo >= LEVEL - 1e-6, "a small cell ({t}) is pinned to [{lo}, {hi}]");
        }
    }
});

fn truth_of(t: &binhdang::output::Tables, entry: &str, unit: usize, sex: &str) -> f64 {
    let name = format!("u{unit}");
    t.figures
        .iter()
        .find(|r| {
            r.entry == entry && r.unit.as_str() == name && r.sex == sex && r.indicator.as_str() == "victims_supported"
        })
        .and_then(|r| r.value)
        .unwrap_or(0.0)
}
