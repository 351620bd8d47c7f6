//! Any bytes, split on 0xFF, as a pile of reports: the summary accounts for
//! every one of them, and nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PLAN: OnceLock<Option<binhdang::Plan>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let plan = PLAN.get_or_init(|| {
        binhdang::read::plan_from_str(include_str!("../../../tests/conformance/plans/tree.json")).value
    });
    let Some(plan) = plan else { return };
    let inputs: Vec<_> = data
        .split(|b| *b == 0xFF)
        .map(|part| binhdang::read::report_from_str(&String::from_utf8_lossy(part)))
        .collect();
    let n = inputs.len();
    if let Some(as_of) = binhdang::Date::from_ymd(2025, 2, 1) {
        let s = binhdang::aggregate::aggregate(plan, &binhdang::Catalog::builtin(), inputs, as_of);
        assert_eq!(s.accounting.len(), n, "every report is accounted for");
    }
});
