//! Properties of aggregation that must hold for any pile of reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use binhdang::aggregate::{aggregate, Parts, Summary};
use binhdang::read::{self, Read};
use binhdang::validate::Status;
use binhdang::{Catalog, Count, Plan, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

fn plan() -> Plan {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/plans/tree.json");
    read::plan_from_str(&std::fs::read_to_string(p).unwrap()).value.unwrap()
}

const UNITS: &[&str] = &["sld", "x1", "x2", "x3", "ban"];

/// A report as JSON: a unit, a kind, a submission day, and a few values
/// (some left out, some with a mistake that gets the report rejected).
fn report() -> impl Strategy<Value = Value> {
    (
        0..UNITS.len(),
        any::<bool>(),
        1u32..28,
        proptest::option::of((0u64..1000, 0u64..1000)),
        proptest::option::of(0u64..50),
        proptest::option::of((0u64..20, 0u64..20)),
        any::<bool>(),
        proptest::option::of(0u64..5_000_000),
    )
        .prop_map(|(u, annual, day, people, classes, leaders, wrong_total, spent)| {
            let (kind, period, month) = if annual {
                ("annual", json!({"from": "2024-01-01", "to": "2024-12-31"}), "2025-01")
            } else {
                ("six_month", json!({"from": "2024-01-01", "to": "2024-06-30"}), "2024-07")
            };
            let mut values = vec![];
            if let Some((f, m)) = people {
                let total = if wrong_total { f + m + 1 } else { f + m };
                values.push(json!({"indicator": "people_reached", "female": f, "male": m, "total": total}));
            }
            if let Some(c) = classes {
                values.push(json!({"indicator": "training_classes", "total": c}));
            }
            if let Some((a, b)) = leaders {
                values.push(json!({"indicator": "nq28-mt1", "numerator": {"total": a.min(b)}, "denominator": {"total": a.max(b)}}));
            }
            let mut r = json!({"plan": "03/KH-TONGHOP", "unit": UNITS[u], "kind": kind, "period": period,
                "submitted": format!("{month}-{day:02}"), "values": values});
            if let Some(s) = spent {
                r["funding"] = json!([{"source": "ns", "spent": s}]);
            }
            r
        })
}

fn run(plan: &Plan, reports: &[Value]) -> Summary {
    let inputs: Vec<Read<Report>> = reports.iter().map(|r| read::report_from_value(r.clone())).collect();
    aggregate(plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-03-01").unwrap())
}

fn add(a: Option<Count>, b: Option<Count>) -> Option<Count> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => a.checked_add(b),
    }
}

fn add_parts(a: &Parts, b: &Parts) -> Parts {
    Parts { female: add(a.female, b.female), male: add(a.male, b.male), total: add(a.total, b.total) }
}

/// The reports in another order: a deterministic shuffle driven by the seed.
fn shuffle(reports: &[Value], seed: u64) -> Vec<Value> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    let mut x = seed | 1;
    for i in (1..order.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
    order.iter().map(|i| reports[*i].clone()).collect()
}

