//! The workflow vectors (tests/conformance/workflow): their inputs as a
//! host passes them, and the comparison every runner makes.

use serde_json::{json, Value};

use super::{brief, check_summary, root};

/// The log of a vector as text: `events_text` as is, `events` as JSON, or
/// `events` naming a file from the repository root.
pub fn events_text(v: &Value) -> String {
    if let Some(t) = v["events_text"].as_str() {
        return t.to_string();
    }
    match &v["events"] {
        Value::String(path) => std::fs::read_to_string(root().join(path)).unwrap(),
        other => other.to_string(),
    }
}

/// The step of a `transition` vector as text.
pub fn step_text(v: &Value) -> String {
    match v["step_text"].as_str() {
        Some(t) => t.to_string(),
        None => v["step"].to_string(),
    }
}

/// A replay (as JSON) in the shape `expected` has: standings whole, the
/// refused indexes, findings brief.
pub fn replay_shape(replay: &Value) -> Value {
    json!({
        "standings": replay["standings"],
        "refused": replay.get("refused").cloned().unwrap_or_else(|| json!([])),
        "findings": brief(&replay["findings"]),
    })
}

/// A transition's outcome (as JSON: the transition, or `{"findings": [...]}`)
/// in the shape `expected` has.
pub fn transition_shape(outcome: &Value) -> Value {
    match outcome.get("event") {
        Some(event) => json!({"standing": outcome["standing"], "event": event}),
        None => json!({"findings": brief(&outcome["findings"])}),
    }
}

/// What differs between a vector's `expected` and what a runner got: for
/// `replay` and `transition` the shapes above, equal; for `aggregate` the
/// summary, by the vector language's comparison.
pub fn differences(v: &Value, got: Value) -> Vec<String> {
    match v["mode"].as_str().unwrap() {
        "aggregate" => {
            // A summary leaves out `findings` when it has none.
            let mut got = got;
            if got.get("findings").is_none() {
                got["findings"] = json!([]);
            }
            check_summary(&v["expected"], got)
        }
        _ if got == v["expected"] => Vec::new(),
        _ => vec![format!("expected {}\n  got      {got}", v["expected"])],
    }
}

/// A vector's plan, read (a path from the repository root, or inline).
fn plan(v: &Value) -> binhdang::Plan {
    let read = match &v["plan"] {
        Value::String(path) => binhdang::read::plan_from_str(&std::fs::read_to_string(root().join(path)).unwrap()),
        inline => binhdang::read::plan_from_value(inline.clone()),
    };
    read.value.unwrap_or_else(|| panic!("the vector's plan does not read: {:?}", read.findings))
}

/// Runs a vector through the Rust API, as a host would (text in): what it
/// gives in the vector's shape, and every finding it gives, whole.
pub fn run(v: &Value) -> (Value, Vec<binhdang::Finding>) {
    use binhdang::workflow;
    let plan = plan(v);
    let as_of = binhdang::calendar::parse_iso(v["as_of"].as_str().unwrap()).unwrap();
    let limits = binhdang::read::Limits::default();
    match v["mode"].as_str().unwrap() {
        "replay" => {
            let log = workflow::read_events(&events_text(v), &limits);
            let replay = workflow::replay(&plan, &log, as_of);
            (replay_shape(&serde_json::to_value(&replay).unwrap()), replay.findings)
        }
        "transition" => match workflow::transition_text(&plan, &step_text(v), as_of, &limits) {
            Ok(t) => (transition_shape(&serde_json::to_value(&t).unwrap()), t.findings),
            Err(findings) => (transition_shape(&json!({ "findings": findings })), findings),
        },
        "aggregate" => {
            let reports: Vec<String> = v["reports"].as_array().unwrap().iter().map(Value::to_string).collect();
            let inputs = binhdang::read::reports_from_strs(&reports, &limits);
            let mut summary = binhdang::aggregate::aggregate(&plan, &binhdang::Catalog::builtin(), inputs, as_of);
            workflow::add_states(&mut summary, &plan, &workflow::read_events(&events_text(v), &limits));
            let findings = summary.findings.clone();
            (serde_json::to_value(&summary).unwrap(), findings)
        }
        other => panic!("unknown mode {other}"),
    }
}

/// Findings for every sentence the workflow can say, beyond what the vectors
/// give: each way a stored standing can be impossible, a version past the
/// last number, a summary missing the current version.
pub fn message_variants() -> Vec<binhdang::Finding> {
    use binhdang::workflow::{self, Action, Standing, State, Step};
    let text = std::fs::read_to_string(root().join("examples/lai-chau-2024/plan.json")).unwrap();
    let plan = binhdang::read::plan_from_str(&text).value.unwrap();
    let day = |t: &str| binhdang::calendar::parse_iso(t).unwrap();
    let as_of = day("2024-12-31");
    let standing = |state, version, submitted: Option<&str>, date: Option<&str>, reason: Option<&str>| Standing {
        state,
        version,
        submitted: submitted.map(day),
        date: date.map(day),
        reason: reason.map(str::to_string),
    };
    let stored = [
        standing(State::Draft, 0, Some("2024-06-04"), Some("2024-06-04"), Some("x")),
        standing(State::Submitted, 0, None, None, None),
        standing(State::Submitted, 1, Some("2024-06-04"), Some("2024-06-05"), None),
        standing(State::Submitted, u32::MAX, Some("2024-06-04"), Some("2024-06-04"), None),
    ];
    let mut out = Vec::new();
    for s in stored {
        let request = Step {
            unit: "106".into(),
            entry: "2024-6m".into(),
            action: Action::Submit,
            by: "106".into(),
            date: day("2024-06-10"),
            version: None,
            reason: None,
            standing: Some(s),
        };
        out.extend(workflow::transition(&plan, &request, as_of).unwrap_err());
    }
    // The workflow has a version the summary was not given.
    let log = workflow::read_events(
        r#"[{"unit": "105", "entry": "2024-6m", "action": "submit", "by": "105", "date": "2024-06-05", "version": 1}]"#,
        &binhdang::read::Limits::default(),
    );
    let mut summary = binhdang::aggregate::aggregate(&plan, &binhdang::Catalog::builtin(), Vec::new(), as_of);
    workflow::add_states(&mut summary, &plan, &log);
    out.extend(summary.findings);
    let problems: std::collections::BTreeSet<&str> =
        out.iter().filter_map(|f| f.context.get("problem").and_then(Value::as_str)).collect();
    assert_eq!(
        problems.into_iter().collect::<Vec<_>>(),
        ["date_not_submitted", "missing", "no_version", "not_in_draft"],
        "{out:?}"
    );
    assert!(out.iter().any(|f| f.code == binhdang::Code::VersionMismatch && !f.context.contains_key("expected")));
    assert!(out.iter().any(|f| f.code == binhdang::Code::StateMismatch && !f.context.contains_key("used")));
    out
}
