//! The province's report to the national level (docs/upward.md), and the
//! national example made of such reports (examples/national-2024).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use binhdang::aggregate::{aggregate, Summary};
use binhdang::upward::{report_upward, Reason, Upward, UpwardError};
use binhdang::{read, Catalog, Date, Plan, Report};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn day(text: &str) -> Date {
    binhdang::calendar::parse_iso(text).unwrap()
}

fn plan(path: &str) -> Plan {
    read::plan_from_str(&std::fs::read_to_string(root().join(path)).unwrap()).value.unwrap()
}

fn reports(dir: &Path) -> Vec<read::Read<Report>> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| read::report_from_str(&std::fs::read_to_string(f).unwrap())).collect()
}

fn lai_chau(as_of: &str) -> (Plan, Summary) {
    let p = plan("examples/lai-chau-2024/plan.json");
    let s = aggregate(&p, &Catalog::builtin(), reports(&root().join("examples/lai-chau-2024/reports")), day(as_of));
    (p, s)
}

fn upward(entry: &str, as_of: &str, submitted: &str) -> Upward {
    let (p, s) = lai_chau(as_of);
    report_upward(&p, &Catalog::builtin(), &s, &plan("examples/national-2024/plan.json"), entry, day(submitted))
        .unwrap()
}

fn national() -> Plan {
    plan("examples/national-2024/plan.json")
}

/// The commands of examples/national-2024/README.md, through the library:
/// the checked-in reports of Lai Châu are what the engine makes of the
/// bundled province example, byte for byte.
#[test]
fn lai_chau_reports_upward_are_what_the_engine_makes() {
    for (entry, as_of, submitted) in
        [("2024-6m", "2024-06-18", "2024-06-19"), ("2024-annual", "2024-12-18", "2024-12-19")]
    {
        let made = serde_json::to_string_pretty(&upward(entry, as_of, submitted).report).unwrap() + "\n";
        let file = root().join(format!("examples/national-2024/reports/{entry}-12.json"));
        let kept = std::fs::read_to_string(&file).unwrap();
        assert!(made == kept, "{} differs from what `binhdang upward` makes now:\n{made}", file.display());
    }
}

#[test]
fn the_report_upward_passes_the_national_check_and_carries_the_province_figures() {
    let u = upward("2024-annual", "2024-12-18", "2024-12-19");
    let r = &u.report;
    assert_eq!((r.plan.as_str(), r.unit.as_str()), ("28/NQ-CP", "12"));
    assert_eq!(r.kind, binhdang::ReportKind::Annual);
    assert_eq!((r.period.from, r.period.to, r.submitted), (day("2023-12-15"), day("2024-12-14"), day("2024-12-19")));
    let found = binhdang::validate::report(&national(), &Catalog::builtin(), r, day("2024-12-20"), Default::default());
    assert!(found.is_empty(), "{found:?}");
    // Each value is the province's figure (at the root, 12) as the summary has it.
    let (_, s) = lai_chau("2024-12-18");
    let p = s.period("2024-annual").unwrap();
    let value = |id: &str| r.values.iter().find(|v| v.indicator.as_str() == id).unwrap();
    let people = p.figure("12", "people_reached").unwrap();
    assert_eq!(
        (value("people_reached").female, value("people_reached").male, value("people_reached").total),
        (people.counts.female, people.counts.male, people.counts.total)
    );
    // Percents go as numerator and denominator, never as a percent to average.
    let mt1 = value("nq28-mt1");
    assert_eq!(
        mt1.numerator.as_ref().unwrap().total,
        p.figure("12", "nq28-mt1").unwrap().numerator.as_ref().unwrap().total
    );
    assert_eq!(mt1.stated, None);
    // Cells of a breakdown go with their value; victims' exact counts go up (not withheld).
    let victims = value("victims_supported");
    assert_eq!(victims.total, binhdang::Count::new(13));
    assert_eq!(victims.cells.len(), 3);
    // The province's own indicator and the outputs the national plan does not ask for stay.
    let unsent: Vec<(&str, Reason)> = u.not_sent.iter().map(|n| (n.item.as_str(), n.reason)).collect();
    assert_eq!(
        unsent,
        [
            ("du-an-8-tap-huan", Reason::NotAsked),
            ("inspections", Reason::NotAsked),
            ("training_classes", Reason::NotAsked)
        ]
    );
    // Who did not report, or was rejected, goes up in the note.
    let notes = r.notes.as_deref().unwrap();
    assert!(notes.contains("9/15 đơn vị"), "{notes}");
    assert!(
        notes.contains("Chưa nhận báo cáo: Huyện Mường Tè, Huyện Sìn Hồ, Sở Giáo dục và Đào tạo, Sở Tư pháp."),
        "{notes}"
    );
    assert!(notes.contains("Báo cáo bị loại vì có lỗi: Huyện Phong Thổ, Huyện Nậm Nhùn."), "{notes}");
}

