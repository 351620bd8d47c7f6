//! Runs every vector in tests/conformance/workflow through the Rust API: the
//! life of a report (allowed, refused with the reason, replayed from a log).
//! The CLI runs the same files (bindings/cli/tests/workflow.rs); see
//! tests/conformance/README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use binhdang::workflow::{self, Action, EventLog, ReportEvent, Standing, State, Step};
use binhdang::{calendar, read, Code, Date};
use common::{root, vectors, workflow as vectors_of};

#[test]
fn workflow_vectors() {
    let all = vectors("tests/conformance/workflow");
    assert!(all.len() >= 30, "only {} vectors", all.len());
    let mut failed = Vec::new();
    for (name, v) in &all {
        let (got, _) = vectors_of::run(v);
        let errors = vectors_of::differences(v, got);
        if !errors.is_empty() {
            failed.push(format!("{name}: {}\n  {}", v["description"], errors.join("\n  ")));
        }
    }
    assert!(failed.is_empty(), "{} of {} vectors failed:\n{}", failed.len(), all.len(), failed.join("\n"));
}

/// Every code the workflow gives has a vector, and every mode is used.
#[test]
fn every_workflow_code_has_a_vector() {
    let text: String = vectors("tests/conformance/workflow").iter().map(|(_, v)| v.to_string()).collect();
    let codes = [
        Code::UnknownEntry,
        Code::UnknownUnit,
        Code::ReportNotExpected,
        Code::NotPermitted,
        Code::TransitionNotAllowed,
        Code::ReasonRequired,
        Code::VersionMismatch,
        Code::DateBeforePrevious,
        Code::FutureEvent,
        Code::SubmittedBeforePeriodStart,
        Code::CorrectionSameDay,
        Code::StandingInconsistent,
        Code::StateMismatch,
        Code::Malformed,
    ];
    let missing: Vec<_> = codes.iter().filter(|c| !text.contains(&format!("\"code\":\"{}\"", c.as_str()))).collect();
    assert!(missing.is_empty(), "workflow codes without a vector: {missing:?}");
    for mode in ["replay", "transition", "aggregate"] {
        assert!(text.contains(&format!("\"mode\":\"{mode}\"")), "no {mode} vector");
    }
}

fn day(text: &str) -> Date {
    calendar::parse_iso(text).unwrap()
}

fn lai_chau() -> binhdang::Plan {
    let text = std::fs::read_to_string(root().join("examples/lai-chau-2024/plan.json")).unwrap();
    read::plan_from_str(&text).value.unwrap()
}

#[test]
fn the_table_of_transitions_is_what_each_state_allows() {
    // Every state but a draft is reached by some transition, and every state allows something.
    for s in State::ALL {
        assert!(!s.allowed().is_empty(), "{s:?} is a dead end");
        if *s != State::Draft {
            assert!(workflow::TRANSITIONS.iter().any(|(_, _, to)| to == s), "{s:?} cannot be reached");
        }
    }
    assert_eq!(State::Draft.allowed(), [Action::Submit]);
    assert_eq!(State::Locked.allowed(), [Action::Reopen]);
    assert_eq!(State::Accepted.after(Action::Submit), None, "an accepted version is frozen");
    // Each (state, action) appears once: the table is a function.
    let mut seen = std::collections::BTreeSet::new();
    for (from, action, _) in workflow::TRANSITIONS {
        assert!(seen.insert((*from, *action)), "{from:?} {action:?} twice");
    }
}

#[test]
fn a_transition_gives_the_event_that_replays_to_the_same_standing() {
    // Step by step with `transition`, then the events replayed: the same standing.
    let plan = lai_chau();
    let as_of = day("2024-12-31");
    let steps = [
        ("106", Action::Submit, "2024-06-04", None),
        ("so-ldtbxh", Action::Return, "2024-06-06", Some("Sai tổng số học viên.")),
        ("106", Action::Submit, "2024-06-10", None),
        ("so-ldtbxh", Action::Accept, "2024-06-12", None),
        ("so-ldtbxh", Action::Lock, "2024-06-20", None),
        ("so-ldtbxh", Action::Reopen, "2024-06-25", Some("Bổ sung số liệu.")),
    ];
    let mut standing = Standing::draft();
    let mut events: Vec<ReportEvent> = Vec::new();
    for (by, action, date, reason) in steps {
        let request = Step {
            unit: "106".into(),
            entry: "2024-6m".into(),
            action,
            by: by.into(),
            date: day(date),
            version: None,
            reason: reason.map(str::to_string),
            standing: Some(standing.clone()),
        };
        let t = workflow::transition(&plan, &request, as_of).unwrap();
        assert!(t.findings.is_empty());
        standing = t.standing;
        events.push(t.event);
    }
    assert_eq!((standing.state, standing.version), (State::Reopened, 2));
    let replay = workflow::replay(&plan, &EventLog::from(events.clone()), as_of);
    assert!(replay.findings.is_empty(), "{:?}", replay.findings);
    assert_eq!(replay.standing("106", "2024-6m"), Some(&standing));
    assert_eq!(replay.events, 6);
    // The events as JSON text, read back: the same again (what a host's log holds).
    let text = serde_json::to_string(&events).unwrap();
    let again = workflow::replay(&plan, &workflow::read_events(&text, &read::Limits::default()), as_of);
    assert_eq!(again, replay);
}

