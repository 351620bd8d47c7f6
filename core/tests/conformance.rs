//! Runs every vector in tests/conformance/validate through the Rust API.
//! The other runtimes run the same files; see tests/conformance/README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use binhdang::read::{self, Limits, Read};
use binhdang::validate::{self, Context};
use binhdang::{calendar, Catalog, Finding, Plan, Report};
use common::{report_texts, root, vectors};
use serde_json::{json, Value};

/// A plan given inline or as a path from the repository root.
fn plan_input(v: &Value) -> Read<Plan> {
    match &v["plan"] {
        Value::String(path) => read::plan_from_str(&std::fs::read_to_string(root().join(path)).unwrap()),
        other => read::plan_from_value(other.clone()),
    }
}

/// The host's limits of a vector (`limits`, fields left out keep their defaults).
fn limits(v: &Value) -> Limits {
    v.get("limits").map(|l| serde_json::from_value(l.clone()).unwrap()).unwrap_or_default()
}

/// The report of a vector, read from its text the way every binding passes it.
fn report_input(v: &Value) -> Read<Report> {
    let texts = report_texts(v);
    read::report_from_str_with(&texts[0], &limits(v))
}

/// The reports of a batch vector, read.
fn batch_inputs(v: &Value) -> Vec<Read<Report>> {
    read::reports_from_strs(&report_texts(v), &limits(v))
}

fn brief(findings: &[Finding]) -> Value {
    Value::Array(findings.iter().map(|f| json!({"code": f.code, "severity": f.severity, "path": f.path})).collect())
}

fn run(v: &Value) -> Value {
    let catalog = Catalog::builtin();
    let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
    let plan_read = plan_input(v);
    let mode = v["mode"].as_str().unwrap_or("report");
    if mode == "plan" {
        return match plan_read.value {
            Some(p) => brief(&validate::plan(&p, &catalog)),
            None => brief(&plan_read.findings),
        };
    }
    let plan = plan_read.value.unwrap_or_else(|| panic!("vector plan does not read: {:?}", plan_read.findings));
    let earlier: Vec<Report> = v["context"]["earlier"]
        .as_array()
        .map(|a| a.iter().map(|r| read::report_from_value(r.clone()).value.unwrap()).collect())
        .unwrap_or_default();
    match mode {
        "report" => brief(&validate::read_with(
            &plan,
            &catalog,
            report_input(v),
            as_of,
            Context { earlier: &earlier, batch: &[] },
            &limits(v),
        )),
        "batch" => {
            let inputs = batch_inputs(v);
            let b = validate::batch_with(&plan, &catalog, inputs, as_of, &earlier, &limits(v));
            Value::Array(
                b.outcomes
                    .iter()
                    .map(|o| {
                        let mut x = json!({"status": o.status, "findings": brief(&o.findings)});
                        if let Some(s) = o.superseded_by {
                            x["superseded_by"] = json!(s);
                        }
                        x
                    })
                    .collect(),
            )
        }
        other => panic!("unknown mode {other}"),
    }
}

#[test]
fn validate_vectors() {
    let all = vectors("tests/conformance/validate");
    assert!(all.len() >= 60, "only {} vectors", all.len());
    let mut failed = Vec::new();
    for (name, v) in &all {
        let got = run(v);
        if got != v["expected"] {
            failed.push(format!("{name}: {}\n  expected {}\n  got      {}", v["description"], v["expected"], got));
        }
    }
    assert!(failed.is_empty(), "{} of {} vectors failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

/// Every code the library can give has at least one vector.
#[test]
fn every_code_has_a_vector() {
    let mut text = String::new();
    for dir in ["tests/conformance/validate", "tests/conformance/aggregate"] {
        if let Ok(rd) = std::fs::read_dir(root().join(dir)) {
            for e in rd {
                text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
            }
        }
    }
    let missing: Vec<_> =
        binhdang::Code::ALL.iter().filter(|c| !text.contains(&format!("\"code\": \"{}\"", c.as_str()))).collect();
    assert!(missing.is_empty(), "codes without a vector: {missing:?}");
}

fn run_aggregate(v: &Value) -> Vec<String> {
    let catalog = Catalog::builtin();
    let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
    let plan = plan_input(v).value.unwrap();
    let inputs = batch_inputs(v);
    let summary = binhdang::aggregate::aggregate(&plan, &catalog, inputs, as_of);
    common::check_summary(&v["expected"], serde_json::to_value(&summary).unwrap())
}

#[test]
fn aggregate_vectors() {
    let all = vectors("tests/conformance/aggregate");
    assert!(all.len() >= 20, "only {} vectors", all.len());
    let mut failed = Vec::new();
    for (name, v) in &all {
        let errors = run_aggregate(v);
        if !errors.is_empty() {
            failed.push(format!("{name}: {}\n  {}", v["description"], errors.join("\n  ")));
        }
    }
    assert!(failed.is_empty(), "{} of {} vectors failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}
