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
                        if !o.left_out.is_empty() {
                            x["left_out"] = json!(o.left_out);
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
    for dir in [
        "tests/conformance/validate",
        "tests/conformance/aggregate",
        "tests/conformance/workflow",
        "tests/conformance/excel",
    ] {
        if let Ok(rd) = std::fs::read_dir(root().join(dir)) {
            for e in rd {
                let p = e.unwrap().path();
                // excel/ holds the workbooks beside their vectors.
                if p.extension().is_some_and(|x| x == "json") {
                    text.push_str(&std::fs::read_to_string(p).unwrap());
                }
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

/// Every finding a vector gives, whole (messages included).
fn all_findings(v: &Value) -> Vec<Finding> {
    let catalog = Catalog::builtin();
    let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
    let plan_read = plan_input(v);
    let Some(plan) = plan_read.value else { return plan_read.findings };
    let mut out = plan_read.findings;
    match v["mode"].as_str().unwrap_or("report") {
        "plan" => out.extend(validate::plan(&plan, &catalog)),
        _ => {
            let earlier: Vec<Report> = v["context"]["earlier"]
                .as_array()
                .map(|a| a.iter().filter_map(|r| read::report_from_value(r.clone()).value).collect())
                .unwrap_or_default();
            let b = validate::batch_with(&plan, &catalog, batch_inputs(v), as_of, &earlier, &limits(v));
            out.extend(b.outcomes.into_iter().flat_map(|o| o.findings));
        }
    }
    out
}

/// Text outside double quotes: what the message itself says, not what it quotes.
fn unquoted(text: &str) -> String {
    text.split('"').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Words of English (and of serde and Rust) that must never appear in a Vietnamese message.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "not",
    "a",
    "an",
    "of",
    "and",
    "or",
    "expected",
    "got",
    "value",
    "string",
    "number",
    "null",
    "sequence",
    "whole",
    "field",
    "missing",
    "invalid",
    "type",
    "text",
    "list",
    "object",
    "date",
    "error",
    "warning",
    "report",
    "plan",
    "indicator",
    "unit",
    "total",
    "female",
    "male",
    "limit",
    "struct",
    "map",
    "enum",
    "variant",
    "unknown",
    "integer",
    "float",
    "u64",
    "u32",
    "i32",
    "f64",
    "boolean",
    "true",
    "false",
    "stated",
];

/// Problems with a Vietnamese message: English words, or a decimal point.
fn vietnamese_problems(message: &str) -> Vec<String> {
    let text = unquoted(message);
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '_') {
        // Acronyms (JSON, UTF-8, NFC) are names, not English.
        if ENGLISH.contains(&word.to_lowercase().as_str()) && word.chars().any(char::is_lowercase) {
            out.push(format!("English word {word:?}"));
        }
    }
    // Numbers: a decimal comma, dots only between groups of three digits (1.234.567).
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
        let token = token.trim_matches(|c| c == '.' || c == ',');
        let whole = token.split(',').next().unwrap_or_default();
        if whole.contains('.') && whole.split('.').skip(1).any(|g| g.len() != 3) {
            out.push(format!("decimal point in {token:?}"));
        }
    }
    out
}

/// Problems with an English message: Vietnamese words outside quotes.
fn english_problems(message: &str) -> Vec<String> {
    let text = unquoted(message);
    let vietnamese = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ";
    text.chars()
        .filter(|c| vietnamese.contains(c.to_lowercase().next().unwrap_or(*c)))
        .map(|c| format!("Vietnamese letter {c:?}"))
        .take(1)
        .collect()
}

/// Inputs that give every reading problem: parse errors, wrong kinds, bad
/// numbers and dates, unknown words, encodings.
fn reading_problems() -> Vec<Finding> {
    let texts = [
        "",
        "{\"plan\": ",
        "{\"plan\": \"P\", \"plan\": \"Q\"}",
        "{\"values\": [{\"total\": 1e400}]}",
        // What serializers write where JSON has no value (Python's json.dumps,
        // the JavaScript binding's walk of a value).
        "{\"values\": [{\"total\": NaN}]}",
        "{\"values\": [{\"total\": BigInt(5)}]}",
        "{\"values\": [<cycle>]}",
        "{\"values\": [<threw>]}",
        "{\"unit\": \"10\\ud800\"}",
        &format!("{}1{}", "[".repeat(200), "]".repeat(200)),
        "[1, 2]",
        r#"{"plan": 5, "unit": ["105"], "kind": "six-month", "period": {"from": "2024-01-01", "to": "30/6/2024", "form": 1},
            "submitted": "ngày 4 tháng 12 năm 2024", "notes": true,
            "values": [{"indicator": "x", "total": "12"}, {"indicator": "x", "total": 12.5}, {"indicator": "x", "female": -3},
                       {"indicator": "x", "male": 9007199254740993}, {"indicator": "x", "total": null, "numerator": 4}],
            "activities": [{"activity": "1", "status": "xong"}], "funding": {}}"#,
    ];
    let mut out: Vec<Finding> = texts.iter().flat_map(|t| read::report_from_str(t).findings).collect();
    out.extend(read::report_from_bytes_with(b"\xff\xfe{\x00}\x00", &Limits::default()).findings);
    out.extend(read::report_from_bytes_with(b"{\"plan\": \"Lai Ch\xe2u\"}", &Limits::default()).findings);
    out.extend(read::report_from_str_with("{}", &Limits { max_bytes: 1, ..Limits::default() }).findings);
    out.extend(read::unreadable(std::io::ErrorKind::NotFound).findings);
    let plan = r#"{"number": 1, "issuer": "12", "place": "X", "date": "2024-01-01", "year": -1, "title": "T",
        "legal_bases": [{"kind": "law", "issuer": "X", "title": "T"}], "purposes": [], "content_areas": [{"number": 1.5, "title": "T", "activities": [], "extra": 1}],
        "funding_sources": [], "roles": [], "reporting": {"units": [], "schedule": []}, "recipients": [],
        "signer": {"name": "S", "titles": []}, "units": [], "indicators": [{"id": "i", "measure": "percent"}],
        "rules": {"severity": {"no_such_rule": "loud"}}}"#;
    out.extend(read::plan_from_str(plan).findings);
    out.extend(read::limits_from_str(r#"{"max_byts": 1, "max_depth": -1}"#).unwrap_err());
    out
}

#[test]
fn every_message_is_wholly_in_its_language() {
    let mut findings = reading_problems();
    let problems: std::collections::BTreeSet<String> =
        findings.iter().filter_map(|f| f.context.get("problem").and_then(Value::as_str).map(str::to_string)).collect();
    // Every typed reading problem is rendered at least once.
    for name in [
        "missing_field",
        "wrong_type",
        "not_whole",
        "negative",
        "too_big",
        "not_a_date",
        "unknown_word",
        "word_for_object",
        "ignored_field",
        "unknown_field",
        "duplicate_key",
        "not_json",
        "empty",
        "number_out_of_range",
        "not_a_number",
        "big_integer",
        "cycle",
        "unreadable_value",
        "lone_surrogate",
        "encoding",
        "not_found",
    ] {
        assert!(problems.contains(name), "no input above gives the reading problem {name}: {problems:?}");
    }
    for (_, v) in vectors("tests/conformance/validate") {
        findings.extend(all_findings(&v));
    }
    for (_, v) in vectors("tests/conformance/aggregate") {
        let catalog = Catalog::builtin();
        let plan = plan_input(&v).value.unwrap();
        let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
        let s = binhdang::aggregate::aggregate(&plan, &catalog, batch_inputs(&v), as_of);
        findings.extend(s.findings);
        findings.extend(s.accounting.into_iter().flat_map(|o| o.findings));
    }
    // The workflow's refusals, from its vectors and the sentences they do not reach.
    for (_, v) in vectors("tests/conformance/workflow") {
        findings.extend(common::workflow::run(&v).1);
    }
    findings.extend(common::workflow::message_variants());
    // Filled Excel forms (number_as_text is theirs alone).
    #[cfg(feature = "excel")]
    for (_, v) in vectors("tests/conformance/excel") {
        let plan = std::fs::read(root().join(v["plan"].as_str().unwrap())).unwrap();
        let bytes = std::fs::read(root().join(v["workbook"].as_str().unwrap())).unwrap();
        let as_of = binhdang::api::date(v["as_of"].as_str().unwrap()).unwrap();
        let none: [&[u8]; 0] = [];
        findings.extend(binhdang::api::validate_report(&plan, &bytes, as_of, &none, &limits(&v)).unwrap());
    }
    let codes: std::collections::BTreeSet<_> = findings.iter().map(|f| f.code).collect();
    let unchecked: Vec<_> = binhdang::Code::ALL.iter().filter(|c| !codes.contains(c)).collect();
    assert!(unchecked.is_empty(), "codes whose messages no input gives: {unchecked:?}");
    let mut bad = Vec::new();
    for f in &findings {
        for p in vietnamese_problems(&f.message_vi) {
            bad.push(format!("{}: {p} in {:?}", f.code, f.message_vi));
        }
        for p in english_problems(&f.message_en) {
            bad.push(format!("{}: {p} in {:?}", f.code, f.message_en));
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{} messages are not wholly in their language:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_language_checks_catch_what_officers_saw() {
    // Messages officers reported before the reader was rewritten.
    for seen in
        ["cần số nguyên whole number from 0", "cần chuỗi ký tự string", "(null) value", "quá 0.05 điểm", "Tỷ lệ 75.5"]
    {
        assert!(!vietnamese_problems(seen).is_empty(), "{seen}");
    }
    for fine in [
        "tối đa 9.007.199.254.740.991",
        "giá trị 75,5",
        "Giá trị \"six-month\" không hợp lệ",
        "Dữ liệu không phải JSON hợp lệ (dòng 1, cột 5).",
    ] {
        assert!(vietnamese_problems(fine).is_empty(), "{fine}: {:?}", vietnamese_problems(fine));
    }
    assert!(!english_problems("Value is không hợp lệ").is_empty());
    assert!(english_problems("Unit \"Huyện Tam Đường\" is not expected.").is_empty());
}

/// A parse vector's case, run the way a host calls `parse_date` / `parse_number`:
/// the value, or the finding's code and problem.
fn parse_case(kind: &str, input: &str) -> Value {
    let result = match kind {
        "date" => binhdang::api::parse_date(input).map(|d| json!(d.iso())),
        _ => binhdang::api::parse_number(input).map(|x| json!(x)),
    };
    match result {
        Ok(v) => json!({"expected": v}),
        Err(e) => {
            let f = &e.findings()[0];
            json!({"finding": {"code": f.code, "problem": f.context["problem"]}})
        }
    }
}

#[test]
fn parse_vectors() {
    let mut errors = Vec::new();
    for (name, v) in vectors("tests/conformance/parse") {
        for case in v["cases"].as_array().unwrap() {
            let input = case["input"].as_str().unwrap();
            let mut expected = case.clone();
            expected.as_object_mut().unwrap().remove("input");
            common::matches(
                &expected,
                &parse_case(v["kind"].as_str().unwrap(), input),
                &format!("{name} {input:?}"),
                &mut errors,
            );
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// A publish vector's outcome: the withheld cells, sorted, and the published values by cell.
pub fn published(rows: &[binhdang::output::FigureRow]) -> Value {
    let key = |r: &binhdang::output::FigureRow| format!("{}|{}|{}|{}", r.entry, r.unit, r.indicator, r.sex);
    let mut withheld: Vec<String> = rows.iter().filter(|r| r.suppressed).map(key).collect();
    withheld.sort();
    let published: serde_json::Map<String, Value> =
        rows.iter().filter(|r| !r.suppressed).map(|r| (key(r), json!(r.value))).collect();
    json!({"withheld": withheld, "published": published})
}

#[test]
fn publish_vectors() {
    let mut errors = Vec::new();
    for (name, v) in vectors("tests/conformance/publish") {
        let plan = plan_input(&v).value.unwrap();
        let catalog = Catalog::builtin();
        let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
        let s = binhdang::aggregate::aggregate(&plan, &catalog, batch_inputs(&v), as_of);
        let t = binhdang::publish::published_tables(&s, &plan, &catalog);
        common::matches(&v["expected"], &published(&t.figures), &name, &mut errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The vectors of values a host builds (tests/conformance/native): here, as
/// a host that hands text gives them, the text of each that has one, with
/// the problem compared where the vector names it.
#[test]
fn native_vectors_as_text() {
    let all = vectors("tests/conformance/native");
    assert!(all.len() >= 6, "only {} vectors", all.len());
    let mut failed = Vec::new();
    let mut ran = 0;
    for (name, v) in &all {
        if v.get("report_text").is_none() {
            continue; // a cycle: no text holds one
        }
        ran += 1;
        let plan = plan_input(v).value.unwrap();
        let as_of = calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
        let found = validate::read_with(
            &plan,
            &Catalog::builtin(),
            report_input(v),
            as_of,
            Context { earlier: &[], batch: &[] },
            &limits(v),
        );
        let want = v["expected"].as_array().unwrap();
        let got: Vec<Value> = found
            .iter()
            .zip(want.iter().chain(std::iter::repeat(&Value::Null)))
            .map(|(f, w)| {
                let mut x = json!({"code": f.code, "severity": f.severity, "path": f.path});
                if w.get("problem").is_some() {
                    x["problem"] = f.context.get("problem").cloned().unwrap_or(Value::Null);
                }
                x
            })
            .collect();
        if got != *want {
            failed.push(format!("{name}: {}\n  expected {:?}\n  got      {:?}", v["description"], want, got));
        }
    }
    assert!(ran >= 5, "only {ran} vectors have text");
    assert!(failed.is_empty(), "{} vectors failed:\n{}", failed.len(), failed.join("\n"));
}

/// The vectors of tests/conformance/exchange: SDMX-CSV through the API a
/// host calls.
#[test]
fn exchange_vectors() {
    let all = vectors("tests/conformance/exchange");
    assert!(all.len() >= 2, "only {} vectors", all.len());
    let mut failed = Vec::new();
    for (name, v) in &all {
        let plan = match &v["plan"] {
            Value::String(path) => std::fs::read_to_string(root().join(path)).unwrap(),
            other => other.to_string(),
        };
        let as_of = binhdang::api::date(v["as_of"].as_str().unwrap()).unwrap();
        let publish = v["publish"].as_bool().unwrap();
        let text = binhdang::api::sdmx_csv(&plan, &report_texts(v), as_of, &limits(v), publish).unwrap();
        let errors = common::check_sdmx(&v["expected"], &text);
        if !errors.is_empty() {
            failed.push(format!("{name}: {}\n  {}", v["description"], errors.join("\n  ")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
