//! The foundation: the bundled Lai Châu plan against its seed, round trips,
//! and reading bad input without a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use binhdang::read::{plan_from_str, report_from_str};
use binhdang::{Code, Plan, ReportKind, UnitKind};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn plan() -> Plan {
    let text = std::fs::read_to_string(root().join("examples/lai-chau-2024/plan.json")).unwrap();
    let read = plan_from_str(&text);
    assert!(read.findings.is_empty(), "{:#?}", read.findings);
    read.value.unwrap()
}

#[test]
fn plan_round_trips_without_loss() {
    let text = std::fs::read_to_string(root().join("examples/lai-chau-2024/plan.json")).unwrap();
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    let again = serde_json::to_value(plan()).unwrap();
    assert_eq!(original, again);
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let text = r#"{"plan":"01/KH-BVSTBPN","unit":"105","kind":"annual","period":{"from":"2023-12-15","to":"2024-12-14"},
        "submitted":"2024-12-01","values":[{"indicator":"inspections","total":2,"ghi_chu_them":"x"}],"nguoi_lap":"Lò Thị Mai"}"#;
    let r = report_from_str(text).value.unwrap();
    let back = serde_json::to_value(&r).unwrap();
    assert_eq!(back["nguoi_lap"], "Lò Thị Mai");
    assert_eq!(back["values"][0]["ghi_chu_them"], "x");
}

/// Every legal basis the seed cites, with its number and date as the seed prints them.
#[test]
fn plan_holds_the_seeds_legal_bases() {
    let seed = std::fs::read_to_string(root().join("../shared/seed/000_4648be2b9eb23052.txt")).ok();
    let p = plan();
    let cited = [
        ("1415/KH-UBND", "2021-05-25"),
        ("1303/BLĐTBXH-VBĐG", "2024-03-29"),
        ("11-NQ/TW", "2007-04-27"),
        ("21-CT/TW", "2018-01-20"),
        ("70/2008/NĐ-CP", "2008-06-04"),
        ("48/2009/NĐ-CP", "2009-05-19"),
        ("125/2021/NĐ-CP", "2021-12-28"),
        ("2282/QĐ-TTg", "2020-12-31"),
    ];
    for (number, date) in cited {
        let basis = p.legal_bases.iter().find(|b| b.number.as_deref() == Some(number));
        let basis = basis.unwrap_or_else(|| panic!("{number} missing from plan.json"));
        assert_eq!(basis.date.map(|d| d.iso()).as_deref(), Some(date), "{number}");
        if let Some(seed) = &seed {
            assert!(seed.contains(number), "{number} is not in the seed");
        }
    }
    assert_eq!(p.number, "01/KH-BVSTBPN");
    assert_eq!(p.date.iso(), "2024-04-24");
    assert_eq!(p.signer.name, "Tổng Thanh Hải");
    assert_eq!(p.recipients.len(), 7);
}

#[test]
fn plan_holds_the_seeds_content_areas_and_regime() {
    let p = plan();
    let numbers: Vec<u32> = p.content_areas.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    for area in &p.content_areas {
        assert!(!area.activities.is_empty(), "area {} has no activity", area.number);
        for a in &area.activities {
            assert!(a.id.as_str().starts_with(&format!("{}.", area.number)), "{}", a.id);
        }
    }
    // Both campaign windows of content area 3.
    let windows: Vec<_> =
        p.activities().filter_map(|(_, a)| a.window.as_ref()).map(|w| (w.from.iso(), w.to.iso())).collect();
    assert!(windows.contains(&("2024-06-01".into(), "2024-06-30".into())));
    assert!(windows.contains(&("2024-11-15".into(), "2024-12-15".into())));
    assert_eq!(p.funding_sources.len(), 6);
    // Reporting regime: six-month before 5/6, annual before 5/12.
    let due: Vec<_> = p.reporting.schedule.iter().map(|e| (e.kind, e.due.iso())).collect();
    assert_eq!(due, [(ReportKind::SixMonth, "2024-06-05".into()), (ReportKind::Annual, "2024-12-05".into())]);
    // The standing agency and the districts report.
    let standing = p.units.iter().find(|u| u.kind == UnitKind::StandingAgency).unwrap();
    assert_eq!(standing.id.as_str(), "so-ldtbxh");
    for code in 105..=112 {
        assert!(p.reporting.units.iter().any(|u| u.as_str() == code.to_string()), "{code}");
    }
}

