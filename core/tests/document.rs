//! The consolidated report's model (core/src/document.rs): every content
//! area, each unit's narrative under its own area and named, the figures,
//! the heading of Decree 30; its HTML escapes what the units typed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use binhdang::aggregate::{aggregate, Summary};
use binhdang::document::{consolidated, default_entry, escape_html, to_html, Block, Document};
use binhdang::{read, Catalog, NarrativeSection, Plan, Report};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/lai-chau-2024")
}

fn plan() -> Plan {
    read::plan_from_str(&std::fs::read_to_string(dir().join("plan.json")).unwrap()).value.unwrap()
}

fn reports() -> Vec<Report> {
    let mut files: Vec<_> = std::fs::read_dir(dir().join("reports")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| read::report_from_str(&std::fs::read_to_string(f).unwrap()).value.unwrap()).collect()
}

fn summary_of(plan: &Plan, reports: Vec<Report>) -> Summary {
    let inputs = reports.into_iter().map(|r| read::report_from_value(serde_json::to_value(r).unwrap())).collect();
    aggregate(plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-01-15").unwrap())
}

fn document() -> (Plan, Summary, Document) {
    let plan = plan();
    let s = summary_of(&plan, reports());
    let doc = consolidated(&plan, &Catalog::builtin(), &s, None, false).unwrap();
    (plan, s, doc)
}

/// The blocks under each content area's heading (up to the next area's, or the appendix).
fn by_area<'d>(doc: &'d Document, plan: &Plan) -> Vec<&'d [Block]> {
    let starts: Vec<usize> = plan
        .content_areas
        .iter()
        .map(|a| {
            let head = format!("{}. {}", a.number, a.title);
            doc.body.iter().position(|b| matches!(b, Block::Heading { level: 2, text } if *text == head)).unwrap()
        })
        .collect();
    let appendix = doc
        .body
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, text } if text == "PHỤ LỤC SỐ LIỆU"))
        .unwrap();
    starts.iter().enumerate().map(|(i, s)| &doc.body[*s..*starts.get(i + 1).unwrap_or(&appendix)]).collect()
}

