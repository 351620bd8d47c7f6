//! Any bytes as a report against the Lai Châu plan: findings, never a panic;
//! and the reader's fast path reads it as the full reader does.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PLAN: OnceLock<Option<binhdang::Plan>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let plan = PLAN
        .get_or_init(|| binhdang::read::plan_from_str(include_str!("../../../examples/lai-chau-2024/plan.json")).value);
    let Some(plan) = plan else { return };
    let text = String::from_utf8_lossy(data);
    // The fast path reads what the full reader reads, or leaves it to it.
    let limits = binhdang::read::Limits::default();
    let (fast, full) =
        (binhdang::read::report_from_str_with(&text, &limits), binhdang::read::report_from_str_full(&text, &limits));
    assert_eq!((&fast.value, &fast.findings), (&full.value, &full.findings), "the two readers differ on {text:?}");
    let as_of = binhdang::Date::from_ymd(2025, 1, 15);
    if let Some(as_of) = as_of {
        let _ = binhdang::validate::text(plan, &binhdang::Catalog::builtin(), &text, as_of, Default::default());
    }
});