#[test]
fn both_lai_chau_trees() {
    let p = plan();
    let d = |s: &str| binhdang::calendar::parse_iso(s).unwrap();
    let districts: Vec<_> = p.units.iter().filter(|u| u.kind == UnitKind::District).collect();
    assert_eq!(districts.len(), 8);
    assert!(districts.iter().all(|u| u.valid_on(d("2025-06-30")) && !u.valid_on(d("2025-07-01"))));
    let communes: Vec<_> = p.units.iter().filter(|u| u.kind == UnitKind::Commune).collect();
    assert_eq!(communes.len(), 38);
    assert!(communes.iter().all(|u| u.valid_on(d("2025-07-01")) && !u.valid_on(d("2025-06-30"))));
    assert_eq!(communes.iter().filter(|u| u.name.starts_with("Phường")).count(), 2);
}

#[test]
fn every_bundled_report_reads() {
    let dir = root().join("examples/lai-chau-2024/reports");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let read = report_from_str(&text);
        assert!(read.value.is_some() && read.findings.is_empty(), "{:#?}", read.findings);
        n += 1;
    }
    assert!(n >= 12);
}

const HEAD: &str =
    r#""plan":"01/KH-BVSTBPN","unit":"105","kind":"six_month","period":{"from":"2023-12-15","to":"2024-06-14"}"#;

fn malformed(text: &str) -> Vec<(String, String, String)> {
    let read = report_from_str(text);
    read.findings
        .iter()
        .filter(|f| f.code == Code::Malformed)
        .map(|f| {
            assert!(!f.message_vi.is_empty() && !f.message_en.is_empty());
            (f.path.clone(), f.message_vi.clone(), f.message_en.clone())
        })
        .collect()
}

