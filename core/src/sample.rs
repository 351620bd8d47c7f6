//! Synthetic plans and reports, generated deterministically at a chosen
//! scale: for benchmarks and for load-testing a portal before real data
//! arrives. The same call gives the same bytes on every machine, so every
//! runtime (Rust, Python, Node, Kotlin) can be measured on the same input.
//!
//! The shape follows the 2025 reform: one national root (the ministry),
//! provinces under it, communes under each province. Each commune sends a
//! six-month and an annual report for the year with a value for every
//! indicator of the plan, split by sex: most indicators are counts, one in
//! ten is a percent given as numerator and denominator, one in ten counts
//! victims (sensitive: small counts, for publication). About one report in
//! a hundred has a total that does not match its parts, so the rejected path
//! is measured too.

use serde_json::{json, Value};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// One province of 49 communes (50 units), 40 indicators, 2 periods.
    Province,
    /// The country after 2025: 34 provinces, 3,300 communes, 40 indicators,
    /// 2 periods (6,600 reports, 264,000 values).
    Country,
    /// About this many values (40 per report, two reports per commune,
    /// 100 communes per province): for measuring how time grows.
    Values(usize),
}

/// A generated plan and its reports, as JSON text.
#[derive(Clone, Debug)]
pub struct Sample {
    pub plan: String,
    pub reports: Vec<String>,
    /// Value entries over all reports.
    pub values: usize,
}

/// Indicators of a generated plan.
pub const INDICATORS: usize = 40;

/// Generates the sample of `scale`.
pub fn generate(scale: Scale) -> Sample {
    match scale {
        Scale::Province => build(&[49]),
        Scale::Country => {
            // 3,300 communes over 34 provinces: 2 provinces of 98, 32 of 97.
            let sizes: Vec<usize> = (0..34).map(|p| if p < 2 { 98 } else { 97 }).collect();
            build(&sizes)
        }
        Scale::Values(n) => {
            let communes = n.div_ceil(INDICATORS * 2).max(1);
            let sizes: Vec<usize> =
                (0..communes.div_ceil(100)).map(|p| communes.saturating_sub(p * 100).min(100)).collect();
            build(&sizes)
        }
    }
}

/// A small deterministic hash (SplitMix64) of the pieces of a value's place.
fn mix(parts: &[u64]) -> u64 {
    let mut z: u64 = 0x9E37_79B9_7F4A_7C15;
    for p in parts {
        z = z.wrapping_add(*p).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
    }
    z
}

fn is_percent(i: usize) -> bool {
    i % 10 == 9
}

/// Victims and cases of violence: small counts, withheld when published.
fn is_sensitive(i: usize) -> bool {
    i % 10 == 4
}

fn indicator_id(i: usize) -> String {
    format!("chi-tieu-{:02}", i + 1)
}

fn plan(provinces: &[usize]) -> Value {
    let mut units = vec![json!({"id": "bo-noi-vu", "name": "Bộ Nội vụ", "kind": "ministry"})];
    let mut communes = Vec::new();
    for (p, n) in provinces.iter().enumerate() {
        let pid = format!("t{:02}", p + 1);
        units.push(json!({"id": pid, "name": format!("Tỉnh số {}", p + 1), "kind": "province", "parent": "bo-noi-vu"}));
        for c in 0..*n {
            let cid = format!("{pid}-x{:03}", c + 1);
            units.push(json!({"id": cid, "name": format!("Xã số {} tỉnh số {}", c + 1, p + 1), "kind": "commune", "parent": pid}));
            communes.push(Value::String(cid));
        }
    }
    let indicators: Vec<Value> = (0..INDICATORS)
        .map(|i| {
            let (measure, aggregation) = if is_percent(i) {
                (json!({"type": "percent"}), "ratio_of_sums")
            } else {
                (json!({"type": "count"}), "sum")
            };
            json!({"id": indicator_id(i), "name_vi": format!("Chỉ tiêu số {}", i + 1), "name_en": format!("Indicator {}", i + 1),
                "measure": measure, "by_sex": true, "aggregation": aggregation, "temporal": "flow", "direction": "at_least",
                "unit_vi": if is_percent(i) { "%" } else { "người" }, "unit_en": if is_percent(i) { "%" } else { "people" },
                "source": "Dữ liệu mẫu (binhdang sample)", "sensitive": is_sensitive(i)})
        })
        .collect();
    json!({
        "number": "99/KH-MAU", "issuer": "bo-noi-vu", "place": "Hà Nội", "date": "2026-01-10", "year": 2026,
        "title": "Kế hoạch mẫu để đo hiệu năng", "legal_bases": [], "purposes": ["Đo hiệu năng."],
        "content_areas": [{"number": 1, "title": "Truyền thông", "activities": [{"id": "1.1", "description": "Truyền thông", "lead": "bo-noi-vu"}]}],
        "funding_sources": [{"id": "ns", "name": "Ngân sách nhà nước"}], "roles": [],
        "reporting": {"units": communes, "schedule": [
            {"id": "2026-6m", "kind": "six_month", "period": {"from": "2025-12-15", "to": "2026-06-14"}, "due": "2026-06-05"},
            {"id": "2026-annual", "kind": "annual", "period": {"from": "2025-12-15", "to": "2026-12-14"}, "due": "2026-12-05"}]},
        "recipients": [], "signer": {"name": "Nguyễn Văn A", "titles": ["BỘ TRƯỞNG"]},
        "units": units, "indicators": indicators,
    })
}

