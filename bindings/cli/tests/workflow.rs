//! `binhdang workflow` and `aggregate --events` over every workflow vector,
//! the way a host that shells out would call them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../../core/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{root, vectors, workflow as w};
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("binhdang").unwrap()
}

fn example(p: &str) -> PathBuf {
    root().join("examples/lai-chau-2024").join(p)
}

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

/// Runs a vector through the binary: its output in the vector's shape.
fn run(v: &Value) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_file(v, dir.path());
    let as_of = v["as_of"].as_str().unwrap();
    let mode = v["mode"].as_str().unwrap();
    let input = dir.path().join("input.json");
    std::fs::write(&input, if mode == "transition" { w::step_text(v) } else { w::events_text(v) }).unwrap();
    let mut cmd = bin();
    match mode {
        "replay" | "transition" => {
            let what = if mode == "replay" { "replay" } else { "step" };
            cmd.args(["workflow", what, "--format", "json", "--as-of", as_of, "--plan"]).arg(&plan).arg(&input);
        }
        _ => {
            cmd.args(["aggregate", "--format", "json", "--as-of", as_of, "--plan"])
                .arg(&plan)
                .arg("--events")
                .arg(&input);
            for (i, r) in v["reports"].as_array().unwrap().iter().enumerate() {
                let p = dir.path().join(format!("r{i:03}.json"));
                std::fs::write(&p, r.to_string()).unwrap();
                cmd.arg(p);
            }
        }
    }
    let out = cmd.output().unwrap();
    let got: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let refused = got["findings"].as_array().is_some_and(|f| f.iter().any(|f| f["severity"] == "error"));
    match mode {
        "replay" => {
            // Exit status 1 exactly when an event is refused.
            assert_eq!(out.status.code(), Some(if refused { 1 } else { 0 }), "{}", v["description"]);
            w::replay_shape(&got)
        }
        "transition" => {
            assert_eq!(out.status.code(), Some(if got.get("event").is_some() { 0 } else { 1 }), "{}", v["description"]);
            w::transition_shape(&got)
        }
        _ => {
            assert_eq!(out.status.code(), Some(0), "{}", v["description"]);
            got
        }
    }
}

#[test]
fn workflow_vectors_through_the_binary() {
    let all = vectors("tests/conformance/workflow");
    let mut failed = Vec::new();
    for (name, v) in &all {
        let errors = w::differences(v, run(v));
        if !errors.is_empty() {
            failed.push(format!("{name}: {}", errors.join("; ")));
        }
    }
    assert!(failed.is_empty(), "{} of {} failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

#[test]
fn replay_as_text_in_both_languages() {
    let run = |lang: &str| {
        let out = bin()
            .args(["workflow", "replay", "--as-of", "30/6/2024", "--lang", lang, "--plan"])
            .arg(example("plan.json"))
            .arg(example("workflow/events.json"))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let vi = run("vi");
    assert!(vi.contains("Huyện Tam Đường (106): đã khóa — phiên bản 2, nộp ngày 10/6/2024"), "{vi}");
    assert!(vi.contains("Huyện Sìn Hồ (108): bị trả lại"), "{vi}");
    assert!(vi.contains("Đã xem lại 23 sự kiện: 23 được áp dụng, 0 không được chấp nhận."), "{vi}");
    let en = run("en");
    assert!(en.contains("Huyện Tam Đường (106): locked — version 2, submitted 2024-06-10"), "{en}");
    assert!(en.contains("Replayed 23 events: 23 applied, 0 refused."), "{en}");
}

#[test]
fn a_refused_step_says_why_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.json");
    // Tam Đường tries to accept its own report.
    std::fs::write(
        &request,
        r#"{"unit": "106", "entry": "2024-6m", "action": "accept", "by": "106", "date": "2024-06-05",
            "standing": {"state": "submitted", "version": 1, "submitted": "2024-06-04", "date": "2024-06-04"}}"#,
    )
    .unwrap();
    let out = bin()
        .args(["workflow", "step", "--as-of", "2024-12-31", "--lang", "en", "--plan"])
        .arg(example("plan.json"))
        .arg(&request)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Refused:"), "{text}");
    assert!(
        text.contains("Only the standing agency \"Sở Lao động - Thương binh và Xã hội\" may accept a report"),
        "{text}"
    );
    assert!(text.contains("[not_permitted]"), "{text}");
}

#[test]
fn the_lai_chau_summary_with_its_log() {
    let mut cmd = bin();
    cmd.args(["aggregate", "--as-of", "2024-06-30", "--plan"])
        .arg(example("plan.json"))
        .arg("--events")
        .arg(example("workflow/events.json"));
    for e in std::fs::read_dir(example("reports")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_string_lossy().starts_with("2024-6m-") {
            cmd.arg(p);
        }
    }
    cmd.arg(example("workflow/2024-6m-106-v2.json"));
    let text = String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap();
    assert!(
        text.contains(
            "Trạng thái báo cáo: nháp (chưa nộp) 7; chờ duyệt 1; bị trả lại 1; đã duyệt 1; đã khóa 4; được mở lại 1"
        ),
        "{text}"
    );
    assert!(text.contains("  bị trả lại: Huyện Sìn Hồ"), "{text}");
    // The corrected version is the one used: nothing disagrees.
    assert!(text.contains("1 bị thay thế") && !text.contains("phiên bản hiện hành"), "{text}");
}

#[test]
fn an_events_file_that_cannot_be_opened_is_trouble() {
    bin()
        .args(["workflow", "replay", "--as-of", "2024-12-31", "--plan"])
        .arg(example("plan.json"))
        .arg(example("workflow/khong-co.json"))
        .assert()
        .code(2);
}

/// The outputs docs/workflow.md quotes are what the commands print: every
/// line of its `text` blocks (but "...") comes out of the worked example.
#[test]
fn the_worked_example_in_the_docs_is_what_the_commands_print() {
    let doc = std::fs::read_to_string(root().join("docs/workflow.md")).unwrap();
    // The request the page shows, as `workflow step` takes it.
    let request = doc.split("```json\n").nth(2).unwrap().split("```").next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("return.json");
    std::fs::write(&file, request).unwrap();
    let printed = |cmd: &mut Command| String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    let mut all = printed(
        bin().args(["workflow", "step", "--as-of", "2024-06-30", "--plan"]).arg(example("plan.json")).arg(&file),
    );
    all += &printed(
        bin()
            .args(["workflow", "replay", "--as-of", "30/6/2024", "--plan"])
            .arg(example("plan.json"))
            .arg(example("workflow/events.json")),
    );
    let six_month: Vec<PathBuf> = std::fs::read_dir(example("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("2024-6m-"))
        .collect();
    for with_v2 in [true, false] {
        let mut cmd = bin();
        cmd.args(["aggregate", "--as-of", "30/6/2024", "--plan"])
            .arg(example("plan.json"))
            .arg("--events")
            .arg(example("workflow/events.json"))
            .args(&six_month);
        if with_v2 {
            cmd.arg(example("workflow/2024-6m-106-v2.json"));
        }
        all += &printed(&mut cmd);
    }
    let quoted: Vec<&str> = doc
        .split("```text\n")
        .skip(1)
        .flat_map(|b| b.split("```").next().unwrap().lines())
        .map(|l| l.trim_start_matches("   ").trim_end())
        .filter(|l| l.trim() != "...")
        .collect();
    assert!(quoted.len() >= 10, "{quoted:?}");
    for line in quoted {
        assert!(all.contains(line), "docs/workflow.md quotes a line the commands do not print:\n{line}\n\n{all}");
    }
}
