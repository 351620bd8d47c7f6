//! The summary as CSV (for pandas and Excel) and as a text table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use binhdang::aggregate::aggregate;
use binhdang::output::{to_csv, to_text, Lang, CSV_COLUMNS};
use binhdang::{read, Catalog, Plan};

fn lai_chau() -> (Plan, binhdang::aggregate::Summary) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/lai-chau-2024");
    let plan = read::plan_from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).value.unwrap();
    let inputs = std::fs::read_dir(dir.join("reports"))
        .unwrap()
        .map(|e| read::report_from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect();
    let s = aggregate(&plan, &Catalog::builtin(), inputs, binhdang::calendar::parse_iso("2025-01-15").unwrap());
    (plan, s)
}

#[test]
fn csv_is_tidy() {
    let (plan, s) = lai_chau();
    let text = to_csv(&s, &plan, &Catalog::builtin());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    // The columns, with one per dimension of the example's breakdowns after
    // `indicator` (age bands of victims, ethnic groups of Project 8).
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let mut want: Vec<&str> = CSV_COLUMNS.to_vec();
    let at = want.iter().position(|c| *c == "indicator").unwrap() + 1;
    want.splice(at..at, ["age", "ethnicity"]);
    assert_eq!(headers, want);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let find = |entry: &str, unit: &str, ind: &str, sex: &str| {
        rows.iter()
            .find(|x| {
                x[col("entry")] == *entry
                    && x[col("unit")] == *unit
                    && x[col("indicator")] == *ind
                    && x[col("sex")] == *sex
                    && x[col("age")].is_empty()
                    && x[col("ethnicity")].is_empty()
            })
            .cloned()
    };
    let f = find("2024-annual", "12", "people_reached", "F").unwrap();
    assert_eq!(&f[col("value")], "26100");
    assert_eq!(&f[col("unit_name")], "Tỉnh Lai Châu");
    assert_eq!(&find("2024-annual", "12", "people_reached", "_T").unwrap()[col("value")], "41970");
    let mt1 = find("2024-annual", "12", "nq28-mt1", "_T").unwrap();
    assert_eq!((&mt1[col("value")], &mt1[col("numerator")], &mt1[col("denominator")]), ("56.25", "18", "32"));
    // A part not reported has no row: it is not a zero.
    assert!(find("2024-annual", "12", "nq28-mt1", "F").is_none());
    // A cell of a breakdown: the province's Project 8 trainees of ethnic
    // minorities, the districts' and the departments' added up (the annual
    // reports of so-ldtbxh, 110 and hoi-lhpn-tinh: 73 + 43 + 111 women).
    let dtts = rows
        .iter()
        .find(|x| {
            x[col("entry")] == *"2024-annual"
                && x[col("unit")] == *"12"
                && x[col("ethnicity")] == *"dtts"
                && x[col("sex")] == *"F"
        })
        .unwrap();
    assert_eq!(&dtts[col("value")], "227");
    // One row per entry, unit, indicator, cell and sex.
    let key = |x: &csv::StringRecord| {
        ["entry", "unit", "indicator", "age", "ethnicity", "sex"].map(|c| x[col(c)].to_string())
    };
    let mut keys: Vec<_> = rows.iter().map(key).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn text_table_in_both_languages() {
    let (plan, s) = lai_chau();
    let vi = to_text(&s, &plan, &Catalog::builtin(), Lang::Vi);
    assert!(vi.contains("Mức độ đầy đủ và tính kịp thời: đã nhận 8/15 đơn vị"), "{vi}");
    assert!(vi.contains("nộp muộn: Huyện Mường Tè"), "{vi}");
    assert!(vi.contains("Báo cáo bị loại do có lỗi: Huyện Tam Đường, Huyện Sìn Hồ"), "{vi}");
    assert!(vi.contains("26.100"), "Vietnamese digit grouping: {vi}");
    assert!(vi.contains("CHƯA ĐẠT"));
    let en = to_text(&s, &plan, &Catalog::builtin(), Lang::En);
    assert!(en.contains("received 8/15 units"), "{en}");
    assert!(en.contains("26,100"));
    assert!(en.contains("NOT ACHIEVED"));
}
