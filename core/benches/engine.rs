//! Reading, validating and aggregating generated reports, each beside the
//! floor of only parsing the same JSON with serde_json; and how aggregation
//! grows from 10 thousand to 1 million values. `cargo bench -p binhdang`;
//! `tests/bench/run` turns the results into the ratios of BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use binhdang::aggregate::aggregate;
use binhdang::sample::{generate, Sample, Scale};
use binhdang::{calendar, read, validate, Catalog, Plan};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn plan_of(s: &Sample) -> Plan {
    read::plan_from_str(&s.plan).value.expect("the generated plan reads")
}

fn stages(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let as_of = calendar::parse_iso("2026-12-20").unwrap();
    for (name, scale) in [("province", Scale::Province), ("country", Scale::Country)] {
        let s = generate(scale);
        let plan = plan_of(&s);
        let mut g = c.benchmark_group(name);
        g.sample_size(10).measurement_time(Duration::from_secs(8)).throughput(Throughput::Elements(s.values as u64));
        g.bench_function("parse_only", |b| {
            b.iter(|| {
                s.reports.iter().map(|t| serde_json::from_str::<serde_json::Value>(t).unwrap()).collect::<Vec<_>>()
            })
        });
        g.bench_function("read", |b| b.iter(|| s.reports.iter().map(|t| read::report_from_str(t)).collect::<Vec<_>>()));
        g.bench_function("validate", |b| {
            b.iter(|| {
                let inputs = s.reports.iter().map(|t| read::report_from_str(t)).collect();
                validate::batch(&plan, &catalog, inputs, as_of, &[]).outcomes.len()
            })
        });
        g.bench_function("aggregate", |b| {
            b.iter(|| {
                let inputs = s.reports.iter().map(|t| read::report_from_str(t)).collect();
                aggregate(&plan, &catalog, inputs, as_of).accounting.len()
            })
        });
        g.finish();
    }
}

fn growth(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let as_of = calendar::parse_iso("2026-12-20").unwrap();
    let mut g = c.benchmark_group("growth");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [10_000, 100_000, 1_000_000] {
        let s = generate(Scale::Values(n));
        let plan = plan_of(&s);
        g.throughput(Throughput::Elements(s.values as u64));
        g.bench_with_input(BenchmarkId::new("aggregate", s.values), &s, |b, s| {
            b.iter(|| {
                let inputs = s.reports.iter().map(|t| read::report_from_str(t)).collect();
                aggregate(&plan, &catalog, inputs, as_of).accounting.len()
            })
        });
        g.bench_with_input(BenchmarkId::new("parse_only", s.values), &s, |b, s| {
            b.iter(|| {
                s.reports.iter().map(|t| serde_json::from_str::<serde_json::Value>(t).unwrap()).collect::<Vec<_>>()
            })
        });
    }
    g.finish();
}

/// One form, the way a portal or an app checks it as it is typed: the call
/// that reads the plan too, and a `Checker` that has read it once. Kotlin's
/// benchmark makes the same two calls through the binding.
fn form(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let plan_text = std::fs::read_to_string(root.join("examples/lai-chau-2024/plan.json")).unwrap();
    let report = std::fs::read_to_string(root.join("examples/lai-chau-2024/reports/2024-6m-106.json")).unwrap();
    let as_of = calendar::parse_iso("2024-06-04").unwrap();
    let limits = read::Limits::default();
    let mut g = c.benchmark_group("form");
    g.bench_function("api_validate_report", |b| {
        b.iter(|| binhdang::api::validate_report(&plan_text, &report, as_of, &[] as &[&str], &limits).unwrap().len())
    });
    let checker = binhdang::api::Checker::new(&plan_text).unwrap();
    g.bench_function("checker", |b| b.iter(|| checker.validate_report(&report, as_of, &[] as &[&str], &limits).len()));
    g.bench_function("parse_only", |b| b.iter(|| serde_json::from_str::<serde_json::Value>(&report).unwrap()));
    g.finish();
}

criterion_group!(benches, form, stages, growth);
criterion_main!(benches);
