//! The built `binhdang` binary over the bundled data and every conformance vector.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../../core/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{brief, root, vectors};
use serde_json::{json, Value};

fn bin() -> Command {
    Command::cargo_bin("binhdang").unwrap()
}

fn example(p: &str) -> PathBuf {
    root().join("examples/lai-chau-2024").join(p)
}

#[test]
fn demo_shows_the_province_summary() {
    let out = bin().arg("demo").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Tổng số (130) không bằng số nữ (70) cộng số nam (55)."), "{text}");
    assert!(text.contains("Mức độ đầy đủ và tính kịp thời: đã nhận 11/15 đơn vị"));
    assert!(text.contains("Kinh phí theo nguồn"));
    assert!(text.contains("Thử tiếp:"));
    let en = bin().args(["demo", "--lang", "en"]).assert().success().get_output().stdout.clone();
    let en = String::from_utf8(en).unwrap();
    assert!(en.contains("Total (130) is not female (70) + male (55)."), "{en}");
    assert!(en.contains("Try next:"));
}

#[test]
fn validate_the_bundled_folder() {
    let assert = bin()
        .args(["validate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports"))
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 19);
    let codes = |file: &str| -> Vec<String> {
        let r = reports.iter().find(|r| r["file"].as_str().unwrap().ends_with(file)).unwrap();
        r["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
    };
    // The mistakes the folder's README lists, file by file.
    assert_eq!(codes("2024-6m-106.json"), ["sex_sum_mismatch"]);
    assert_eq!(codes("2024-6m-107.json"), ["late_submission"]);
    assert_eq!(codes("2024-6m-108.json"), ["period_mismatch"]);
    assert_eq!(codes("2024-annual-109.json"), ["unknown_indicator"]);
    assert_eq!(codes("2024-annual-111.json"), ["late_submission"]);
    assert_eq!(
        codes("2024-annual-112.json"),
        ["numerator_exceeds_denominator", "breakdown_sum_mismatch", "breakdown_sum_mismatch"]
    );
    assert_eq!(reports.iter().filter(|r| r["findings"].as_array().unwrap().is_empty()).count(), 13);
    let f = &reports.iter().find(|r| r["file"].as_str().unwrap().ends_with("2024-6m-106.json")).unwrap()["findings"][0];
    for key in ["code", "severity", "path", "message_vi", "message_en"] {
        assert!(f.get(key).is_some(), "{key}");
    }
}

