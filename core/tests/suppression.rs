//! A published summary gives no small count of violence victims away: an
//! attacker who knows every published cell and every equation (female + male
//! = total; a parent = the sum of its children) cannot work one back out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use binhdang::aggregate::aggregate;
use binhdang::output::FigureRow;
use binhdang::publish::published_tables;
use binhdang::{read, Catalog, Plan};
use proptest::prelude::*;
use serde_json::json;

fn plan() -> Plan {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/plans/tree.json");
    read::plan_from_str(&std::fs::read_to_string(p).unwrap()).value.unwrap()
}

/// Reports of victims supported (female, male) by unit; totals are female + male.
fn published(victims: &[(&str, u64, u64)]) -> (Vec<FigureRow>, Vec<FigureRow>) {
    let plan = plan();
    let inputs = victims
        .iter()
        .map(|(u, f, m)| {
            read::report_from_value(json!({"plan": "03/KH-TONGHOP", "unit": u, "kind": "annual",
                "period": {"from": "2024-01-01", "to": "2024-12-31"}, "submitted": "2025-01-10",
                "values": [{"indicator": "victims_supported", "female": f, "male": m, "total": f + m}]}))
        })
        .collect();
    let s = aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-02-01").unwrap());
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

/// The attacker: every cell withheld must stay unknown.
fn nothing_recoverable(public: &[FigureRow]) -> Result<(), String> {
    let plan = plan();
    let key = |r: &FigureRow| (r.unit.to_string(), r.sex.clone());
    let cells: BTreeMap<(String, String), &FigureRow> =
        public.iter().filter(|r| r.indicator.as_str() == "victims_supported").map(|r| (key(r), r)).collect();
    let unknowns: Vec<(String, String)> = cells.iter().filter(|(_, r)| r.suppressed).map(|(k, _)| k.clone()).collect();
    let n = unknowns.len();
    let var = |k: &(String, String)| unknowns.iter().position(|u| u == k);
    // An equation: sum of (sign, cell) = 0; published cells move to the constant side.
    let mut eqs: Vec<Vec<(f64, (String, String))>> = Vec::new();
    let units: Vec<String> = cells.keys().map(|(u, _)| u.clone()).collect();
    for u in &units {
        eqs.push(vec![
            (1.0, (u.clone(), "_T".into())),
            (-1.0, (u.clone(), "F".into())),
            (-1.0, (u.clone(), "M".into())),
        ]);
        for sex in ["F", "M", "_T"] {
            let children: Vec<String> = plan
                .units
                .iter()
                .filter(|c| c.parent.as_ref().map(|p| p.as_str()) == Some(u.as_str()))
                .map(|c| c.id.to_string())
                .collect();
            if children.iter().any(|c| cells.contains_key(&(c.clone(), sex.to_string()))) {
                let mut eq = vec![(1.0, (u.clone(), sex.to_string()))];
                eq.extend(children.iter().map(|c| (-1.0, (c.clone(), sex.to_string()))));
                eqs.push(eq);
            }
        }
    }
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
    for (i, k) in unknowns.iter().enumerate() {
        if determined(&rows, i, n) {
            return Err(format!("{k:?} can be worked out from what is published"));
        }
    }
    Ok(())
}

#[test]
fn small_counts_are_withheld_and_cannot_be_worked_out() {
    // Xã Bình Lư (x2, under 106): 3 women, 1 man. Xã Bản Bo (x3, under 106): 10 and 8.
    let (all, public) = published(&[("x1", 6, 5), ("x2", 3, 1), ("x3", 10, 8), ("sld", 20, 6)]);
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
    assert!(!get(&public, "sld", "F").suppressed);
    nothing_recoverable(&public).unwrap();
}

#[test]
fn zero_is_published() {
    let (_, public) = published(&[("x1", 0, 0), ("x2", 12, 9)]);
    assert!(public.iter().filter(|r| r.unit.as_str() == "x1").all(|r| !r.suppressed));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn no_withheld_cell_is_recoverable(counts in proptest::collection::vec((0u64..12, 0u64..12), 4)) {
        let units = ["x1", "x2", "x3", "sld"];
        let victims: Vec<(&str, u64, u64)> = units.iter().zip(&counts).map(|(u, (f, m))| (*u, *f, *m)).collect();
        let (_, public) = published(&victims);
        // Every small non-zero count is withheld...
        for (u, (f, m)) in units.iter().zip(&counts) {
            for (sex, v) in [("F", *f), ("M", *m), ("_T", f + m)] {
                if (1..5).contains(&v) {
                    let cell = public.iter().find(|r| r.unit.as_str() == *u && r.sex == sex).unwrap();
                    prop_assert!(cell.suppressed, "{u} {sex} = {v} is published");
                }
            }
        }
        // ...and none can be worked back out.
        prop_assert_eq!(nothing_recoverable(&public), Ok(()));
    }
}
