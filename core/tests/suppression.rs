//! A published summary gives no small count of violence victims away: an
//! attacker who knows every published cell and every equation (female + male
//! = total; a parent = its own report + the sum of its children) cannot work
//! a small count back out, nor a parent's own small report. The full attacker
//! (intervals by linear programming, several periods, ratios) is in Python:
//! tests/python/test_disclosure.py. This one checks the necessary part with
//! exact linear algebra: no small cell is determined.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use binhdang::aggregate::aggregate;
use binhdang::output::FigureRow;
use binhdang::publish::published_tables;
use binhdang::{read, Catalog, Plan};
use proptest::prelude::*;
use serde_json::json;

/// The tree plan (12 → 105 → x1; 12 → 106 → x2, x3; 12 → sld), where 106,
/// a district, also reports its own cases when `parent_reports`.
fn plan(parent_reports: bool) -> Plan {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/plans/tree.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    if parent_reports {
        v["reporting"]["units"].as_array_mut().unwrap().push(json!("106"));
    }
    read::plan_from_value(v).value.unwrap()
}

/// Reports of victims supported (female, male) by unit; totals are female + male.
fn published(victims: &[(&str, u64, u64)], parent_reports: bool) -> (Vec<FigureRow>, Vec<FigureRow>) {
    let plan = plan(parent_reports);
    let inputs = victims
        .iter()
        .map(|(u, f, m)| {
            read::report_from_value(json!({"plan": "03/KH-TONGHOP", "unit": u, "kind": "annual",
                "period": {"from": "2024-01-01", "to": "2024-12-31"}, "submitted": "2025-01-10",
                "values": [{"indicator": "victims_supported", "female": f, "male": m, "total": f + m}]}))
        })
        .collect();
    let s = aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-02-01").unwrap());
    assert!(s.accounting.iter().all(|o| o.status == binhdang::validate::Status::Used), "{:?}", s.accounting);
    let all = binhdang::output::tables(&s, &plan, &Catalog::builtin()).figures;
    let public = published_tables(&s, &plan, &Catalog::builtin()).figures;
    (all, public)
}

/// Whether an unknown is fixed by the equations: its unit vector lies in the row space.
fn determined(rows: &[Vec<f64>], var: usize, n: usize) -> bool {
    fn rank(mut m: Vec<Vec<f64>>, n: usize) -> usize {
        let mut r = 0;
        for c in 0..n {
            let Some(p) = (r..m.len()).find(|&i| m[i][c].abs() > 1e-9) else { continue };
            m.swap(r, p);
            let pivot = m[r].clone();
            for (i, row) in m.iter_mut().enumerate() {
                if i != r && row[c].abs() > 1e-9 {
                    let k = row[c] / pivot[c];
                    for (x, p) in row.iter_mut().zip(&pivot) {
                        *x -= k * p;
                    }
                }
            }
            r += 1;
        }
        r
    }
    let mut with = rows.to_vec();
    let mut e = vec![0.0; n];
    e[var] = 1.0;
    with.push(e);
    rank(rows.to_vec(), n) == rank(with, n)
}

const UNITS: [&str; 8] = ["12", "ban", "sld", "105", "106", "x1", "x2", "x3"];
const PARENT: [(&str, &str); 7] =
    [("ban", "12"), ("sld", "12"), ("105", "12"), ("106", "12"), ("x1", "105"), ("x2", "106"), ("x3", "106")];