fn report(commune: &str, c: u64, annual: bool) -> Value {
    let (kind, to, submitted, factor) =
        if annual { ("annual", "2026-12-14", "2026-12-03", 2) } else { ("six_month", "2026-06-14", "2026-06-03", 1) };
    // One report in a hundred has a total off by one.
    let wrong = mix(&[c, 7]) % 100 == 0;
    let values: Vec<Value> = (0..INDICATORS)
        .map(|i| {
            let h = mix(&[c, i as u64]);
            let (f, m) = if is_sensitive(i) {
                // Half the communes have none; the rest a few, some more.
                let few = |x: u64| if x % 2 == 0 { 0 } else { x % 13 };
                (few(h) * factor, few(h >> 20) * factor)
            } else {
                ((h % 900 + 50) * factor, ((h >> 20) % 800 + 40) * factor)
            };
            if is_percent(i) {
                let (nf, nm) = (f / 3, m / 4);
                json!({"indicator": indicator_id(i), "numerator": {"female": nf, "male": nm, "total": nf + nm},
                    "denominator": {"female": f, "male": m, "total": f + m}})
            } else {
                let total = if wrong && i == 0 { f + m + 1 } else { f + m };
                json!({"indicator": indicator_id(i), "female": f, "male": m, "total": total})
            }
        })
        .collect();
    json!({"plan": "99/KH-MAU", "unit": commune, "kind": kind, "period": {"from": "2025-12-15", "to": to},
        "submitted": submitted, "values": values,
        "funding": [{"source": "ns", "planned": (mix(&[c, 99]) % 500 + 100) * 1_000_000, "spent": (mix(&[c, 98]) % 100) * 1_000_000 * factor}]})
}

fn build(provinces: &[usize]) -> Sample {
    let plan = plan(provinces);
    let mut reports = Vec::new();
    let mut c: u64 = 0;
    for (p, n) in provinces.iter().enumerate() {
        for k in 0..*n {
            let id = format!("t{:02}-x{:03}", p + 1, k + 1);
            for annual in [false, true] {
                reports.push(report(&id, c, annual).to_string());
            }
            c += 1;
        }
    }
    let values = reports.len() * INDICATORS;
    Sample { plan: plan.to_string(), reports, values }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn the_country_has_the_size_it_claims_and_is_the_same_every_time() {
        let s = generate(Scale::Country);
        assert_eq!(s.reports.len(), 6_600);
        assert_eq!(s.values, 264_000);
        let again = generate(Scale::Country);
        assert_eq!(s.reports[1234], again.reports[1234]);
        assert_eq!(generate(Scale::Province).reports.len(), 98);
        assert_eq!(generate(Scale::Values(10_000)).values, 10_000);
    }

    #[test]
    fn the_plan_is_sound_and_only_the_planted_mistakes_are_found() {
        let s = generate(Scale::Values(40_000));
        let plan = crate::read::plan_from_str(&s.plan).value.unwrap();
        let catalog = crate::Catalog::builtin();
        // Due on the 5th with figures cut on the 14th, as in Lai Châu's real plan: a warning only.
        let plan_codes: Vec<&str> = crate::validate::plan(&plan, &catalog).iter().map(|f| f.code.as_str()).collect();
        assert_eq!(plan_codes, ["plan_due_before_period_end", "plan_due_before_period_end"]);
        let inputs = s.reports.iter().map(|t| crate::read::report_from_str(t)).collect();
        let as_of = crate::calendar::parse_iso("2026-12-20").unwrap();
        let b = crate::validate::batch(&plan, &catalog, inputs, as_of, &[]);
        let codes: Vec<&str> = b.outcomes.iter().flat_map(|o| &o.findings).map(|f| f.code.as_str()).collect();
        assert!(!codes.is_empty() && codes.iter().all(|c| *c == "sex_sum_mismatch"), "{codes:?}");
        assert!(codes.len() < s.reports.len() / 50);
    }
}