#[test]
fn text_that_is_not_json() {
    let m = malformed("báo cáo 6 tháng");
    assert_eq!(m.len(), 1);
    assert!(m[0].1.contains("không phải JSON"), "{}", m[0].1);
    let m = malformed("");
    assert_eq!(m[0].0, "");
    assert!(m[0].2.contains("Empty"));
    let m = malformed(&format!(r#"{{{HEAD},"submitted":"2024-06-01","values":[{{"indicator":"x","total":1}}"#));
    assert_eq!(m.len(), 1, "{m:?}");
}

#[test]
fn wrong_type_and_missing_field() {
    let m = malformed(&format!(
        r#"{{{HEAD},"submitted":"2024-06-01","values":[{{"indicator":"inspections","total":"ba"}}]}}"#
    ));
    assert_eq!(m[0].0, "/values/0/total");
    assert!(m[0].1.contains("Sai kiểu dữ liệu"), "{}", m[0].1);
    let m = malformed(
        r#"{"plan":"01/KH-BVSTBPN","kind":"annual","period":{"from":"2023-12-15","to":"2024-12-14"},"submitted":"2024-12-01"}"#,
    );
    assert_eq!(m[0].0, "/unit");
    assert!(m[0].1.contains("Thiếu trường bắt buộc \"unit\""), "{}", m[0].1);
}

#[test]
fn impossible_date() {
    let m = malformed(&format!(r#"{{{HEAD},"submitted":"2024-02-30"}}"#));
    assert_eq!(m[0].0, "/submitted");
    assert!(m[0].1.contains("2024-02-30"));
}

#[test]
fn negative_count_and_number_past_the_range() {
    let m = malformed(&format!(
        r#"{{{HEAD},"submitted":"2024-06-01","values":[{{"indicator":"inspections","total":-1}},{{"indicator":"training_classes","total":18446744073709551616}},{{"indicator":"communication_events","total":1e400}}]}}"#
    ));
    // 1e400 is not a number JSON parsers can hold: the whole text is refused at that place.
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].0, "/values/2/total");
    let m = malformed(&format!(
        r#"{{{HEAD},"submitted":"2024-06-01","values":[{{"indicator":"inspections","total":-1}},{{"indicator":"training_classes","total":18446744073709551616}},{{"indicator":"people_reached","total":9007199254740992}}]}}"#
    ));
    let paths: Vec<_> = m.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(paths, ["/values/0/total", "/values/1/total", "/values/2/total"]);
    assert!(m[0].1.contains("Số âm (-1)"), "{}", m[0].1);
    assert!(m[2].1.contains("vượt quá giới hạn"), "{}", m[2].1);
}

#[test]
fn duplicate_keys_and_deep_nesting() {
    let m = malformed(&format!(r#"{{{HEAD},"submitted":"2024-06-01","submitted":"2024-06-02"}}"#));
    assert_eq!(m[0].0, "/submitted");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let read = report_from_str(&deep);
    assert_eq!(read.findings.len(), 1);
    assert_eq!((read.findings[0].code, read.findings[0].path.as_str()), (Code::TooLarge, ""));
    assert!(read.findings[0].message_en.contains("nesting depth"), "{}", read.findings[0].message_en);
}

#[test]
fn text_is_normalised_to_nfc() {
    // "Châu" with a combining circumflex (NFD).
    let nfd = "Cha\u{0302}u";
    let text = format!(r#"{{{HEAD},"submitted":"2024-06-01","notes":"Lai {nfd}"}}"#);
    let read = report_from_str(&text);
    assert_eq!(read.value.unwrap().notes.as_deref(), Some("Lai Châu"));
    assert_eq!(read.findings[0].code, Code::TextNotNormalized);
    assert_eq!(read.findings[0].path, "/notes");
}

/// Found by the schema agreement tests (docs/schemas.md): what the JSON
/// Schemas refuse, the reader refuses too.
#[test]
fn an_object_written_as_an_array_is_malformed() {
    // serde would fill a struct by position: the period from its two dates.
    let m = malformed(
        r#"{"plan":"01/KH-BVSTBPN","unit":"105","kind":"annual","period":["2024-01-01","2024-12-31"],"submitted":"2024-12-01"}"#,
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "/period");
    assert!(m[0].1.contains("đối tượng") && m[0].2.contains("expected an object"), "{m:?}");
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/conformance/plans/small.json")).unwrap())
            .unwrap();
    plan["rules"] = serde_json::json!([]);
    let read = binhdang::read::plan_from_value(plan.clone());
    assert!(read.value.is_none() && read.findings[0].path == "/rules", "{:?}", read.findings);
    plan["rules"] = serde_json::json!({});
    plan["indicators"] = serde_json::json!([{
        "id": "x", "name_vi": "x", "name_en": "x", "by_sex": false, "aggregation": "ratio_of_sums",
        "temporal": "flow", "direction": "at_most", "unit_vi": "x", "unit_en": "x", "source": "x",
        "measure": ["rate", 100]
    }]);
    let read = binhdang::read::plan_from_value(plan);
    assert!(read.value.is_none() && read.findings[0].path == "/indicators/0/measure", "{:?}", read.findings);
}

#[test]
fn a_plans_whole_numbers_stop_at_2_pow_53_like_counts() {
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/conformance/plans/small.json")).unwrap())
            .unwrap();
    for (rules, ok) in [
        (serde_json::json!({ "small_cells": 9_007_199_254_740_991_u64, "outlier_min": 0 }), true),
        (serde_json::json!({ "small_cells": 9_007_199_254_740_992_u64 }), false),
        (serde_json::json!({ "outlier_min": 9_007_199_254_740_992_u64 }), false),
    ] {
        plan["rules"] = rules.clone();
        let read = binhdang::read::plan_from_value(plan.clone());
        assert_eq!(read.value.is_some(), ok, "{rules}: {:?}", read.findings);
    }
    plan["rules"] = serde_json::json!({});
    let rate = |per: u64| {
        serde_json::json!([{
            "id": "x", "name_vi": "x", "name_en": "x", "by_sex": false, "aggregation": "ratio_of_sums",
            "temporal": "flow", "direction": "at_most", "unit_vi": "x", "unit_en": "x", "source": "x",
            "measure": { "type": "rate", "per": per }
        }])
    };
    plan["indicators"] = rate(100_000);
    assert!(binhdang::read::plan_from_value(plan.clone()).value.is_some());
    plan["indicators"] = rate(9_007_199_254_740_992);
    let read = binhdang::read::plan_from_value(plan);
    assert!(read.value.is_none() && read.findings[0].path.starts_with("/indicators/0/measure"), "{:?}", read.findings);
}
