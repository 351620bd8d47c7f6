//! Shared by the Rust and the CLI conformance runners: where vectors are,
//! and the vector language's comparison.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use serde_json::Value;

pub mod workflow;

/// The repository root: the nearest folder above the crate that holds the vectors.
pub fn root() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    crate_dir.ancestors().find(|d| d.join("tests/conformance").is_dir()).map(Path::to_path_buf).unwrap_or(crate_dir)
}

pub fn vectors(dir: &str) -> Vec<(String, Value)> {
    let mut out: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), load(&p)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

pub fn load(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The vector language's comparison: expected objects are subsets of the
/// actual ones, arrays match element by element, numbers within 1e-9.
pub fn matches(expected: &Value, actual: &Value, at: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                matches(ev, a.get(k).unwrap_or(&Value::Null), &format!("{at}/{k}"), errors);
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{at}/{i}"), errors);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() > 1e-9 * e.abs().max(a.abs()).max(1.0) {
                errors.push(format!("{at}: expected {e}, got {a}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => errors.push(format!("{at}: expected {e}, got {a}")),
    }
}

/// A summary (as JSON) in the shape vectors address: periods by entry id,
/// figures by "unit|indicator", progress by "indicator|year".
/// A figure's key in a vector: `unit|indicator`, and for a cell of a
/// breakdown `|dimension=code,...` in the dimensions' order.
pub fn figure_key(f: &Value) -> String {
    let mut key = format!("{}|{}", f["unit"].as_str().unwrap(), f["indicator"].as_str().unwrap());
    if let Some(by) = f["by"].as_object().filter(|b| !b.is_empty()) {
        let cells: Vec<String> = by.iter().map(|(d, c)| format!("{d}={}", c.as_str().unwrap())).collect();
        key = format!("{key}|{}", cells.join(","));
    }
    key
}

pub fn keyed(summary: Value) -> Value {
    let mut s = summary;
    let mut periods = serde_json::Map::new();
    for p in s["periods"].as_array().unwrap().clone() {
        let mut p = p;
        let figures: serde_json::Map<String, Value> =
            p["figures"].as_array().unwrap().iter().map(|f| (figure_key(f), f.clone())).collect();
        let progress: serde_json::Map<String, Value> = p["progress"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                // A unit's own target: `indicator|year|unit`.
                let key = format!("{}|{}", g["indicator"].as_str().unwrap(), g["year"]);
                (g["unit"].as_str().map_or(key.clone(), |u| format!("{key}|{u}")), g.clone())
            })
            .collect();
        p["figures"] = Value::Object(figures);
        p["progress"] = Value::Object(progress);
        periods.insert(p["entry"].as_str().unwrap().to_string(), p);
    }
    s["periods"] = Value::Object(periods);
    s
}

/// Compares a summary (JSON) with a vector's `expected`, `absent` included.
pub fn check_summary(expected: &Value, summary: Value) -> Vec<String> {
    let actual = keyed(summary);
    let mut expected = expected.clone();
    let mut errors = Vec::new();
    if let Some(periods) = expected["periods"].as_object_mut() {
        for (entry, p) in periods.iter_mut() {
            if let Some(absent) = p.as_object_mut().and_then(|o| o.remove("absent")) {
                for key in absent.as_array().unwrap().iter().filter_map(Value::as_str) {
                    if actual["periods"][entry]["figures"].get(key).is_some() {
                        errors.push(format!("/periods/{entry}/figures/{key}: expected no figure"));
                    }
                }
            }
        }
    }
    matches(&expected, &actual, "", &mut errors);
    errors
}

/// The text of a report given as `report_text_repeat`.
pub fn repeat_text(r: &Value) -> String {
    let times = r["times"].as_u64().unwrap() as usize;
    format!(
        "{}{}{}",
        r["prefix"].as_str().unwrap(),
        r["repeat"].as_str().unwrap().repeat(times),
        r["suffix"].as_str().unwrap()
    )
}

/// Each report of a validation or aggregation vector as the text a host
/// passes: `report_text`, `report_text_repeat`, `report` (as JSON text), or
/// `reports` (entries marked in `reports_as_text` are text already).
pub fn report_texts(v: &Value) -> Vec<String> {
    if let Some(t) = v["report_text"].as_str() {
        return vec![t.to_string()];
    }
    if let Some(r) = v.get("report_text_repeat") {
        return vec![repeat_text(r)];
    }
    if let Some(r) = v.get("report") {
        return vec![r.to_string()];
    }
    let as_text = v["reports_as_text"].as_array().cloned().unwrap_or_default();
    v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| match (as_text.get(i).and_then(Value::as_bool), r) {
            (Some(true), Value::String(t)) => t.clone(),
            _ => r.to_string(),
        })
        .collect()
}

/// The brief form vectors expect of findings: code, severity, path.
pub fn brief(findings: &Value) -> Value {
    Value::Array(
        findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| serde_json::json!({"code": f["code"], "severity": f["severity"], "path": f["path"]}))
            .collect(),
    )
}

/// An `exchange/` vector's check of SDMX-CSV text: the header whole, the
/// observations named (a subset of their columns), the absent ones absent.
/// An observation's key: REF_AREA|INDICATOR|TIME_PERIOD|SEX, then
/// `|dimension=code` for each breakdown column not `_T`.
pub fn check_sdmx(expected: &Value, text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    if Value::from(header.clone()) != expected["header"] {
        errors.push(format!("header: expected {}, got {header:?}", expected["header"]));
    }
    let fixed = ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX"];
    let tail = ["OBS_VALUE", "UNIT_MEASURE", "SERIES", "OBS_STATUS", "REPORTS"];
    let mut observations = std::collections::BTreeMap::new();
    for line in lines {
        let row: std::collections::BTreeMap<&str, &str> = header.iter().copied().zip(line.split(',')).collect();
        let mut key = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX"].map(|c| row[c]).join("|");
        for (c, v) in &row {
            if !fixed.contains(c) && !tail.contains(c) && *v != "_T" {
                key.push_str(&format!("|{}={v}", c.to_lowercase()));
            }
        }
        observations.insert(key, row);
    }
    for (key, want) in expected["observations"].as_object().unwrap() {
        match observations.get(key.as_str()) {
            None => errors.push(format!("no observation {key}")),
            Some(row) => {
                for (col, v) in want.as_object().unwrap() {
                    if row.get(col.as_str()).copied() != v.as_str() {
                        errors.push(format!("{key} {col}: expected {v}, got {:?}", row.get(col.as_str())));
                    }
                }
            }
        }
    }
    for key in expected["absent"].as_array().unwrap() {
        if observations.contains_key(key.as_str().unwrap()) {
            errors.push(format!("{key} must be absent"));
        }
    }
    errors
}