#[test]
fn exit_status_zero_when_clean() {
    bin()
        .args(["validate", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports/2024-6m-105.json"))
        .assert()
        .code(0);
}

#[test]
fn a_missing_file_is_named_accounted_for_and_the_others_still_run() {
    let assert = bin()
        .args(["validate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports/khong-co.json"))
        .arg(example("reports/2024-6m-105.json"))
        .assert()
        .code(2);
    let out = assert.get_output();
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("khong-co.json"));
    // The missing file is still accounted for: rejected, with a finding that says why.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["status"], "rejected");
    assert_eq!(reports[0]["findings"][0]["context"]["problem"], "not_found");
    assert_eq!(reports[1]["status"], "used");
}

#[test]
fn a_report_that_is_not_json_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bao-cao.json");
    std::fs::write(&bad, "báo cáo 6 tháng").unwrap();
    let assert = bin()
        .args(["validate", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(&bad)
        .assert()
        .code(1);
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(text.contains("bao-cao.json") && text.contains("không phải JSON hợp lệ"), "{text}");
}

#[test]
fn usage_and_plan_trouble_exit_2() {
    bin().args(["validate"]).assert().code(2);
    bin().args(["validate", "--plan", "/khong/co/plan.json", "x.json"]).assert().code(2);
    bin()
        .args(["validate", "--as-of", "30/2/2025", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports"))
        .assert()
        .code(2);
    bin().args(["schema", "khong-co"]).assert().code(2);
}

#[test]
fn aggregate_writes_csv_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop.csv");
    bin()
        .args(["aggregate", "--as-of", "15/1/2025", "--format", "csv", "--plan"])
        .arg(example("plan.json"))
        .arg("--out")
        .arg(&out)
        .arg(example("reports"))
        .assert()
        .success();
    let csv = std::fs::read_to_string(out).unwrap();
    // A column per dimension of the example's breakdowns after `indicator`.
    assert!(csv.starts_with("entry,kind,period_from,period_to,unit,unit_name,indicator,age,ethnicity,sex,value"));
    assert!(
        csv.contains("2024-annual,annual,2023-12-15,2024-12-14,12,Tỉnh Lai Châu,people_reached,,,_T,41970,,,9"),
        "{csv}"
    );
}

#[test]
fn schema_and_catalog() {
    let out = bin().args(["schema", "report"]).assert().success().get_output().stdout.clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let text = String::from_utf8(bin().arg("catalog").assert().success().get_output().stdout.clone()).unwrap();
    // MT5.1 is seen only in an English summary.
    let mt51 = text.lines().skip_while(|l| !l.starts_with("nq28-mt5-1")).nth(1).unwrap();
    assert!(mt51.contains("CHƯA XÁC NHẬN"), "{mt51}");
    let json: Value =
        serde_json::from_slice(&bin().args(["catalog", "--format", "json"]).assert().success().get_output().stdout)
            .unwrap();
    assert!(json["indicators"].as_array().unwrap().len() > 20);
}

// ---- conformance vectors through the binary ----

/// Writes a vector's plan (path or inline) and returns its path.
fn plan_file(v: &Value, dir: &Path) -> PathBuf {
    match &v["plan"] {
        Value::String(p) => root().join(p),
        inline => {
            let p = dir.join("plan.json");
            std::fs::write(&p, inline.to_string()).unwrap();
            p
        }
    }
}

/// Writes the reports of a vector, one file each, in order.
fn report_files(v: &Value, dir: &Path) -> Vec<PathBuf> {
    common::report_texts(v)
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = dir.join(format!("r{i:03}.json"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect()
}

fn run_validate_vector(v: &Value) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_file(v, dir.path());
    if v["mode"] == "plan" {
        let out = bin().arg("check-plan").arg(&plan).args(["--format", "json"]).output().unwrap();
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        return brief(&got["findings"]);
    }
    let files = report_files(v, dir.path());
    let mut cmd = bin();
    cmd.args(["validate", "--format", "json", "--as-of", v["as_of"].as_str().unwrap(), "--plan"]).arg(&plan);
    for (i, r) in v["context"]["earlier"].as_array().cloned().unwrap_or_default().iter().enumerate() {
        let p = dir.path().join(format!("earlier{i}.json"));
        std::fs::write(&p, r.to_string()).unwrap();
        cmd.arg("--context").arg(p);
    }
    if let Some(l) = v.get("limits") {
        cmd.arg("--limits").arg(l.to_string());
    }
    let out = cmd.args(&files).output().unwrap();
    let got: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let reports = got["reports"].as_array().unwrap();
    // Exit status: 1 exactly when some report has an error.
    let any_error = reports.iter().flat_map(|r| r["findings"].as_array().unwrap()).any(|f| f["severity"] == "error");
    assert_eq!(out.status.code(), Some(if any_error { 1 } else { 0 }), "{}", v["description"]);
    if v["mode"] == "batch" {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        Value::Array(
            reports
                .iter()
                .map(|r| {
                    let mut x = json!({"status": r["status"], "findings": brief(&r["findings"])});
                    if let Some(by) = r["superseded_by"].as_str() {
                        x["superseded_by"] = json!(names.iter().position(|n| n == by).unwrap());
                    }
                    if let Some(left) = r.get("left_out") {
                        x["left_out"] = left.clone();
                    }
                    x
                })
                .collect(),
        )
    } else {
        brief(&reports[0]["findings"])
    }
}

#[test]
fn validate_vectors_through_the_binary() {
    let mut failed = Vec::new();
    let all = vectors("tests/conformance/validate");
    for (name, v) in &all {
        let got = run_validate_vector(v);
        if got != v["expected"] {
            failed.push(format!("{name}\n  expected {}\n  got      {got}", v["expected"]));
        }
    }
    assert!(failed.is_empty(), "{} of {} failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

/// The vectors of values a host builds, as text (those that have one): the
/// findings brief, with the problem where the vector names it.
#[test]
fn native_vectors_as_text_through_the_binary() {
    let mut failed = Vec::new();
    let all: Vec<_> =
        vectors("tests/conformance/native").into_iter().filter(|(_, v)| v.get("report_text").is_some()).collect();
    assert!(all.len() >= 5, "only {} vectors with text", all.len());
    for (name, v) in &all {
        let dir = tempfile::tempdir().unwrap();
        let files = report_files(v, dir.path());
        let out = bin()
            .args(["validate", "--format", "json", "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(plan_file(v, dir.path()))
            .args(&files)
            .output()
            .unwrap();
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        let want = v["expected"].as_array().unwrap();
        let found = got["reports"][0]["findings"].as_array().unwrap();
        let got: Vec<Value> = found
            .iter()
            .zip(want.iter().chain(std::iter::repeat(&Value::Null)))
            .map(|(f, w)| {
                let mut x = json!({"code": f["code"], "severity": f["severity"], "path": f["path"]});
                if w.get("problem").is_some() {
                    x["problem"] = f["context"]["problem"].clone();
                }
                x
            })
            .collect();
        if got != *want {
            failed.push(format!("{name}\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{} of {} failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

#[test]
fn limits_that_are_not_limits_stop_with_a_message() {
    let out = bin()
        .args(["validate", "--lang", "en", "--limits", r#"{"max_size": 5}"#, "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Invalid limits: Field \"max_size\" is not allowed here"), "{text}");
}

#[test]
fn aggregate_vectors_through_the_binary() {
    let mut failed = Vec::new();
    let all = vectors("tests/conformance/aggregate");
    for (name, v) in &all {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_file(v, dir.path());
        let files = report_files(v, dir.path());
        let out = bin()
            .args(["aggregate", "--format", "json", "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(&plan)
            .args(&files)
            .output()
            .unwrap();
        let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors = common::check_summary(&v["expected"], summary);
        if !errors.is_empty() {
            failed.push(format!("{name}: {}", errors.join("; ")));
        }
    }
    assert!(failed.is_empty(), "{} of {} failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

#[test]
fn publish_withholds_small_violence_counts() {
    let out = bin()
        .args(["aggregate", "--as-of", "2025-01-15", "--format", "csv", "--publish", "--plan"])
        .arg(example("plan.json"))
        .arg(example("reports"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    // Thành phố Lai Châu supported 2 victims in 2024: withheld, not printed.
    let row = csv
        .lines()
        .find(|l| l.starts_with("2024-annual,") && l.contains(",105,") && l.contains("victims_supported,,,_T"))
        .unwrap();
    assert!(row.ends_with(",true"), "{row}");
    assert!(row.contains(",_T,,"), "{row}");
    // Large counts are published as they are.
    assert!(csv.contains("2024-annual,annual,2023-12-15,2024-12-14,12,Tỉnh Lai Châu,people_reached,,,_T,41970,,,9,"));
    // So are its age bands: no small cell of victims by age is printed.
    for l in csv.lines().filter(|l| l.contains(",victims_supported,")) {
        let fields: Vec<&str> = l.split(',').collect();
        let value: Option<f64> = fields.get(10).and_then(|v| v.parse().ok());
        assert!(!value.is_some_and(|v| (1.0..5.0).contains(&v)), "{l}");
    }
}

#[test]
fn sample_writes_a_province_that_validates_and_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    bin().args(["sample", "--scale", "province", "--out"]).arg(dir.path()).assert().success();
    assert_eq!(std::fs::read_dir(dir.path().join("reports")).unwrap().count(), 98);
    let out = bin()
        .args(["aggregate", "--format", "json", "--as-of", "2026-12-20", "--plan"])
        .arg(dir.path().join("plan.json"))
        .arg(dir.path().join("reports"))
        .output()
        .unwrap();
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["periods"][1]["completeness"]["expected"], 49);
    assert_eq!(s["accounting"].as_array().unwrap().len(), 98);
    bin().args(["sample", "--scale", "lots", "--out"]).arg(dir.path()).assert().code(2);
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // `binhdang demo | head -1`: the reader goes away after one line.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("binhdang"))
        .arg("demo")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("Kế hoạch"), "{first}");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}

#[test]
fn every_file_is_accounted_for_by_name_even_one_not_in_utf8() {
    let dir = std::env::temp_dir().join(format!("binhdang-encoding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string(example("reports/2024-6m-105.json")).unwrap();
    std::fs::write(dir.join("a-good.json"), &good).unwrap();
    // The same report saved by a Windows editor as UTF-16 with its byte-order mark.
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(good.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("b-utf16.json"), utf16).unwrap();
    // A legacy code page: "Lai Châu" in windows-1258 bytes is not UTF-8.
    std::fs::write(dir.join("c-cp1258.json"), b"{\"plan\": \"Lai Ch\xe2u\"}").unwrap();
    let assert = bin()
        .args(["validate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(&dir)
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0]["status"], "used");
    for (r, encoding) in reports[1..].iter().zip(["UTF-16", ""]) {
        assert_eq!(r["status"], "rejected");
        let f = &r["findings"][0];
        assert_eq!((f["code"].as_str(), f["path"].as_str()), (Some("malformed"), Some("")));
        assert!(f["message_vi"].as_str().unwrap().contains("UTF-8"), "{f}");
        assert_eq!(f["context"]["problem"], "encoding");
        if !encoding.is_empty() {
            assert_eq!(f["context"]["encoding"], encoding);
        }
    }
    // The summary's accounting names every file.
    let out = bin()
        .args(["aggregate", "--format", "json", "--as-of", "2025-01-15", "--plan"])
        .arg(example("plan.json"))
        .arg(&dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s: Value = serde_json::from_slice(&out).unwrap();
    let sources: Vec<&str> =
        s["accounting"].as_array().unwrap().iter().map(|o| o["source"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 3);
    assert!(
        sources[0].ends_with("a-good.json")
            && sources[1].ends_with("b-utf16.json")
            && sources[2].ends_with("c-cp1258.json")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parse_vectors_through_the_binary() {
    for (name, v) in vectors("tests/conformance/parse") {
        let what = v["kind"].as_str().unwrap();
        for case in v["cases"].as_array().unwrap() {
            let input = case["input"].as_str().unwrap();
            let out = bin().args(["parse", what, "--format", "json", "--", input]).output().unwrap();
            let got: Value = serde_json::from_slice(&out.stdout).unwrap();
            let got = match got.get("value") {
                Some(value) => {
                    assert!(out.status.success(), "{name} {input:?}");
                    json!({"expected": value})
                }
                None => {
                    assert_eq!(out.status.code(), Some(1), "{name} {input:?}");
                    let f = &got["findings"][0];
                    json!({"finding": {"code": f["code"], "problem": f["context"]["problem"]}})
                }
            };
            let mut expected = case.clone();
            expected.as_object_mut().unwrap().remove("input");
            let mut errors = Vec::new();
            common::matches(&expected, &got, &format!("{name} {input:?}"), &mut errors);
            assert!(errors.is_empty(), "{errors:?}");
        }
    }
}

#[test]
fn a_new_plan_passes_check_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    bin()
        .args(["new-plan", "--province", "Lai Châu", "--code", "12", "--year", "2025", "--out"])
        .arg(&plan)
        .assert()
        .success();
    bin().args(["check-plan"]).arg(&plan).assert().code(0);
    // Another province, its units as CSV.
    let units = dir.path().join("units.csv");
    std::fs::write(&units, "id,name,kind,parent\nso-y-te,Sở Y tế,department,\nxa-a,Xã A,commune,11\n").unwrap();
    let out = bin()
        .args(["new-plan", "--province", "Điện Biên", "--code", "11", "--year", "2025", "--units"])
        .arg(&units)
        .assert()
        .success();
    let other = dir.path().join("other.json");
    std::fs::write(&other, &out.get_output().stdout).unwrap();
    bin().args(["check-plan", "--format", "json"]).arg(&other).assert().code(0);
    // A unit kind that does not exist: the finding names the row and the field.
    std::fs::write(&units, "id,name,kind,parent\nxa-a,Xã A,xa,11\n").unwrap();
    let err = bin()
        .args(["new-plan", "--province", "Điện Biên", "--code", "11", "--year", "2025", "--units"])
        .arg(&units)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&err.get_output().stderr).contains("/0/kind"));
}

#[test]
fn publish_vectors_through_the_binary() {
    for (name, v) in vectors("tests/conformance/publish") {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = bin();
        cmd.args(["aggregate", "--publish", "--format", "json", "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(root().join(v["plan"].as_str().unwrap()));
        for (i, r) in v["reports"].as_array().unwrap().iter().enumerate() {
            let path = dir.path().join(format!("{i:03}.json"));
            std::fs::write(&path, r.to_string()).unwrap();
            cmd.arg(path);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let t: Value = serde_json::from_slice(&out).unwrap();
        let key = |r: &Value| {
            format!(
                "{}|{}|{}|{}",
                r["entry"].as_str().unwrap(),
                r["unit"].as_str().unwrap(),
                r["indicator"].as_str().unwrap(),
                r["sex"].as_str().unwrap()
            )
        };
        let rows = t["figures"].as_array().unwrap();
        let mut withheld: Vec<String> = rows.iter().filter(|r| r["suppressed"] == true).map(key).collect();
        withheld.sort();
        let published: serde_json::Map<String, Value> =
            rows.iter().filter(|r| r["suppressed"] != true).map(|r| (key(r), r["value"].clone())).collect();
        let mut errors = Vec::new();
        common::matches(&v["expected"], &json!({"withheld": withheld, "published": published}), &name, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
    }
}

/// The text summary shows an indicator's breakdown under it, cell by cell,
/// named in the reader's language.
#[test]
fn the_text_summary_shows_the_breakdowns() {
    let (_, v) = vectors("tests/conformance/aggregate")
        .into_iter()
        .find(|(name, _)| name.contains("cells-added-up"))
        .expect("the breakdown vector");
    let dir = tempfile::tempdir().unwrap();
    let files = report_files(&v, dir.path());
    let run = |lang: &str| {
        let out = bin()
            .args(["aggregate", "--lang", lang, "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(plan_file(&v, dir.path()))
            .args(&files)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let vi = run("vi");
    let line = vi.lines().find(|l| l.contains("└ Dân tộc: Dân tộc thiểu số")).unwrap_or_else(|| panic!("{vi}"));
    let numbers: Vec<&str> = line.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
    assert_eq!(numbers, ["25", "19", "44", "2"], "{line}");
    let en = run("en");
    assert!(en.contains("└ Ethnic group: Kinh"), "{en}");
    // Kinh before the ethnic minorities, as the dimension lists them.
    assert!(en.find("└ Ethnic group: Kinh") < en.find("└ Ethnic group: Ethnic minorities"), "{en}");
}

/// Every `binhdang` line of the README's shell blocks runs as written (from a
/// folder of its own, the example paths made absolute): the commands a new
/// user copies cannot rot.
#[test]
fn the_readme_commands_run() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for block in readme.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap_or_default();
        for line in block.lines().filter(|l| l.starts_with("binhdang ")) {
            let command = line.split("   #").next().unwrap_or(line);
            let words = shlex::split(command).unwrap_or_else(|| panic!("not shell words: {line}"));
            let args: Vec<String> = words
                .iter()
                .skip(1)
                // Each word mapped once: a clone that itself lives under
                // /tmp must keep its example paths.
                .map(|w| match (w.strip_prefix("examples/"), w.strip_prefix("/tmp/")) {
                    (Some(_), _) => root.join(w).display().to_string(),
                    (None, Some(rest)) => dir.path().join(rest).display().to_string(),
                    (None, None) => w.clone(),
                })
                .collect();
            let out = Command::cargo_bin("binhdang").unwrap().current_dir(dir.path()).args(&args).output().unwrap();
            // validate exits 1 when a report has an error (the examples have some).
            let ok = out.status.code() == Some(0) || (args[0] == "validate" && out.status.code() == Some(1));
            assert!(ok, "{line}\n{}", String::from_utf8_lossy(&out.stderr));
            ran += 1;
        }
    }
    assert!(ran >= 12, "only {ran} README commands");
    // What the lines wrote is there.
    for written in [
        "112.xlsx",
        "summary.xlsx",
        "bao-cao-2024.docx",
        "plan.json",
        "warehouse/lai-chau-2024/figures.parquet",
        "12.json",
    ] {
        assert!(dir.path().join(written).is_file(), "{written} was not written");
    }
}

/// The vectors of tests/conformance/exchange through the binary:
/// `aggregate --format sdmx-csv` (with `--publish` where the vector says).
#[test]
fn exchange_vectors_through_the_binary() {
    let all = vectors("tests/conformance/exchange");
    assert!(all.len() >= 2);
    for (name, v) in all {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = bin();
        cmd.args(["aggregate", "--format", "sdmx-csv", "--as-of", v["as_of"].as_str().unwrap(), "--plan"])
            .arg(root().join(v["plan"].as_str().unwrap()));
        if v["publish"] == true {
            cmd.arg("--publish");
        }
        for (i, r) in v["reports"].as_array().unwrap().iter().enumerate() {
            let path = dir.path().join(format!("{i:03}.json"));
            std::fs::write(&path, r.to_string()).unwrap();
            cmd.arg(path);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let errors = common::check_sdmx(&v["expected"], &String::from_utf8(out).unwrap());
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

/// `binhdang upward` writes the report examples/national-2024 holds (the
/// same bytes the core's drift test makes), and names on standard error
/// every figure that stays at the province.
#[test]
fn upward_writes_the_example_report_and_names_what_stays() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("12.json");
    let run = bin()
        .args(["upward", "--plan"])
        .arg(root().join("examples/lai-chau-2024/plan.json"))
        .arg("--national")
        .arg(root().join("examples/national-2024/plan.json"))
        .args(["--as-of", "18/12/2024", "--entry", "2024-annual", "--submitted", "2024-12-19", "--lang", "en", "--out"])
        .arg(&out)
        .arg(root().join("examples/lai-chau-2024/reports"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let kept = std::fs::read_to_string(root().join("examples/national-2024/reports/2024-annual-12.json")).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), kept);
    let stderr = String::from_utf8(run.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(
        lines[0],
        "Not sent: \"du-an-8-tap-huan\": the national plan does not ask for this indicator; the figure stays with the province."
    );
    // A national entry the plan does not have: usage trouble, said in the person's language.
    let bad = bin()
        .args(["upward", "--plan"])
        .arg(root().join("examples/lai-chau-2024/plan.json"))
        .arg("--national")
        .arg(root().join("examples/national-2024/plan.json"))
        .args(["--as-of", "18/12/2024", "--entry", "2024-q3", "--submitted", "2024-12-19"])
        .arg(root().join("examples/lai-chau-2024/reports"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(bad.stderr).unwrap().trim(),
        "Kỳ báo cáo \"2024-q3\" không có trong lịch báo cáo của kế hoạch cấp trên."
    );
}

#[test]
fn the_consolidated_report_as_html_and_its_argument_errors() {
    let args = |extra: &[&str]| {
        let mut a: Vec<String> = ["aggregate", "--plan"].map(String::from).to_vec();
        a.push(example("plan.json").display().to_string());
        a.extend(["--as-of", "2025-01-15"].map(String::from));
        a.extend(extra.iter().map(|s| s.to_string()));
        a.push(example("reports").display().to_string());
        a
    };
    let out = bin().args(args(&["--format", "html", "--entry", "2024-6m"])).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("6 tháng đầu năm 2024"));
    // The six-month narrative of Sở LĐTBXH, under its unit's name.
    assert!(html.contains("<p class=\"b\">Sở Lao động - Thương binh và Xã hội</p>"));
    // An entry the summary lacks, --entry with another format, a Word file without --out: exit 2, said in Vietnamese.
    for (extra, said) in [
        (&["--format", "docx", "--out", "x.docx", "--entry", "2023-annual"][..], "2023-annual"),
        (&["--format", "csv", "--entry", "2024-6m"][..], "--entry"),
        (&["--format", "docx"][..], "--out"),
    ] {
        let out = bin().args(args(extra)).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(said), "{extra:?}");
    }
}