/// The attacker: no small cell, published or a parent's own report, is
/// determined by what is published. Returns the first that is.
fn nothing_recoverable(
    all: &[FigureRow],
    public: &[FigureRow],
    own: &BTreeMap<String, (u64, u64)>,
) -> Result<(), String> {
    // A cell: ("fig" or "own", unit, sex). Unknowns: withheld cells and own reports.
    type Key = (&'static str, String, String);
    let published: BTreeMap<Key, &FigureRow> = public
        .iter()
        .filter(|r| r.indicator.as_str() == "victims_supported")
        .map(|r| (("fig", r.unit.to_string(), r.sex.clone()), r))
        .collect();
    let mut unknowns: Vec<Key> = published.iter().filter(|(_, r)| r.suppressed).map(|(k, _)| k.clone()).collect();
    for u in own.keys() {
        for sex in ["F", "M", "_T"] {
            unknowns.push(("own", u.clone(), sex.into()));
        }
    }
    let n = unknowns.len();
    let var = |k: &Key| unknowns.iter().position(|u| u == k);
    let mut eqs: Vec<Vec<(f64, Key)>> = Vec::new();
    for u in UNITS {
        for kind in ["fig", "own"] {
            eqs.push(vec![
                (1.0, (kind, u.into(), "_T".into())),
                (-1.0, (kind, u.into(), "F".into())),
                (-1.0, (kind, u.into(), "M".into())),
            ]);
        }
        let children: Vec<&str> = PARENT.iter().filter(|(_, p)| *p == u).map(|(c, _)| *c).collect();
        for sex in ["F", "M", "_T"] {
            if published.contains_key(&("fig", u.into(), sex.into())) && !children.is_empty() {
                let mut eq = vec![(1.0, ("fig", u.into(), sex.into())), (-1.0, ("own", u.into(), sex.into()))];
                eq.extend(children.iter().map(|c| (-1.0, ("fig", (*c).into(), sex.into()))));
                eqs.push(eq);
            }
        }
    }
    // Published cells are constants: only the unknowns' coefficients matter.
    let rows: Vec<Vec<f64>> = eqs
        .iter()
        .map(|eq| {
            let mut row = vec![0.0; n];
            for (sign, k) in eq {
                if let Some(i) = var(k) {
                    row[i] += sign;
                }
            }
            row
        })
        .collect();
    let small = |v: f64| (1.0..5.0).contains(&v);
    for (i, k) in unknowns.iter().enumerate() {
        let value = match k.0 {
            "fig" => all.iter().find(|r| r.unit.as_str() == k.1 && r.sex == k.2).and_then(|r| r.value).unwrap(),
            _ => {
                let (f, m) = own[&k.1];
                match k.2.as_str() {
                    "F" => f as f64,
                    "M" => m as f64,
                    _ => (f + m) as f64,
                }
            }
        };
        if small(value) && determined(&rows, i, n) {
            return Err(format!("{k:?} = {value} can be worked out from what is published"));
        }
    }
    // And no small published value is left in the open.
    for r in public.iter().filter(|r| r.indicator.as_str() == "victims_supported" && !r.suppressed) {
        if r.value.is_some_and(small) {
            return Err(format!("{} {} = {:?} is published", r.unit, r.sex, r.value));
        }
    }
    Ok(())
}

#[test]
fn small_counts_are_withheld_and_cannot_be_worked_out() {
    // Xã Bình Lư (x2, under 106): 3 women, 1 man. Xã Bản Bo (x3, under 106): 10 and 8.
    let (all, public) = published(&[("x1", 6, 5), ("x2", 3, 1), ("x3", 10, 8), ("sld", 20, 6)], false);
    let get = |rows: &[FigureRow], u: &str, sex: &str| {
        rows.iter().find(|r| r.unit.as_str() == u && r.sex == sex).cloned().unwrap()
    };
    // The primary cells: x2's 3 women and 1 man (and its total, 4).
    for sex in ["F", "M", "_T"] {
        assert!(get(&public, "x2", sex).suppressed, "x2 {sex}");
        assert_eq!(get(&public, "x2", sex).value, None);
    }
    // 106 = x2 + x3, so x3 (or 106) must go too, or x2 would be 106 − x3.
    assert!(get(&public, "x3", "F").suppressed || get(&public, "106", "F").suppressed);
    // What is not sensitive, or large enough, is still published.
    assert_eq!(get(&public, "12", "_T").value, get(&all, "12", "_T").value);
    assert!(public.iter().any(|r| !r.suppressed && r.unit.as_str() != "12"), "{public:#?}");
    nothing_recoverable(&all, &public, &BTreeMap::new()).unwrap();
}

/// The leak the old rule had: it skipped parents that reported themselves,
/// so 106 − x3 gave x2 (and 106 − x2 − x3, the district's own 2 victims).
#[test]
fn a_parent_that_reports_itself_gives_nothing_away() {
    let victims = [("x1", 6, 5), ("x2", 3, 1), ("x3", 10, 8), ("106", 2, 0), ("sld", 20, 6)];
    let (all, public) = published(&victims, true);
    let own = BTreeMap::from([("106".to_string(), (2, 0))]);
    nothing_recoverable(&all, &public, &own).unwrap();
    // 106's own 2 women: 106 F − x2 F − x3 F would give them; one of those is withheld.
    let hidden = |u: &str| public.iter().any(|r| r.unit.as_str() == u && r.sex == "F" && r.suppressed);
    assert!(hidden("106") || hidden("x3"));
}

/// The leak of the old rule, exactly: the district reported, but not this
/// indicator, so its own part is 0 (its `reports` column says so) and
/// 106 = x2 + x3. The old rule skipped every parent that had sent a report,
/// published 106 and x3, and so gave x2's 3 women away.
#[test]
fn a_parent_that_reported_something_else_gives_nothing_away() {
    let plan = plan(true);
    let report = |u: &str, values: serde_json::Value| {
        read::report_from_value(json!({"plan": "03/KH-TONGHOP", "unit": u, "kind": "annual",
            "period": {"from": "2024-01-01", "to": "2024-12-31"}, "submitted": "2025-01-10", "values": values}))
    };
    let victims = |f: u64, m: u64| json!([{"indicator": "victims_supported", "female": f, "male": m, "total": f + m}]);
    let inputs = vec![
        report("x1", victims(6, 5)),
        report("x2", victims(3, 1)),
        report("x3", victims(10, 8)),
        report("sld", victims(20, 6)),
        report("106", json!([{"indicator": "training_classes", "total": 4}])),
    ];
    let s = aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-02-01").unwrap());
    assert!(s.accounting.iter().all(|o| o.status == binhdang::validate::Status::Used));
    let all = binhdang::output::tables(&s, &plan, &Catalog::builtin()).figures;
    let public = published_tables(&s, &plan, &Catalog::builtin()).figures;
    nothing_recoverable(&all, &public, &BTreeMap::new()).unwrap();
}

#[test]
fn sensitivity_is_the_indicators_own() {
    let c = Catalog::builtin();
    let sensitive: Vec<&str> = c.indicators.iter().filter(|i| i.sensitive).map(|i| i.id.as_str()).collect();
    assert_eq!(sensitive, ["nq28-mt3-2a", "nq28-mt3-2b", "nq28-mt3-3", "violence_cases_handled", "victims_supported"]);
}

#[test]
fn zero_is_published() {
    let (_, public) = published(&[("x1", 0, 0), ("x2", 12, 9)], false);
    assert!(public.iter().filter(|r| r.unit.as_str() == "x1").all(|r| !r.suppressed));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn no_small_cell_is_recoverable(counts in proptest::collection::vec((0u64..12, 0u64..12), 5), parent in any::<bool>()) {
        let units = ["x1", "x2", "x3", "sld", "106"];
        let n = if parent { 5 } else { 4 };
        let victims: Vec<(&str, u64, u64)> =
            units.iter().zip(&counts).take(n).map(|(u, (f, m))| (*u, *f, *m)).collect();
        let (all, public) = published(&victims, parent);
        let own: BTreeMap<String, (u64, u64)> =
            if parent { BTreeMap::from([("106".to_string(), counts[4])]) } else { BTreeMap::new() };
        prop_assert_eq!(nothing_recoverable(&all, &public, &own), Ok(()));
    }
}

#[test]
fn the_province_and_national_totals_stay_published_when_communes_can_cover_each_other() {
    // 200 communes in 2 provinces; four sensitive indicators, half the
    // communes at zero and the rest mostly small. A complement is taken among
    // the parts (a sibling commune, the other sex) before a total: when a
    // total was as good as any, the greedy choice withheld 10 province or
    // national rows here (55 with 500 communes).
    let sample = binhdang::sample::generate(binhdang::sample::Scale::Values(16_000));
    let plan = read::plan_from_str(&sample.plan).value.unwrap();
    let catalog = Catalog::builtin();
    let inputs = read::reports_from_strs(&sample.reports, &read::Limits::default());
    let summary = aggregate(&plan, &catalog, inputs, binhdang::calendar::parse_iso("2026-12-20").unwrap());
    let root = plan.units.iter().find(|u| u.parent.is_none()).unwrap().id.clone();
    let upper: Vec<_> = plan
        .units
        .iter()
        .filter(|u| u.parent.is_none() || u.parent.as_ref() == Some(&root))
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(upper.len(), 3);
    let t = published_tables(&summary, &plan, &catalog);
    let sensitive = |r: &&FigureRow| plan.indicators.iter().any(|i| i.id == r.indicator && i.sensitive);
    let rows: Vec<&FigureRow> = t.figures.iter().filter(sensitive).collect();
    assert!(rows.iter().filter(|r| r.suppressed).count() > 500, "the communes' small counts are withheld");
    let upper_withheld: Vec<_> = rows.iter().filter(|r| r.suppressed && upper.contains(&r.unit)).collect();
    assert!(upper_withheld.is_empty(), "{} province or national rows withheld", upper_withheld.len());
}