#[test]
fn refused_transitions_change_nothing_and_say_why_in_both_languages() {
    let plan = lai_chau();
    let request = Step {
        unit: "106".into(),
        entry: "2024-6m".into(),
        action: Action::Accept,
        by: "so-ldtbxh".into(),
        date: day("2024-06-05"),
        version: None,
        reason: None,
        standing: None,
    };
    let found = workflow::transition(&plan, &request, day("2024-12-31")).unwrap_err();
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!((f.code, f.path.as_str()), (Code::TransitionNotAllowed, "/action"));
    assert_eq!(f.context["state"], "draft");
    assert_eq!(f.context["allowed"], serde_json::json!(["submit"]));
    assert!(f.message_vi.contains("nháp") && f.message_en.contains("draft"), "{f:?}");
}

#[test]
fn the_lai_chau_summary_shows_the_states() {
    // The worked example of docs/workflow.md: the six-month reports, the
    // corrected version of Tam Đường's, and the log, on 30/6/2024.
    let plan = lai_chau();
    let dir = root().join("examples/lai-chau-2024");
    let mut texts: Vec<String> = std::fs::read_dir(dir.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("2024-6m-"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.push(std::fs::read_to_string(dir.join("workflow/2024-6m-106-v2.json")).unwrap());
    let limits = read::Limits::default();
    let as_of = day("2024-06-30");
    let mut summary = binhdang::aggregate::aggregate(
        &plan,
        &binhdang::Catalog::builtin(),
        read::reports_from_strs(&texts, &limits),
        as_of,
    );
    let log = workflow::read_events(&std::fs::read_to_string(dir.join("workflow/events.json")).unwrap(), &limits);
    let before = summary.periods[0].completeness.clone();
    workflow::add_states(&mut summary, &plan, &log);
    assert!(summary.findings.is_empty(), "{:?}", summary.findings);
    let c = &summary.periods[0].completeness;
    // Only the states were added; timeliness is what it was.
    assert_eq!(
        (c.received, c.on_time, c.late, c.missing),
        (before.received, before.on_time, before.late, before.missing)
    );
    let states = c.states.as_ref().unwrap();
    let ids = |s: State| states[&s].iter().map(|u| u.as_str()).collect::<Vec<_>>();
    assert_eq!(ids(State::Locked), ["105", "106", "hoi-lhpn-tinh", "so-ldtbxh"]);
    assert_eq!(ids(State::Accepted), ["107"]);
    assert_eq!(ids(State::Returned), ["108"]);
    assert_eq!(ids(State::Submitted), ["110"]);
    assert_eq!(ids(State::Reopened), ["so-y-te"]);
    assert_eq!(states[&State::Draft].len(), 7);
    assert_eq!(states.values().map(Vec::len).sum::<usize>() as u32, c.expected);
    // Without the corrected version the summary says it used the wrong one.
    texts.pop();
    let mut stale = binhdang::aggregate::aggregate(
        &plan,
        &binhdang::Catalog::builtin(),
        read::reports_from_strs(&texts, &limits),
        as_of,
    );
    workflow::add_states(&mut stale, &plan, &log);
    let codes: Vec<_> = stale.findings.iter().map(|f| (f.code, f.context["unit"].as_str().unwrap())).collect();
    assert_eq!(codes, [(Code::StateMismatch, "106")]);
}

#[test]
fn without_events_the_summary_is_unchanged() {
    // No `states` key at all: existing outputs keep their bytes.
    let plan = lai_chau();
    let text = std::fs::read_to_string(root().join("examples/lai-chau-2024/reports/2024-6m-105.json")).unwrap();
    let s = binhdang::aggregate::aggregate(
        &plan,
        &binhdang::Catalog::builtin(),
        vec![read::report_from_str(&text)],
        day("2024-06-30"),
    );
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("\"states\""), "{json}");
}

#[test]
fn a_plan_check_names_an_unknown_reviewer() {
    let mut plan = lai_chau();
    plan.reporting.reviewer = Some("so-khong-co".into());
    let found = binhdang::validate::plan(&plan, &binhdang::Catalog::builtin());
    assert!(found.iter().any(|f| f.code == Code::PlanUnknownUnit && f.path == "/reporting/reviewer"), "{found:?}");
    plan.reporting.reviewer = None;
    assert_eq!(plan.reviewer().as_str(), "ban-vstbpn-tinh", "the issuer reviews when the plan names no reviewer");
}
