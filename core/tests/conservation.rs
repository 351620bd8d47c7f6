//! Conservation: every number a unit reported lands somewhere a person can
//! see. For any pile of reports (right and wrong shapes, every measure,
//! unknown fields, duplicates, rejected and superseded reports), each number
//! in each input report is either counted in the summary (it fed the figure,
//! the activity output or the funding total it belongs to) or named by a
//! finding or an accounting entry of that report. Nothing is dropped in
//! silence.
//!
//! The check walks the input JSON itself, not the typed report, so a field
//! the model does not know, or one added to the model later without a place
//! in the summary, makes it fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use binhdang::aggregate::{aggregate, Figure, Parts, PeriodSummary, Summary};
use binhdang::catalog::Lookup;
use binhdang::read;
use binhdang::validate::{Outcome, Status};
use binhdang::{Aggregation, Catalog, Count, IndicatorId, Plan};
use proptest::prelude::*;
use serde_json::{json, Value};

fn plan(relaxed: bool) -> Plan {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/plans/tree.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    if relaxed {
        // A plan that lets wrong shapes through as warnings: the numbers they
        // hold are then used with a finding that names them.
        let warn = |c: &str| (c.to_string(), json!("warning"));
        v["rules"] = json!({"severity": serde_json::Map::from_iter([
            warn("field_not_for_measure"), warn("numerator_denominator_required"), warn("duplicate_value"),
            warn("sex_breakdown_required"), warn("sex_sum_mismatch"), warn("numerator_exceeds_denominator"),
            warn("zero_denominator"), warn("unknown_field"),
        ])});
    }
    read::plan_from_value(v).value.unwrap()
}

const UNITS: &[&str] = &["sld", "x1", "x2", "x3", "105", "12"];
const INDICATORS: &[&str] =
    &["people_reached", "training_classes", "funds_spent", "nq28-mt1", "nq28-mt3-1", "nq28-mt4-1", "no-such-indicator"];
const FIELDS: &[&str] = &["female", "male", "total", "numerator", "denominator", "stated", "value", "comment"];

/// A value entry with a random set of fields, right or wrong for its indicator.
fn entry() -> impl Strategy<Value = Value> {
    (0..INDICATORS.len(), proptest::collection::vec((0..FIELDS.len(), 0u64..60, any::<bool>()), 0..5)).prop_map(
        |(ind, fields)| {
            let mut e = json!({"indicator": INDICATORS[ind]});
            for (f, n, null) in fields {
                let name = FIELDS[f];
                e[name] = match name {
                    _ if null => Value::Null,
                    "numerator" | "denominator" => json!({"female": n / 2, "male": n - n / 2, "total": n}),
                    "stated" => json!(n as f64 / 2.0),
                    "comment" => json!("ghi chú"),
                    _ => json!(n),
                };
            }
            e
        },
    )
}

fn report() -> impl Strategy<Value = Value> {
    (
        0..UNITS.len(),
        any::<bool>(),
        1u32..28,
        proptest::collection::vec(entry(), 0..5),
        proptest::collection::vec((any::<bool>(), proptest::collection::vec(entry(), 0..3)), 0..3),
        proptest::collection::vec((any::<bool>(), 0u64..1_000_000, proptest::option::of(0u64..9)), 0..3),
        proptest::option::of(0u64..100),
    )
        .prop_map(|(u, annual, day, values, activities, funding, stray)| {
            let (kind, period, month) = if annual {
                ("annual", json!({"from": "2024-01-01", "to": "2024-12-31"}), "2025-01")
            } else {
                ("six_month", json!({"from": "2024-01-01", "to": "2024-06-30"}), "2024-07")
            };
            let activities: Vec<Value> = activities
                .into_iter()
                .map(|(second, outputs)| {
                    json!({"activity": if second { "1.2" } else { "1.1" }, "status": "done", "outputs": outputs})
                })
                .collect();
            let funding: Vec<Value> = funding
                .into_iter()
                .map(|(spent, n, extra)| {
                    let mut line = json!({"source": "ns"});
                    line[if spent { "spent" } else { "planned" }] = json!(n);
                    if let Some(x) = extra {
                        line["total"] = json!(x);
                    }
                    line
                })
                .collect();
            let mut r = json!({"plan": "03/KH-TONGHOP", "unit": UNITS[u], "kind": kind, "period": period,
                "submitted": format!("{month}-{day:02}"), "values": values, "activities": activities,
                "funding": funding});
            if let Some(n) = stray {
                r["population"] = json!(n);
            }
            r
        })
}