/// An extra report of Sở Tư pháp (which sent none in the example), and a
/// national plan that asks otherwise, so every reason a figure stays shows.
#[test]
fn every_figure_that_stays_is_listed_with_its_reason() {
    let p = plan("examples/lai-chau-2024/plan.json");
    let mut inputs = reports(&root().join("examples/lai-chau-2024/reports"));
    let extra = serde_json::json!({
        "plan": "01/KH-BVSTBPN", "unit": "so-tu-phap", "kind": "annual",
        "period": {"from": "2023-12-15", "to": "2024-12-14"}, "submitted": "2024-12-02",
        "values": [
            {"indicator": "communication_events", "total": 9_007_199_254_740_991_u64},
            {"indicator": "people_reached", "female": 10, "male": 5, "total": 15},
            {"indicator": "qd1790-truyen-thong-phap-luat", "stated": 3},
            {"indicator": "violence_cases_handled", "total": 5,
             "cells": [{"by": {"residence": "urban"}, "total": 2}, {"by": {"residence": "rural"}, "total": 3}]}
        ],
        "funding": [{"source": "kinh-phi-bo-sung", "planned": 10_000_000, "spent": 9_000_000}]
    });
    inputs.push(read::report_from_str(&extra.to_string()));
    let s = aggregate(&p, &Catalog::builtin(), inputs, day("2024-12-18"));
    assert!(s.accounting.last().unwrap().findings.iter().all(|f| !f.is_error()), "{:?}", s.accounting.last());
    let mut n = national();
    // The national plan's own definitions: inspections as a survey figure
    // (another aggregation), training participants broken down by age.
    let catalog_def = |id: &str| Catalog::builtin().get(&binhdang::IndicatorId::from(id)).unwrap().clone();
    let mut inspections = catalog_def("inspections");
    inspections.aggregation = binhdang::Aggregation::NotAdditive;
    let mut trained = catalog_def("training_participants");
    trained.breakdowns = vec![binhdang::Breakdown { dimension: "age".into(), options: vec![], required: true }];
    n.indicators = vec![inspections, trained];
    let u = report_upward(&p, &Catalog::builtin(), &s, &n, "2024-annual", day("2024-12-19")).unwrap();
    let got: Vec<(&str, &str, String, Reason)> = u
        .not_sent
        .iter()
        .map(|x| (x.unit.as_str(), x.item.as_str(), binhdang::aggregate::key_text(&x.by), x.reason))
        .collect();
    let want: Vec<(&str, &str, String, Reason)> = vec![
        // The sum passed 2^53 − 1: no exact figure to send.
        ("12", "communication_events", String::new(), Reason::Overflow),
        ("12", "du-an-8-tap-huan", String::new(), Reason::NotAsked),
        // Defined otherwise nationally.
        ("12", "inspections", String::new(), Reason::DefinitionDiffers),
        // A per-agency figure, not the province's.
        ("so-tu-phap", "qd1790-truyen-thong-phap-luat", String::new(), Reason::NotAdditive),
        ("12", "training_classes", String::new(), Reason::NotAsked),
        ("12", "kinh-phi-bo-sung", String::new(), Reason::FundingSourceNotAsked),
        // Required by age nationally; the province has no age cells.
        ("12", "training_participants", String::new(), Reason::Refused),
        // Cases by residence: only Sở Tư pháp split them, so the cells do
        // not add up to the province's 22 and only the whole goes up.
        ("12", "violence_cases_handled", "residence=rural".into(), Reason::CellsIncomplete),
        ("12", "violence_cases_handled", "residence=urban".into(), Reason::CellsIncomplete),
    ];
    let (mut got, mut want) = (got, want);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let refused = u.not_sent.iter().find(|x| x.reason == Reason::Refused).unwrap();
    assert_eq!(refused.codes, [binhdang::Code::BreakdownMissing]);
    // What goes up still passes the national check.
    let found = binhdang::validate::report(&n, &Catalog::builtin(), &u.report, day("2024-12-19"), Default::default());
    assert!(found.iter().all(|f| !f.is_error()), "{found:?}");
    let cases = u.report.values.iter().find(|v| v.indicator.as_str() == "violence_cases_handled").unwrap();
    assert_eq!((cases.total, cases.cells.len()), (binhdang::Count::new(22), 0));
    // Every message is said in both languages.
    for x in &u.not_sent {
        let (vi, en) = binhdang::messages::upward_not_sent(x);
        assert!(vi.starts_with("Không gửi") && en.starts_with("Not sent"), "{vi} / {en}");
    }
}

