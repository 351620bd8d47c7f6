//! Publication protects the cells of breakdowns beyond sex: victims
//! supported, broken down by age band, in a small tree where a district
//! also reports for itself. The attacker is built from the published rows
//! and the plan alone: every withheld cell and every own part is an
//! unknown; the relations are female + male = total, a unit = its own part
//! and its children (cell by cell), and the age bands add up to the unit's
//! figure (for its figure and its own part alike); nothing is negative. For
//! every small cell (1 to 4), published or not, the least and greatest value
//! it can take must be at least the threshold (5) apart.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use binhdang::aggregate::aggregate;
use binhdang::lp::{Bound, Feasible};
use binhdang::output::FigureRow;
use binhdang::publish::published_tables;
use binhdang::{read, Catalog};
use proptest::prelude::*;
use serde_json::json;

const BANDS: [&str; 3] = ["0-15", "16-59", "60+"];
const SEXES: [&str; 3] = ["F", "M", "_T"];
/// The tree plan: 12 → 105 → x1; 12 → 106 → x2, x3; 12 → sld.
const PARENT: [(&str, &str); 7] =
    [("ban", "12"), ("sld", "12"), ("105", "12"), ("106", "12"), ("x1", "105"), ("x2", "106"), ("x3", "106")];
const UNITS: [&str; 8] = ["12", "ban", "sld", "105", "106", "x1", "x2", "x3"];

/// A unit's victims by age band: (female, male) per band.
type Ages = [(u64, u64); 3];

fn publish(reports: &[(&str, Ages)]) -> (Vec<FigureRow>, Vec<FigureRow>) {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/plans/tree.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    v["reporting"]["units"].as_array_mut().unwrap().push(json!("106"));
    let plan = read::plan_from_value(v).value.unwrap();
    let inputs = reports
        .iter()
        .map(|(u, ages)| {
            let (f, m): (u64, u64) = ages.iter().fold((0, 0), |(a, b), (f, m)| (a + f, b + m));
            let cells: Vec<_> = BANDS
                .iter()
                .zip(ages)
                .map(|(b, (f, m))| json!({"by": {"age": b}, "female": f, "male": m, "total": f + m}))
                .collect();
            read::report_from_value(json!({"plan": "03/KH-TONGHOP", "unit": u, "kind": "annual",
                "period": {"from": "2024-01-01", "to": "2024-12-31"}, "submitted": "2025-01-10",
                "values": [{"indicator": "victims_supported", "female": f, "male": m, "total": f + m, "cells": cells}]}))
        })
        .collect();
    let s = aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-02-01").unwrap());
    assert!(s.accounting.iter().all(|o| o.status == binhdang::validate::Status::Used), "{:?}", s.accounting);
    let all = binhdang::output::tables(&s, &plan, &Catalog::builtin()).figures;
    let public = published_tables(&s, &plan, &Catalog::builtin()).figures;
    (all, public)
}

