//! `binhdang new-plan`: a plan a person can start from, valid as written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use binhdang::{api, read, validate, Catalog, Severity};

#[test]
fn a_new_plan_passes_the_plan_check_and_reads_back() {
    let csv = "id,name,kind,parent,valid_from,valid_to\n\
               so-y-te,Sở Y tế,department,,,\n\
               hoi-lhpn,Hội Liên hiệp Phụ nữ tỉnh,mass_organisation,,,\n\
               xa-a,Xã A,commune,15,2025-07-01,\n";
    for (units, year) in [(None, 2024), (Some(csv), 2025)] {
        let plan = api::new_plan("Điện Biên", "15", year, units.map(api::Units::Csv)).unwrap();
        let text = serde_json::to_string(&plan).unwrap();
        // It reads back through the strict reader, and the plan check finds no error.
        let back = read::plan_from_str(&text);
        assert!(back.findings.iter().all(|f| f.severity != Severity::Error), "{:?}", back.findings);
        let findings = validate::plan(&back.value.unwrap(), &Catalog::builtin());
        assert!(findings.iter().all(|f| f.severity != Severity::Error), "{findings:?}");
        assert_eq!(plan.content_areas.len(), 7);
        assert_eq!(plan.reporting.schedule.len(), 2);
        assert!(plan.targets.len() >= 30, "the national targets");
        assert!(plan.units.iter().any(|u| u.id.as_str() == "15"));
        assert_eq!(plan.reporting.units.contains(&"xa-a".into()), units.is_some());
    }
}

#[test]
fn units_in_csv_with_mistakes_give_every_finding() {
    let csv = "id,name,kind,parent\nx,Xã X,xa,15\n,Xã Y,commune,15\n";
    let findings = api::new_plan("Điện Biên", "15", 2025, Some(api::Units::Csv(csv))).unwrap_err().findings().to_vec();
    let places: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(places, ["/0/kind", "/1/id"], "{findings:?}");
}