/// Every number in `v` with its JSON Pointer.
fn numbers(v: &Value, at: String, out: &mut Vec<(String, f64)>) {
    match v {
        Value::Number(n) => out.push((at, n.as_f64().unwrap())),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| numbers(x, format!("{at}/{i}"), out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| numbers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// The part of a figure's parts a field names.
fn part(p: &Parts, field: &str) -> Option<Count> {
    match field {
        "female" => p.female,
        "male" => p.male,
        _ => p.total,
    }
}

/// Whether `n` reached the figure `f` at `field` (within `fraction` for a numerator or denominator).
fn fed(f: Option<&Figure>, fraction: Option<&str>, field: &str, n: f64) -> bool {
    let Some(f) = f else { return false };
    let parts = match fraction {
        Some("numerator") => f.numerator.as_ref(),
        Some("denominator") => f.denominator.as_ref(),
        _ => Some(&f.counts),
    };
    // A figure is the unit's own value plus its children's: at least this number.
    parts.and_then(|p| part(p, field)).is_some_and(|c| c.get() as f64 >= n)
}

/// Where one number of a used report landed, or why it did not.
fn landed(lookup: &Lookup, s: &Summary, p: &PeriodSummary, o: &Outcome, input: &Value, at: &str, n: f64) -> bool {
    let unit = o.unit.as_ref().unwrap();
    let seg: Vec<&str> = at.split('/').skip(1).collect();
    let overflowed = |indicator: &str| {
        s.findings.iter().any(|f| f.context.get("indicator").and_then(Value::as_str) == Some(indicator))
    };
    let value_at = |entry: &Value, rest: &[&str], figure: Option<&Figure>| -> bool {
        let id = entry["indicator"].as_str().unwrap_or_default();
        let Some(ind) = lookup.indicator(&IndicatorId::from(id)) else { return false };
        if overflowed(id) {
            return true;
        }
        match rest {
            [field @ ("female" | "male" | "total")] => fed(figure, None, field, n),
            [fraction @ ("numerator" | "denominator"), field] => fed(figure, Some(fraction), field, n),
            ["stated"] if ind.aggregation == Aggregation::NotAdditive => figure.and_then(|f| f.value) == Some(n),
            // A stated percent is checked against numerator ÷ denominator: a
            // `stated_percent_mismatch` names it when it is off.
            ["stated"] => {
                let total = |s: &str| entry[s]["total"].as_f64();
                let computed = match (total("numerator"), total("denominator")) {
                    (Some(a), Some(b)) if b > 0.0 => Some(a / b * ind.measure.scale()),
                    _ => None,
                };
                computed.is_some_and(|c| (c - n).abs() <= 0.05 + 1e-9)
            }
            _ => false,
        }
    };
    match seg.as_slice() {
        ["values", i, rest @ ..] => {
            let entry = &input["values"][i.parse::<usize>().unwrap()];
            let id = entry["indicator"].as_str().unwrap_or_default();
            value_at(entry, rest, p.figure(unit.as_str(), id))
        }
        ["activities", j, "outputs", k, rest @ ..] => {
            let act = &input["activities"][j.parse::<usize>().unwrap()];
            let entry = &act["outputs"][k.parse::<usize>().unwrap()];
            let id = entry["indicator"].as_str().unwrap_or_default();
            let tally = p
                .activities
                .iter()
                .flat_map(|a| &a.activities)
                .find(|a| Some(a.activity.as_str()) == act["activity"].as_str());
            // A figure that is not added up stays the unit's own; the others are the province's.
            let outputs = tally.map(|t| t.outputs.as_slice()).unwrap_or_default();
            let own = outputs.iter().find(|f| f.indicator.as_str() == id && &f.unit == unit);
            value_at(entry, rest, own.or_else(|| outputs.iter().find(|f| f.indicator.as_str() == id)))
        }
        ["funding", j, field @ ("planned" | "spent")] => {
            let line = &input["funding"][j.parse::<usize>().unwrap()];
            let total = p.funding.iter().find(|f| Some(f.source.as_str()) == line["source"].as_str());
            let sum = total.and_then(|t| if *field == "planned" { t.planned } else { t.spent });
            sum.is_some_and(|c| c.get() as f64 >= n) || s.findings.iter().any(|f| f.code == binhdang::Code::Overflow)
        }
        _ => false,
    }
}

/// The item a number belongs to: a value entry, an output or a funding line
/// (a finding anywhere in it names the number), or the number's own place.
fn item(at: &str) -> String {
    let seg: Vec<&str> = at.split('/').collect();
    let keep = match seg.get(1) {
        Some(&"values") | Some(&"funding") => 3,
        Some(&"activities") if seg.get(3) == Some(&"outputs") => 5,
        _ => seg.len(),
    };
    seg[..keep.min(seg.len())].join("/")
}

fn check(plan: &Plan, reports: &[Value]) -> Result<(), TestCaseError> {
    let inputs = reports.iter().map(|r| read::report_from_value(r.clone())).collect();
    let catalog = Catalog::builtin();
    let s = aggregate(plan, &catalog, inputs, binhdang::calendar::parse_iso("2025-03-01").unwrap());
    let lookup = Lookup::new(plan, &catalog);
    prop_assert_eq!(s.accounting.len(), reports.len());
    for (o, input) in s.accounting.iter().zip(reports) {
        // A rejected or superseded report is named by its accounting entry, with its findings.
        if o.status != Status::Used {
            continue;
        }
        let p = s.periods.iter().find(|p| Some(p.kind) == o.kind && Some(p.period) == o.period).unwrap();
        let mut found = Vec::new();
        numbers(input, String::new(), &mut found);
        for (at, n) in found {
            let root = item(&at);
            let named =
                o.findings.iter().any(|f| !f.path.is_empty() && (f.path.starts_with(&root) || at.starts_with(&f.path)));
            prop_assert!(
                named || landed(&lookup, &s, p, o, input, &at, n),
                "report {} ({:?}): the number {} at {} reached no total and no finding names it; findings: {:?}",
                o.index,
                o.unit,
                n,
                at,
                o.findings.iter().map(|f| (&f.code, &f.path)).collect::<Vec<_>>()
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_reported_number_lands_somewhere(reports in proptest::collection::vec(report(), 0..8), relaxed in any::<bool>()) {
        check(&plan(relaxed), &reports)?;
    }
}