/// A cell's key: ("fig" | "own", unit, age band or "" for the unit's figure, sex).
type Key = (&'static str, String, String, String);

fn band_of(r: &FigureRow) -> String {
    r.by.get("age").cloned().unwrap_or_default()
}

/// The attacker's intervals; Err names the first small cell pinned narrower than 5.
fn attack(all: &[FigureRow], public: &[FigureRow], reported: &BTreeMap<&str, Ages>) -> Result<usize, String> {
    let rows = |t: &[FigureRow]| -> BTreeMap<Key, FigureRow> {
        t.iter()
            .filter(|r| r.indicator.as_str() == "victims_supported")
            .map(|r| (("fig", r.unit.to_string(), band_of(r), r.sex.clone()), r.clone()))
            .collect()
    };
    let (truth, published) = (rows(all), rows(public));
    // Nothing small in the open.
    for (k, r) in &published {
        if !r.suppressed && r.value.is_some_and(|v| (1.0..5.0).contains(&v)) {
            return Err(format!("{k:?} = {:?} is published", r.value));
        }
    }
    // Unknowns: the withheld cells, and the own parts of units with children
    // that reported themselves (106 here), with their true values.
    let mut unknowns: Vec<(Key, f64)> = published
        .iter()
        .filter(|(_, r)| r.suppressed)
        .map(|(k, _)| (k.clone(), truth[k].value.unwrap_or(0.0)))
        .collect();
    let own_of = |u: &str, band: &str, sex: &str| -> f64 {
        let Some(ages) = reported.get(u) else { return 0.0 };
        let pick = |(f, m): (u64, u64)| match sex {
            "F" => f,
            "M" => m,
            _ => f + m,
        } as f64;
        match BANDS.iter().position(|b| *b == band) {
            Some(i) => pick(ages[i]),
            None => ages.iter().map(|a| pick(*a)).sum(),
        }
    };
    let parents: Vec<&str> = UNITS.iter().copied().filter(|u| PARENT.iter().any(|(_, p)| p == u)).collect();
    for u in &parents {
        if reported.contains_key(u) {
            for band in std::iter::once("").chain(BANDS) {
                for sex in SEXES {
                    unknowns.push((("own", u.to_string(), band.into(), sex.into()), own_of(u, band, sex)));
                }
            }
        }
    }
    let n = unknowns.len();
    let index: BTreeMap<Key, usize> = unknowns.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect();
    // A term: an unknown's index, or a known value (a published cell, an own part of 0).
    let term = |k: &Key| -> Option<Result<usize, f64>> {
        if let Some(i) = index.get(k) {
            return Some(Ok(*i));
        }
        if k.0 == "own" {
            return Some(Err(0.0)); // a unit that did not report for itself
        }
        published.get(k).map(|r| Err(r.value.unwrap_or(0.0)))
    };
    let mut relations: Vec<(Vec<f64>, f64)> = Vec::new();
    let mut add = |terms: &[(f64, Key)]| {
        let mut row = vec![0.0; n];
        let mut b = 0.0;
        for (k, key) in terms {
            match term(key) {
                Some(Ok(i)) => row[i] += k,
                Some(Err(v)) => b -= k * v,
                None => return, // a cell nobody has: no relation
            }
        }
        if row.iter().any(|x| *x != 0.0) {
            relations.push((row, b));
        }
    };
    for u in UNITS {
        let kids: Vec<&str> = PARENT.iter().filter(|(_, p)| *p == u).map(|(c, _)| *c).collect();
        for band in std::iter::once("").chain(BANDS) {
            let k = |kind: &'static str, u: &str, s: &str| (kind, u.to_string(), band.to_string(), s.to_string());
            for kind in ["fig", "own"] {
                add(&[(1.0, k(kind, u, "_T")), (-1.0, k(kind, u, "F")), (-1.0, k(kind, u, "M"))]);
            }
            for sex in SEXES {
                if !kids.is_empty() && published.contains_key(&k("fig", u, sex)) {
                    let mut terms = vec![(1.0, k("fig", u, sex)), (-1.0, k("own", u, sex))];
                    terms.extend(
                        kids.iter()
                            .filter(|c| published.contains_key(&k("fig", c, sex)))
                            .map(|c| (-1.0, k("fig", c, sex))),
                    );
                    add(&terms);
                }
            }
        }
        for sex in SEXES {
            for kind in ["fig", "own"] {
                let mut terms = vec![(1.0, (kind, u.to_string(), String::new(), sex.to_string()))];
                terms.extend(BANDS.iter().map(|b| (-1.0, (kind, u.to_string(), b.to_string(), sex.to_string()))));
                add(&terms);
            }
        }
    }
    if n == 0 {
        return Ok(0);
    }
    let lp = Feasible::new(&relations, n).expect("the true values satisfy every relation");
    let mut checked = 0;
    for (i, (k, v)) in unknowns.iter().enumerate() {
        if !(1.0..5.0).contains(v) {
            continue;
        }
        checked += 1;
        let (Bound::At(hi), Bound::At(lo)) = (lp.bound(i, true), lp.bound(i, false)) else { continue };
        if hi - lo < 5.0 - 1e-6 {
            return Err(format!("{k:?} = {v} is pinned to [{lo}, {hi}]"));
        }
    }
    Ok(checked)
}

fn run(reports: &[(&str, Ages)]) -> Result<usize, String> {
    let (all, public) = publish(reports);
    let reported: BTreeMap<&str, Ages> = reports.iter().filter(|(u, _)| *u == "106").map(|(u, a)| (*u, *a)).collect();
    attack(&all, &public, &reported)
}

#[test]
fn small_age_cells_are_protected() {
    // x2: one girl under 16 and three women 16–59; x3 larger; 106 reports two of its own.
    let reports = [
        ("x1", [(0, 0), (6, 5), (0, 0)]),
        ("x2", [(1, 0), (3, 0), (0, 0)]),
        ("x3", [(7, 5), (12, 9), (6, 5)]),
        ("106", [(0, 0), (2, 0), (0, 0)]),
        ("sld", [(8, 6), (20, 11), (5, 7)]),
    ];
    let checked = run(&reports).unwrap();
    assert!(checked > 3, "only {checked} small cells were bounded");
    // Large cells stay published: the province's 16–59 women (6 + 3 + 12 + 2 + 20 = 43).
    let (_, public) = publish(&reports);
    let row = public
        .iter()
        .find(|r| r.unit.as_str() == "12" && band_of(r) == "16-59" && r.sex == "F")
        .expect("the province's row of women 16–59");
    assert_eq!((row.suppressed, row.value), (false, Some(43.0)));
}

fn ages() -> impl Strategy<Value = Ages> {
    let count = prop_oneof![4 => 0u64..5, 2 => 0u64..15, 1 => 0u64..60];
    [(count.clone(), count.clone()), (count.clone(), count.clone()), (count.clone(), count)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn no_small_age_cell_can_be_worked_out(x1 in ages(), x2 in ages(), x3 in ages(), own in ages(), sld in ages()) {
        let reports = [("x1", x1), ("x2", x2), ("x3", x3), ("106", own), ("sld", sld)];
        prop_assert!(run(&reports).is_ok(), "{:?}", run(&reports));
    }
}