/// Figures without the fields that depend on order of nothing: everything.
fn totals(s: &Summary) -> Value {
    serde_json::to_value(&s.periods).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parent_is_own_plus_children(reports in proptest::collection::vec(report(), 0..14)) {
        let plan = plan();
        let s = run(&plan, &reports);
        for p in &s.periods {
            for f in &p.figures {
                // What the unit reported itself, from the reports it used.
                let mut own_counts = Parts::default();
                let mut own_num = Parts::default();
                let mut own_den = Parts::default();
                for o in s.accounting.iter().filter(|o| o.status == Status::Used && o.unit.as_ref() == Some(&f.unit)
                    && o.kind == Some(p.kind) && o.period == Some(p.period)) {
                    let r = read::report_from_value(reports[o.index].clone()).value.unwrap();
                    for v in r.values.iter().filter(|v| v.indicator == f.indicator) {
                        own_counts = add_parts(&own_counts, &Parts { female: v.female, male: v.male, total: v.counts().effective_total() });
                        if let Some(n) = &v.numerator { own_num = add_parts(&own_num, &Parts { female: n.female, male: n.male, total: n.effective_total() }); }
                        if let Some(d) = &v.denominator { own_den = add_parts(&own_den, &Parts { female: d.female, male: d.male, total: d.effective_total() }); }
                    }
                }
                let children: Vec<_> = plan.units.iter().filter(|u| u.parent.as_ref() == Some(&f.unit)).map(|u| &u.id).collect();
                let (mut counts, mut num, mut den) = (own_counts, own_num, own_den);
                for c in children {
                    if let Some(cf) = p.figures.iter().find(|x| &x.unit == c && x.indicator == f.indicator) {
                        counts = add_parts(&counts, &cf.counts);
                        if let Some(n) = &cf.numerator { num = add_parts(&num, n); }
                        if let Some(d) = &cf.denominator { den = add_parts(&den, d); }
                    }
                }
                prop_assert_eq!(&f.counts, &counts, "{} {}", f.unit, f.indicator);
                if let Some(n) = &f.numerator { prop_assert_eq!(n, &num); }
                if let Some(d) = &f.denominator { prop_assert_eq!(d, &den); }
            }
        }
    }

    /// The summary's order, which the indexed aggregation makes without
    /// comparing strings: by unit id, then indicator id, then cell, each
    /// figure once.
    #[test]
    fn figures_come_by_unit_then_indicator_once(reports in proptest::collection::vec(report(), 0..14)) {
        let plan = plan();
        let s = run(&plan, &reports);
        for p in &s.periods {
            for w in p.figures.windows(2) {
                prop_assert!((&w[0].unit, &w[0].indicator, &w[0].by) < (&w[1].unit, &w[1].indicator, &w[1].by),
                    "{} {} before {} {}", w[0].unit, w[0].indicator, w[1].unit, w[1].indicator);
            }
        }
    }

    #[test]
    fn shuffling_changes_nothing(reports in proptest::collection::vec(report(), 0..12), seed in any::<u64>()) {
        let plan = plan();
        let a = run(&plan, &reports);
        let shuffled = shuffle(&reports, seed);
        let b = run(&plan, &shuffled);
        prop_assert_eq!(totals(&a), totals(&b));
        // Each report has the same fate wherever it stands. Copies of one
        // report are interchangeable (one of them is used, which one depends
        // on position), so fates are compared per content: the multiset of
        // (report, status, the report that superseded it).
        let fates = |s: &Summary, input: &[Value]| {
            let mut v: Vec<(String, Status, Option<String>)> = s.accounting.iter().map(|o| {
                (input[o.index].to_string(), o.status, o.superseded_by.map(|w| input[w].to_string()))
            }).collect();
            v.sort();
            v
        };
        prop_assert_eq!(fates(&a, &reports), fates(&b, &shuffled));
    }

    #[test]
    fn context_rules_do_not_depend_on_order(reports in proptest::collection::vec(report(), 0..12), seed in any::<u64>()) {
        // Comparisons raised to errors, so that a comparison decides whether
        // a report is used: with a rejected or superseded report as context,
        // the outcome once depended on which copy came first.
        let mut plan = plan();
        for code in [binhdang::Code::AnnualBelowSixMonth, binhdang::Code::Outlier] {
            plan.rules.severity.insert(code, binhdang::Level::Error);
        }
        plan.rules.outlier_min = 0;
        plan.rules.outlier_factor = 1.5;
        // Every third six-month report with a period the plan does not have:
        // rejected on its own, it must not be anyone's context either.
        let reports: Vec<Value> = reports.into_iter().enumerate().map(|(i, mut r)| {
            if i % 3 == 0 && r["kind"] == "six_month" {
                r["period"]["to"] = json!("2024-06-29");
            }
            r
        }).collect();
        let a = run(&plan, &reports);
        let shuffled = shuffle(&reports, seed);
        let b = run(&plan, &shuffled);
        prop_assert_eq!(totals(&a), totals(&b));
        let fates = |s: &Summary, input: &[Value]| {
            let mut v: Vec<(String, Status, Vec<String>)> = s.accounting.iter().map(|o| {
                (input[o.index].to_string(), o.status, o.findings.iter().map(|f| format!("{}{}", f.code, f.path)).collect())
            }).collect();
            v.sort();
            v
        };
        prop_assert_eq!(fates(&a, &reports), fates(&b, &shuffled));
    }

    #[test]
    fn a_report_with_no_values_changes_no_total(reports in proptest::collection::vec(report(), 0..10), u in 0..UNITS.len()) {
        let plan = plan();
        // An empty report from a unit that has no six-month report (so it
        // supersedes nothing): that unit's six-month reports are taken out.
        let reports: Vec<Value> = reports.into_iter().filter(|r| !(r["kind"] == "six_month" && r["unit"] == UNITS[u])).collect();
        let a = run(&plan, &reports);
        let mut more = reports.clone();
        more.push(json!({"plan": "03/KH-TONGHOP", "unit": UNITS[u], "kind": "six_month",
            "period": {"from": "2024-01-01", "to": "2024-06-30"}, "submitted": "2024-07-01", "values": []}));
        let b = run(&plan, &more);
        for (pa, pb) in a.periods.iter().zip(&b.periods) {
            prop_assert_eq!(serde_json::to_value(&pa.figures).unwrap(), serde_json::to_value(&pb.figures).unwrap());
            prop_assert_eq!(serde_json::to_value(&pa.funding).unwrap(), serde_json::to_value(&pb.funding).unwrap());
        }
    }

    #[test]
    fn every_report_is_accounted_for_once(reports in proptest::collection::vec(report(), 0..14)) {
        let s = run(&plan(), &reports);
        prop_assert_eq!(s.accounting.len(), reports.len());
        let mut seen = BTreeMap::new();
        for (i, o) in s.accounting.iter().enumerate() {
            prop_assert_eq!(o.index, i);
            *seen.entry(o.index).or_insert(0) += 1;
            match o.status {
                Status::Superseded => {
                    let by = o.superseded_by.unwrap();
                    prop_assert_eq!(s.accounting[by].status != Status::Superseded, true);
                }
                Status::Rejected => prop_assert!(o.findings.iter().any(|f| f.is_error())),
                Status::Used => prop_assert!(!o.findings.iter().any(|f| f.is_error())),
            }
        }
        prop_assert!(seen.values().all(|n| *n == 1));
    }

    #[test]
    fn reports_read_on_two_threads_are_read_as_on_one(
        reports in proptest::collection::vec(report(), 0..40),
        broken in proptest::collection::vec((0usize..40, 0u8..3), 0..6),
        max_reports in 0usize..45,
    ) {
        // Well-formed reports, and some broken: cut short, not UTF-8, or
        // not an object; some past `max_reports`.
        let mut texts: Vec<Vec<u8>> = reports.iter().map(|r| r.to_string().into_bytes()).collect();
        for (i, how) in broken {
            if let Some(t) = texts.get_mut(i) {
                match how {
                    0 => t.truncate(t.len() / 2),
                    1 => t.insert(1, 0xFF),
                    _ => *t = b"[1, 2]".to_vec(),
                }
            }
        }
        let limits = read::Limits { max_reports, ..read::Limits::default() };
        let one = read::reports_from_strs(&texts, &limits);
        let mut two = read::OverlappedReports::new(texts.len(), &limits);
        for t in &texts {
            two.push(t.clone());
        }
        let two = two.finish();
        prop_assert_eq!(format!("{one:?}"), format!("{two:?}"));
    }
}

/// A batch given up halfway (the host failed to make a report's bytes)
/// ends its reading thread: nothing waits for reports that never come.
#[test]
fn a_batch_given_up_ends_its_reading() {
    let mut reading = read::OverlappedReports::new(100, &read::Limits::default());
    for _ in 0..40 {
        reading.push(br#"{"plan": "p", "unit": "u"}"#.to_vec());
    }
    drop(reading);
}
