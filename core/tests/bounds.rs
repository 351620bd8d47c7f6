//! Bounded work on the worst shapes an attacker can build within the limits:
//! long unit chains, loops, wide trees, many reports of one unit, lists of
//! nulls. Each is run at two sizes, eight times apart, and the work must
//! grow near linearly: under 32 times for 8 times the input (quadratic
//! work takes 64 times; n log n with cache misses, measured, 8 to 21 times). The sizes are small enough for a debug build;
//! RELIABILITY.md has the figures at the default limits, release build.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use binhdang::aggregate::aggregate;
use binhdang::read::{self, Limits};
use binhdang::validate;
use binhdang::{Catalog, Code, Plan};
use serde_json::{json, Value};

/// The best of three runs, so that a busy machine does not decide.
fn time(f: impl Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// One timing at a time: the tests of this file would otherwise share two cores.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn near_linear(name: &str, small: impl Fn(), large: impl Fn()) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (a, b) = (time(small), time(large));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    eprintln!("{name}: {a:?} → {b:?} ({ratio:.1}×)");
    assert!(ratio < 32.0, "{name}: 8 times the input took {ratio:.1} times as long ({a:?} → {b:?})");
}

/// A plan whose units are given by `units` (id, parent), reporting all of them.
fn plan(units: Vec<(String, Option<String>)>) -> Plan {
    let ids: Vec<&String> = units.iter().map(|(u, _)| u).collect();
    let units: Vec<Value> = units
        .iter()
        .map(|(id, parent)| match parent {
            Some(p) => json!({"id": id, "name": id, "kind": "commune", "parent": p}),
            None => json!({"id": id, "name": id, "kind": "province"}),
        })
        .collect();
    let v = json!({"number": "P", "issuer": "root", "place": "X", "date": "2024-01-01", "year": 2024, "title": "T",
        "legal_bases": [], "purposes": [], "content_areas": [], "funding_sources": [], "roles": [],
        "reporting": {"units": ids, "schedule": [
            {"id": "6m", "kind": "six_month", "period": {"from": "2024-01-01", "to": "2024-06-30"}, "due": "2024-07-10"},
            {"id": "y", "kind": "annual", "period": {"from": "2024-01-01", "to": "2024-12-31"}, "due": "2025-01-15"}]},
        "recipients": [], "signer": {"name": "S", "titles": []}, "units": units});
    read::plan_from_value(v).value.unwrap()
}

fn chain(n: usize) -> Plan {
    plan(
        (0..n)
            .map(|i| {
                (
                    if i == 0 { "root".into() } else { format!("u{i}") },
                    (i > 0).then(|| if i == 1 { "root".into() } else { format!("u{}", i - 1) }),
                )
            })
            .collect(),
    )
}

fn cycle(n: usize) -> Plan {
    plan((0..n).map(|i| (format!("u{i}"), Some(format!("u{}", (i + 1) % n)))).collect())
}

fn wide(n: usize) -> Plan {
    let mut units = vec![("root".to_string(), None)];
    units.extend((0..n).map(|i| (format!("u{i}"), Some("root".to_string()))));
    plan(units)
}

fn report(unit: &str, from: &str, to: &str, submitted: &str, n: u64) -> Value {
    json!({"plan": "P", "unit": unit, "kind": "six_month", "period": {"from": from, "to": to}, "submitted": submitted,
        "values": [{"indicator": "training_participants", "female": n, "male": n, "total": 2 * n}]})
}

#[test]
fn checking_a_long_chain_of_units_is_linear() {
    let (a, b) = (chain(2_000), chain(16_000));
    near_linear(
        "chain",
        || drop(validate::plan(&a, &Catalog::builtin())),
        || drop(validate::plan(&b, &Catalog::builtin())),
    );
}

#[test]
fn checking_a_loop_of_units_is_linear_and_names_each_unit_once() {
    let (a, b) = (cycle(1_000), cycle(8_000));
    let findings = validate::plan(&b, &Catalog::builtin());
    assert_eq!(findings.iter().filter(|f| f.code == Code::PlanUnitCycle).count(), 8_000);
    near_linear(
        "cycle",
        || drop(validate::plan(&a, &Catalog::builtin())),
        || drop(validate::plan(&b, &Catalog::builtin())),
    );
}

