//! The summary of the bundled Lai Châu 2024 reports, against totals added up
//! by hand from the files (see examples/lai-chau-2024/README.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use binhdang::aggregate::{aggregate, ProgressStatus};
use binhdang::read;
use binhdang::validate::Status;
use binhdang::{Catalog, Count, Timeliness};

fn summary() -> (binhdang::aggregate::Summary, Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/lai-chau-2024");
    let plan = read::plan_from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).value.unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("reports")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let names = files.iter().map(|f| f.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    let inputs = files.iter().map(|f| read::report_from_str(&std::fs::read_to_string(f).unwrap())).collect();
    (aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-01-15").unwrap()), names)
}

fn c(n: u64) -> Option<Count> {
    Count::new(n)
}

#[test]
fn accounting_matches_the_folder_readme() {
    let (s, names) = summary();
    let status = |name: &str| s.accounting[names.iter().position(|n| n == name).unwrap()].status;
    for rejected in ["2024-6m-106", "2024-6m-108", "2024-annual-109", "2024-annual-112"] {
        assert_eq!(status(rejected), Status::Rejected, "{rejected}");
    }
    // Late reports are used: lateness is a warning.
    assert_eq!(status("2024-6m-107"), Status::Used);
    assert_eq!(status("2024-annual-111"), Status::Used);
    assert_eq!(s.accounting.iter().filter(|o| o.status == Status::Used).count(), 15);
}

#[test]
fn six_month_summary_by_hand() {
    let (s, _) = summary();
    let p = s.period("2024-6m").unwrap();
    let c6 = &p.completeness;
    assert_eq!((c6.expected, c6.received, c6.on_time, c6.late, c6.missing), (15, 8, 7, 1, 7));
    assert_eq!(c6.units[&Timeliness::Late].iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["107"]);
    assert_eq!(c6.rejected.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["106", "108"]);
    // People reached: Sở LĐTBXH, Hội LHPN, Sở Y tế, 105, 107, 110.
    let f = p.figure("12", "people_reached").unwrap();
    assert_eq!((f.counts.female, f.counts.male, f.counts.total), (c(10290), c(5825), c(16115)));
    assert_eq!(f.reports, 6);
}

#[test]
fn annual_summary_by_hand() {
    let (s, _) = summary();
    let p = s.period("2024-annual").unwrap();
    let ca = &p.completeness;
    assert_eq!((ca.expected, ca.received, ca.on_time, ca.late, ca.missing), (15, 11, 10, 1, 4));
    let f = p.figure("12", "people_reached").unwrap();
    assert_eq!((f.counts.female, f.counts.male, f.counts.total), (c(26100), c(15870), c(41970)));
    // Communes with a woman key leader: 105 5/7, 106 6/13, 110 7/12 (112 rejected): 18/32.
    let mt1 = p.figure("12", "nq28-mt1").unwrap();
    assert_eq!(mt1.value, Some(56.25));
    let g = p.progress.iter().find(|g| g.indicator.as_str() == "nq28-mt1" && g.year == 2025).unwrap();
    assert_eq!((g.status, g.gap), (ProgressStatus::NotAchieved, Some(-3.75)));
    // National target programmes: Hội LHPN, 106, 110, 111 (109 and 112 rejected).
    let ctmtqg = p.funding.iter().find(|f| f.source.as_str() == "ctmtqg").unwrap();
    assert_eq!((ctmtqg.planned, ctmtqg.spent), (c(1_290_000_000), c(1_193_500_000)));
}

/// The plan's index of expected units is built on first use; a host that
/// edits `reporting.units` afterwards (the field is public) gets answers
/// for the plan as it is now, not as it was indexed.
#[test]
fn expected_units_follow_edits_after_the_index_is_built() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/lai-chau-2024");
    let mut plan = read::plan_from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).value.unwrap();
    let first = plan.reporting.units[0].clone();
    let last = plan.reporting.units.last().unwrap().clone();
    assert!(plan.expects(&first) && plan.expects(&last));
    let stranger: binhdang::UnitId = serde_json::from_str("\"xa-khong-co\"").unwrap();
    assert!(!plan.expects(&stranger));
    // Removed, moved and added after the index exists.
    plan.reporting.units.remove(0);
    plan.reporting.units.reverse();
    plan.reporting.units.push(stranger.clone());
    assert!(!plan.expects(&first), "a unit taken out is no longer expected");
    assert!(plan.expects(&last), "a unit moved is still expected");
    assert!(plan.expects(&stranger), "a unit added is expected");
}
