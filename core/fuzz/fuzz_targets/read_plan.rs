//! Any bytes as a plan: reading and checking it never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let read = binhdang::read::plan_from_str(&text);
    if let Some(plan) = read.value {
        let _ = binhdang::validate::plan(&plan, &binhdang::Catalog::builtin());
    }
});
