//! Excel forms through the command: `form` writes one, `validate` and
//! `aggregate` read filled ones beside JSON reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("binhdang").unwrap()
}

fn example(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lai-chau-2024").join(p)
}

fn validate_json(files: &[PathBuf]) -> Value {
    let out = bin()
        .args(["validate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .args(files)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The report as a filled form (as a person would have typed it), written to `dir`.
fn filled(name: &str, dir: &std::path::Path) -> PathBuf {
    let plan = binhdang::read::plan_from_str(&std::fs::read_to_string(example("plan.json")).unwrap()).value.unwrap();
    let text = std::fs::read_to_string(example(&format!("reports/{name}.json"))).unwrap();
    let report = binhdang::read::report_from_str(&text).value.unwrap();
    let entry = plan.reporting.entry_for(report.kind, &report.period).unwrap();
    let bytes =
        binhdang::excel::form_with(&plan, &binhdang::Catalog::builtin(), &report.unit, &entry.id, Some(&report))
            .unwrap();
    let path = dir.join(format!("{name}.xlsx"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn form_writes_a_workbook_and_refuses_what_the_plan_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("form.xlsx");
    bin()
        .args(["form", "--unit", "112", "--entry", "2024-annual", "--plan"])
        .arg(example("plan.json"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    assert!(binhdang::excel::is_workbook(&bytes));
    // Blank, it is a report without its date: the finding names the cell to fill.
    let v = validate_json(&[out]);
    let f = &v["reports"][0]["findings"][0];
    assert_eq!(f["path"], "/submitted");
    assert_eq!(f["context"]["cell"], "'Chỉ tiêu'!C7");
    let err = bin()
        .args(["form", "--unit", "nowhere", "--entry", "2024-annual", "--lang", "en", "--plan"])
        .arg(example("plan.json"))
        .arg("--out")
        .arg(dir.path().join("x.xlsx"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("Unit \"nowhere\" is not among the plan's reporting units."));
}

#[test]
fn a_filled_form_gets_the_findings_of_its_json_with_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = filled("2024-6m-106", dir.path());
    let v = validate_json(&[example("reports/2024-6m-106.json"), xlsx]);
    let codes = |r: &Value| {
        let mut c: Vec<String> =
            r["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect();
        c.sort();
        c
    };
    let (json, form) = (&v["reports"][0], &v["reports"][1]);
    assert!(codes(json).contains(&"sex_sum_mismatch".to_string()), "{json}");
    // The same findings, except that the later form replaces the JSON report.
    let mut want = codes(json);
    want.retain(|c| c != "duplicate_report");
    let mut got = codes(form);
    got.retain(|c| c != "duplicate_report");
    assert_eq!(got, want);
    for f in form["findings"].as_array().unwrap() {
        if f["path"].as_str().unwrap().starts_with("/values/") {
            let cell = f["context"]["cell"].as_str().unwrap_or_else(|| panic!("{f}"));
            assert!(cell.starts_with("'Chỉ tiêu'!"), "{cell}");
        }
    }
    let wrong = form["findings"].as_array().unwrap().iter().find(|f| f["code"] == "sex_sum_mismatch").unwrap();
    assert!(wrong["context"]["cell"].as_str().unwrap().ends_with(&format!("!F{}", row_of(&wrong["context"]["cell"]))));
}

fn row_of(cell: &Value) -> String {
    cell.as_str().unwrap().rsplit('!').next().unwrap().trim_start_matches(|c: char| c.is_ascii_alphabetic()).to_string()
}

#[test]
fn aggregate_takes_a_folder_of_forms_and_json_alike() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["2024-annual-112", "2024-annual-111"] {
        filled(name, dir.path());
    }
    std::fs::copy(example("reports/2024-annual-110.json"), dir.path().join("2024-annual-110.json")).unwrap();
    let out = bin()
        .args(["aggregate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let accounting = v["accounting"].as_array().unwrap();
    assert_eq!(accounting.len(), 3, "{v}");
    // As from JSON: 110 and 111 (late) used, 112 rejected (its sums are wrong).
    let status = |unit: &str| accounting.iter().find(|o| o["unit"] == unit).unwrap()["status"].clone();
    assert_eq!((status("110"), status("111"), status("112")), ("used".into(), "used".into(), "rejected".into()));
    let late = accounting.iter().find(|o| o["unit"] == "111").unwrap();
    assert_eq!(late["findings"][0]["context"]["cell"], "'Chỉ tiêu'!C7");
    // A file that is not a workbook, named .xlsx, is a finding like a bad .json.
    std::fs::write(dir.path().join("broken.xlsx"), b"PK\x03\x04 not really").unwrap();
    let v = validate_json(&[dir.path().join("broken.xlsx")]);
    assert_eq!(v["reports"][0]["findings"][0]["context"]["problem"], "not_a_workbook");
}

#[test]
fn aggregate_writes_the_summary_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for publish in [false, true] {
        let out = dir.path().join(format!("summary-{publish}.xlsx"));
        let mut cmd = bin();
        cmd.args(["aggregate", "--format", "xlsx", "--as-of", "2025-01-15", "--plan"])
            .arg(example("plan.json"))
            .arg("--out")
            .arg(&out)
            .arg(example("reports"));
        if publish {
            cmd.arg("--publish");
        }
        cmd.assert().success();
        assert!(binhdang::excel::is_workbook(&std::fs::read(&out).unwrap()));
    }
    // A workbook is not for the terminal.
    let err = bin()
        .args(["aggregate", "--format", "xlsx", "--lang", "en", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("--out name.xlsx"));
}

/// The vectors of tests/conformance/excel through the binary: `validate`
/// given the workbook's file, the host's limits as `--limits`.
#[test]
fn excel_vectors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("tests/conformance/excel"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "only {} vectors", names.len());
    let mut failed = Vec::new();
    for path in names {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut cmd = bin();
        cmd.args(["validate", "--format", "json", "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(dir.join(v["plan"].as_str().unwrap()));
        if let Some(l) = v.get("limits") {
            cmd.args(["--limits", &l.to_string()]);
        }
        let out = cmd.arg(dir.join(v["workbook"].as_str().unwrap())).output().unwrap();
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        let brief: Vec<Value> = got["reports"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let mut b = serde_json::json!({"code": f["code"], "severity": f["severity"], "path": f["path"]});
                for k in ["cell", "problem", "limit_name"] {
                    if let Some(x) = f["context"].get(k) {
                        b[k] = x.clone();
                    }
                }
                b
            })
            .collect();
        if Value::Array(brief.clone()) != v["expected"] {
            failed.push(format!("{}: expected {}\n  got {}", path.display(), v["expected"], Value::Array(brief)));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
