//! Filled Excel forms (`excel::read_form`): a report or findings, never a
//! panic (libFuzzer's hook aborts on any panic, even one the reader would
//! catch). Mutating a zip's bytes mostly breaks its checksums, so the first
//! byte picks what the rest becomes:
//! - 0: the whole workbook, as bytes;
//! - 1: the indicator sheet's XML inside a real form (stored, checksums right);
//! - 2: the hidden sheet's XML (what reading back trusts);
//! - 3: the shared strings' XML (the text every sheet points into).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::sync::OnceLock;

/// The parts of Huyện Nậm Nhùn's annual form.
static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();

fn parts() -> &'static [(String, Vec<u8>)] {
    PARTS.get_or_init(|| {
        let plan = binhdang::read::plan_from_str(include_str!("../../../examples/lai-chau-2024/plan.json"))
            .value
            .expect("the example plan reads");
        let bytes = binhdang::excel::form(&plan, &binhdang::Catalog::builtin(), &"112".into(), "2024-annual")
            .expect("the form is made");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the form is a zip");
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).expect("a part");
                let name = part.name().expect("a name").to_string();
                let mut data = Vec::new();
                part.read_to_end(&mut data).expect("a part unpacks");
                (name, data)
            })
            .collect()
    })
}

/// The hidden sheet's part: the last worksheet (after values, activities,
/// outputs and funding).
fn hidden_sheet() -> String {
    let number = |n: &str| n.trim_start_matches("xl/worksheets/sheet").trim_end_matches(".xml").parse::<u32>().ok();
    parts().iter().filter_map(|(n, _)| number(n).map(|k| (k, n))).max().map(|(_, n)| n.clone()).unwrap_or_default()
}

/// The form with one part replaced, stored (not compressed).
fn with_part(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, d) in parts() {
        if out.start_file(n.as_str(), stored).is_err() {
            return Vec::new();
        }
        let _ = out.write_all(if n == name { data } else { d });
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = match mode % 4 {
        0 => rest.to_vec(),
        1 => with_part("xl/worksheets/sheet1.xml", rest),
        2 => with_part(&hidden_sheet(), rest),
        _ => with_part("xl/sharedStrings.xml", rest),
    };
    let back = binhdang::excel::read_form(&bytes, &binhdang::read::Limits::default());
    // Something is said about every workbook: a report, or why not.
    assert!(back.read.value.is_some() || !back.read.findings.is_empty());
});