#[test]
fn the_annual_entry_is_the_default_and_the_heading_is_decree_30s() {
    let (_, s, doc) = document();
    assert_eq!(default_entry(&s), Some("2024-annual"));
    assert_eq!(doc.entry, "2024-annual");
    let h = &doc.heading;
    assert_eq!(h.above.as_deref(), Some("UBND TỈNH LAI CHÂU"));
    assert_eq!(h.issuer, "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH LAI CHÂU");
    assert_eq!(h.number, "Số:        /BC-BVSTBPN");
    assert_eq!(h.nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(h.motto, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(h.place_date, "Lai Châu, ngày 15 tháng 01 năm 2025");
    assert_eq!(doc.title[0], "BÁO CÁO");
    assert_eq!(doc.title[1], "Kết quả thực hiện Kế hoạch số 01/KH-BVSTBPN ngày 24 tháng 4 năm 2024");
    assert_eq!(doc.title[2], "năm 2024");
    assert_eq!(doc.closing.recipients_label, "Nơi nhận:");
    assert_eq!(doc.closing.recipients.len(), 7);
    assert_eq!(doc.closing.titles, ["TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH"]);
    assert_eq!(doc.closing.signer, "Tổng Thanh Hải");
}

#[test]
fn each_units_narrative_stands_under_its_own_area_named() {
    let (plan, s, doc) = document();
    let areas = by_area(&doc, &plan);
    assert_eq!(areas.len(), 7);
    let p = s.period("2024-annual").unwrap();
    // Every used annual report's narrative is in the summary: 7 units wrote 17 in all.
    assert_eq!(p.narratives.len(), 17);
    for n in &p.narratives {
        let blocks = areas[(n.area - 1) as usize];
        let name = plan.unit(&n.unit).unwrap().name.clone();
        let at = blocks.iter().position(|b| matches!(b, Block::Unit { name: x } if *x == name)).unwrap_or_else(|| {
            panic!("{name} is not named under area {}", n.area);
        });
        for sec in NarrativeSection::ALL {
            if let Some(text) = n.section(sec) {
                assert!(
                    blocks[at..].iter().any(|b| matches!(b, Block::Labelled { text: t, .. } if t == text)),
                    "{name}'s {sec:?} is not under area {}",
                    n.area
                );
                // And under no other area.
                for (i, other) in areas.iter().enumerate() {
                    if i + 1 != n.area as usize {
                        assert!(!other.iter().any(|b| matches!(b, Block::Labelled { text: t, .. } if t == text)));
                    }
                }
            }
        }
    }
    // Area 2 (women cadres): only Sở Nội vụ wrote on it.
    let named: Vec<&str> =
        areas[1].iter().filter_map(|b| if let Block::Unit { name } = b { Some(name.as_str()) } else { None }).collect();
    assert_eq!(named, ["Sở Nội vụ"]);
    // Area 3's figures: people reached, from the province's figure.
    let f = p.figure("12", "people_reached").unwrap();
    let total = binhdang::document::number_vi(f.counts.total.unwrap().get() as f64);
    assert_eq!(total, "41.970");
    assert!(areas[2].iter().any(|b| matches!(b, Block::Table { rows, .. } if rows.iter().any(|r| r.contains(&total)))));
}

#[test]
fn a_rejected_reports_narrative_is_not_quoted() {
    let (_, s, doc) = document();
    // 2024-annual-109 and -112 are rejected; give 112 a narrative: it stays out.
    let plan = plan();
    let mut rs = reports();
    let r112 = rs.iter_mut().find(|r| r.unit.as_str() == "112" && r.kind == binhdang::ReportKind::Annual).unwrap();
    r112.narrative =
        vec![binhdang::AreaNarrative { area: 3, results: Some("KHÔNG ĐƯỢC TRÍCH".into()), ..Default::default() }];
    let s2 = summary_of(&plan, rs);
    assert_eq!(s2.period("2024-annual").unwrap().narratives, s.period("2024-annual").unwrap().narratives);
    assert!(!to_html(&doc).contains("KHÔNG ĐƯỢC TRÍCH"));
}

#[test]
fn html_escapes_what_units_typed() {
    let plan = plan();
    let mut rs = reports();
    let r = rs.iter_mut().find(|r| r.unit.as_str() == "105" && r.kind == binhdang::ReportKind::Annual).unwrap();
    r.narrative[0].results = Some("<script>alert(\"x\")</script> & 'trích'".into());
    let s = summary_of(&plan, rs);
    let html = to_html(&consolidated(&plan, &Catalog::builtin(), &s, None, false).unwrap());
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;trích&#39;"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("font-family: \"Times New Roman\""));
    assert_eq!(escape_html("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
}

#[test]
fn an_entry_the_summary_lacks_is_refused_and_six_months_has_its_own_title() {
    let (plan, s, _) = document();
    let e = consolidated(&plan, &Catalog::builtin(), &s, Some("2023-annual"), false).unwrap_err();
    assert!(e.message().0.contains("2023-annual"));
    let six = consolidated(&plan, &Catalog::builtin(), &s, Some("2024-6m"), false).unwrap();
    assert_eq!(six.title[2], "6 tháng đầu năm 2024");
    // The six-month narrative of Sở LĐTBXH is there, the annual ones are not.
    let html = to_html(&six);
    assert!(html.contains("chuẩn bị các hoạt động hưởng ứng Tháng hành động"));
    assert!(!html.contains("Tham mưu quy hoạch 86 cán bộ nữ"));
}

#[test]
fn published_figures_are_withheld_in_the_document_too() {
    let (plan, s, _) = document();
    let doc = consolidated(&plan, &Catalog::builtin(), &s, None, true).unwrap();
    let withheld = doc
        .body
        .iter()
        .any(|b| matches!(b, Block::Table { rows, .. } if rows.iter().any(|r| r.iter().any(|c| c == "x"))));
    assert!(withheld);
    assert!(doc.body.iter().any(|b| matches!(b, Block::Note { text } if text.contains("không công bố"))));
}

#[cfg(all(feature = "docx", feature = "excel"))]
#[test]
fn the_word_file_holds_the_text_in_times_new_roman() {
    use std::io::Read;
    let (_, _, doc) = document();
    let bytes = binhdang::docx::to_docx(&doc).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(xml.contains("Tham mưu quy hoạch 86 cán bộ nữ"));
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    assert!(styles.contains("Times New Roman"));
}