#[test]
fn adding_up_a_wide_tree_is_near_linear() {
    let run = |n: usize| {
        let p = wide(n);
        let reports: Vec<String> =
            (0..n).map(|i| report(&format!("u{i}"), "2024-01-01", "2024-06-30", "2024-07-01", 3).to_string()).collect();
        move || {
            let inputs = read::reports_from_strs(&reports, &Limits::default());
            let s = aggregate(&p, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-02-01").unwrap());
            assert_eq!(s.periods[0].figure("root", "training_participants").unwrap().reports as usize, n);
        }
    };
    near_linear("wide tree", run(500), run(4_000));
}

#[test]
fn publishing_a_wide_tree_of_small_counts_is_near_linear() {
    // Every child's count of victims is small, so every one is withheld and
    // audited against the parent's sum of all its siblings: the case that
    // grew with the square of the children (25,000 took 256 s).
    let run = |n: usize| {
        let p = wide(n);
        let reports: Vec<String> = (0..n)
            .map(|i| {
                json!({"plan": "P", "unit": format!("u{i}"), "kind": "six_month",
                    "period": {"from": "2024-01-01", "to": "2024-06-30"}, "submitted": "2024-07-01",
                    "values": [{"indicator": "victims_supported", "female": i % 4, "male": (i / 4) % 3, "total": i % 4 + (i / 4) % 3}]})
                .to_string()
            })
            .collect();
        let summary = aggregate(
            &p,
            &Catalog::builtin(),
            read::reports_from_strs(&reports, &Limits::default()),
            binhdang::calendar::parse_iso("2025-02-01").unwrap(),
        );
        let plain = binhdang::output::tables(&summary, &p, &Catalog::builtin());
        move || {
            let t = binhdang::publish::published_tables(&summary, &p, &Catalog::builtin());
            // The rows come in the same order, published or not.
            let rows: Vec<_> = plain
                .figures
                .iter()
                .zip(&t.figures)
                .filter(|(r, _)| r.indicator.as_str() == "victims_supported")
                .collect();
            let small = |v: Option<f64>| v.is_some_and(|v| (1.0..5.0).contains(&v));
            assert!(rows.iter().all(|(r, q)| !small(r.value) || q.suppressed), "a small count was published");
            assert!(rows.iter().any(|(_, q)| !q.suppressed), "everything was withheld");
        }
    };
    near_linear("publish a wide tree", run(250), run(2_000));
}

#[test]
fn many_reports_of_one_unit_are_near_linear() {
    // Distinct periods, so none supersedes another and every one is context
    // for the next (the outlier rule looks for the previous period).
    let run = |n: usize| {
        let p = wide(1);
        let reports: Vec<_> = (0..n)
            .map(|i| {
                let day = binhdang::Date::from_ymd(2000, 1, 1).unwrap().0 + chrono::Duration::days(i as i64);
                let d = day.format("%Y-%m-%d").to_string();
                read::report_from_value(report("u0", &d, &d, &d, i as u64))
            })
            .collect();
        move || {
            let b = validate::batch(
                &p,
                &Catalog::builtin(),
                reports.clone(),
                binhdang::calendar::parse_iso("2030-01-01").unwrap(),
                &[],
            );
            assert_eq!(b.outcomes.len(), n);
        }
    };
    near_linear("one unit", run(500), run(4_000));
}

#[test]
fn a_list_of_nulls_past_the_node_limit_is_refused_unread() {
    let nulls = format!(
        r#"{{"plan": "P", "unit": "u0", "kind": "six_month", "period": {{"from": "2024-01-01", "to": "2024-06-30"}}, "submitted": "2024-07-01", "activities": [{}]}}"#,
        vec!["null"; 250_000].join(",")
    );
    let r = read::report_from_str(&nulls);
    assert!(r.value.is_none());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, Code::TooLarge);
    assert_eq!(r.findings[0].context["limit_name"], "number of JSON values");
}

#[test]
fn findings_are_capped_with_a_closing_count() {
    let p = wide(1);
    // 5,000 unreadable activities: 5,000 findings, 1,000 kept, and the count of the rest.
    let text = format!(
        r#"{{"plan": "P", "unit": "u0", "kind": "six_month", "period": {{"from": "2024-01-01", "to": "2024-06-30"}}, "submitted": "2024-07-01", "activities": [{}]}}"#,
        vec!["null"; 5_000].join(",")
    );
    let findings = validate::read_with(
        &p,
        &Catalog::builtin(),
        read::report_from_str(&text),
        binhdang::calendar::parse_iso("2025-01-01").unwrap(),
        validate::Context::default(),
        &Limits::default(),
    );
    assert_eq!(findings.len(), 1_001);
    let last = findings.last().unwrap();
    assert_eq!(last.code, Code::FindingsTruncated);
    assert_eq!(last.context["omitted"], 4_000);
}