#[test]
fn what_cannot_go_up_is_an_error_that_says_why() {
    let (p, s) = lai_chau("2024-12-18");
    let catalog = Catalog::builtin();
    let run = |n: &Plan, entry: &str| report_upward(&p, &catalog, &s, n, entry, day("2024-12-19")).unwrap_err();
    let e = run(&national(), "2024-q3");
    assert_eq!(e, UpwardError::UnknownEntry("2024-q3".into()));
    assert!(e.message().1.contains("\"2024-q3\""));
    // A national schedule on calendar half-years: the province's periods
    // (from 15 December) are not those days, and are never relabelled.
    let mut n = national();
    n.reporting.schedule[1].period.from = day("2024-01-01");
    let e = run(&n, "2024-annual");
    assert!(matches!(e, UpwardError::NoMatchingPeriod { .. }), "{e:?}");
    let (vi, en) = e.message();
    assert!(vi.contains("2024-annual (15/12/2023 – 14/12/2024)"), "{vi}");
    assert!(en.contains("2024-annual (2023-12-15 – 2024-12-14)"), "{en}");
    let mut n = national();
    n.units.retain(|u| u.id.as_str() != "12");
    assert_eq!(run(&n, "2024-annual"), UpwardError::NotANationalUnit("12".into()));
    let other = plan("examples/national-2024/plan.json");
    let e = report_upward(&other, &catalog, &s, &national(), "2024-annual", day("2024-12-19")).unwrap_err();
    assert!(matches!(e, UpwardError::OtherPlan { .. }), "{e:?}");
}

/// The national summary is `aggregate` with the national plan over the
/// provinces' reports; the figures and the strategy appendix (progress
/// against each target, with its source), added up by hand from the files.
#[test]
fn the_national_summary_adds_up_the_provinces() {
    let n = national();
    let s =
        aggregate(&n, &Catalog::builtin(), reports(&root().join("examples/national-2024/reports")), day("2025-01-15"));
    assert!(s.accounting.iter().all(|o| o.status == binhdang::validate::Status::Used));
    let p = s.period("2024-annual").unwrap();
    assert_eq!(
        (p.completeness.expected, p.completeness.received, p.completeness.late, p.completeness.missing),
        (5, 4, 1, 1)
    );
    // People reached: Lai Châu 41,970 + Điện Biên 51,600 + Sơn La 75,900 + Lào Cai 66,500.
    assert_eq!(p.figure("ubqg-vstbpn", "people_reached").unwrap().counts.total, binhdang::Count::new(235_970));
    // Women key leaders: (18 + 70 + 120 + 95) / (32 + 130 + 204 + 152).
    let mt1 = p.progress.iter().find(|x| x.indicator.as_str() == "nq28-mt1" && x.year == 2025).unwrap();
    assert!((mt1.value.unwrap() - 303.0 / 518.0 * 100.0).abs() < 1e-9);
    assert_eq!(mt1.status, binhdang::aggregate::ProgressStatus::NotAchieved);
    assert!(mt1.source.starts_with("Nghị quyết 28/NQ-CP"), "{}", mt1.source);
    let pool = p.progress.iter().find(|x| x.indicator.as_str() == "qd2282-quy-hoach" && x.year == 2025).unwrap();
    assert_eq!(pool.status, binhdang::aggregate::ProgressStatus::Achieved);
    assert!(pool.source.starts_with("Quyết định 2282/QĐ-TTg"), "{}", pool.source);
}

/// The conformance vector of the national summary holds the example's
/// reports as they are in examples/national-2024/reports, in file order.
#[test]
fn the_national_vector_holds_the_example_reports() {
    let vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/conformance/aggregate/029-national-summary-from-provinces.json"))
            .unwrap(),
    )
    .unwrap();
    let dir = root().join("examples/national-2024/reports");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let kept: Vec<serde_json::Value> =
        files.iter().map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()).collect();
    assert_eq!(vector["reports"].as_array().unwrap(), &kept);
    assert_eq!(vector["plan"], "examples/national-2024/plan.json");
}
