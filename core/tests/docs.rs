//! The documentation in `docs/` keeps up with the code: every finding code
//! has its section, and the table of fields each measure takes is the one
//! validation applies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use binhdang::{Aggregation, Catalog, Code, IndicatorId, Measure};

fn doc(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs").join(name)).unwrap()
}

#[test]
fn every_finding_code_is_documented() {
    let text = doc("findings.md");
    let missing: Vec<&str> =
        Code::ALL.iter().map(|c| c.as_str()).filter(|c| !text.contains(&format!("### `{c}`\n"))).collect();
    assert!(missing.is_empty(), "codes without a section in docs/findings.md: {missing:?}");
}

#[test]
fn the_fields_table_is_the_one_validation_applies() {
    let text = doc("reports.md");
    let catalog = Catalog::builtin();
    let base = catalog.get(&IndicatorId::from("training_participants")).unwrap().clone();
    let rows = [
        ("count", Measure::Count, true, Aggregation::Sum),
        ("money split by sex", Measure::Money, true, Aggregation::Sum),
        ("money", Measure::Money, false, Aggregation::Sum),
        ("percent, ratio, rate", Measure::Percent, false, Aggregation::RatioOfSums),
        ("percent, ratio, rate", Measure::Ratio, false, Aggregation::RatioOfSums),
        ("percent, ratio, rate", Measure::Rate { per: 100 }, true, Aggregation::RatioOfSums),
        ("not added up (any measure)", Measure::Count, false, Aggregation::NotAdditive),
        ("not added up (any measure)", Measure::Ratio, false, Aggregation::NotAdditive),
    ];
    for (label, measure, by_sex, aggregation) in rows {
        let ind = binhdang::Indicator { measure, by_sex, aggregation, ..base.clone() };
        let fields: Vec<String> = ind.value_fields().iter().map(|f| format!("`{f}`")).collect();
        let row = format!("| {label} | {} |", fields.join(", "));
        assert!(text.contains(&row), "docs/reports.md lacks the row {row}");
    }
}

#[test]
fn the_docs_stand_on_their_own() {
    for name in [
        "README.md",
        "findings.md",
        "reports.md",
        "plans.md",
        "aggregation.md",
        "schemas.md",
        "workflow.md",
        "excel.md",
        "report-document.md",
    ] {
        assert!(!doc(name).contains("../shared"), "{name} points outside the repository");
    }
}
