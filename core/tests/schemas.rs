//! The schemas in `schemas/` are what the code generates.
//! Regenerate them with: `cargo run -- schema --write schemas`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use serde_json::Value;

#[test]
fn checked_in_schemas_match_the_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let mut drift = Vec::new();
    for name in binhdang::schema::NAMES {
        let path = dir.join(format!("{name}.schema.json"));
        let want = binhdang::schema::schema_text(name).unwrap();
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            drift.push(path.display().to_string());
        }
    }
    assert!(
        drift.is_empty(),
        "schemas drifted from the code: {drift:?}\nregenerate: cargo run -- schema --write schemas"
    );
}

#[test]
fn schemas_are_draft_2020_12_with_titles() {
    for name in binhdang::schema::NAMES {
        let s = binhdang::schema::schema(name).unwrap();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()), "{name} has no title");
    }
    let plan = binhdang::schema::schema("plan").unwrap();
    // Doc comments become descriptions.
    assert!(plan["properties"]["number"]["description"].as_str().unwrap().contains("01/KH-BVSTBPN"));
    assert_eq!(binhdang::schema::schema("nope"), None);
}

#[test]
fn ids_carry_the_major_version_and_every_schema_describes_itself() {
    for name in binhdang::schema::NAMES {
        let s = binhdang::schema::schema(name).unwrap();
        assert_eq!(s["$id"], format!("https://binhdang.vn/schemas/v1/{name}.schema.json"), "{name}");
        assert_eq!(s["$id"], binhdang::schema::id(name));
        assert!(s["description"].as_str().is_some_and(|d| !d.is_empty()), "{name} has no description");
    }
}

/// Every subschema (not instance data) of `value`, with its JSON Pointer.
fn subschemas<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((at.clone(), value));
            for (k, v) in map {
                if !["const", "enum", "default", "examples"].contains(&k.as_str()) {
                    subschemas(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                subschemas(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn all_subschemas(name: &str) -> Vec<(String, Value)> {
    let s = binhdang::schema::schema(name).unwrap();
    let mut out = Vec::new();
    subschemas(&s, String::new(), &mut out);
    out.into_iter().map(|(p, v)| (p, v.clone())).collect()
}

#[test]
fn only_formats_of_the_json_schema_vocabulary() {
    // 2020-12, Validation 7.3: ajv refuses a schema with any other format.
    let standard = [
        "date-time",
        "date",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uuid",
        "uri-template",
        "json-pointer",
        "relative-json-pointer",
        "regex",
    ];
    let mut formats = std::collections::BTreeSet::new();
    for name in binhdang::schema::NAMES {
        for (at, s) in all_subschemas(name) {
            if let Some(f) = s.get("format") {
                let f = f.as_str().unwrap();
                assert!(standard.contains(&f), "{name}{at}: format {f}");
                formats.insert(f.to_string());
            }
            // Integers carry their range: no integer a JavaScript number cannot hold exactly.
            let integer = s["type"] == "integer" || s["type"].as_array().is_some_and(|t| t.contains(&"integer".into()));
            if integer {
                let (low, high) = (s["minimum"].as_i64(), s["maximum"].as_i64());
                assert!(low.is_some_and(|l| l >= -MAX) && high.is_some_and(|h| h <= MAX), "{name}{at}: {s}");
            }
        }
    }
    assert_eq!(formats.into_iter().collect::<Vec<_>>(), ["date"]);
}

const MAX: i64 = 9_007_199_254_740_991;

#[test]
fn integer_ranges_are_those_of_the_rust_types() {
    let plan = binhdang::schema::schema("plan").unwrap();
    let year = &plan["properties"]["year"];
    assert_eq!((year["minimum"].as_i64(), year["maximum"].as_i64()), (Some(i32::MIN.into()), Some(i32::MAX.into())));
    let per = &plan["$defs"]["Measure"]["oneOf"][3]["properties"]["per"];
    assert_eq!((per["minimum"].as_i64(), per["maximum"].as_i64()), (Some(0), Some(MAX)));
    let count = &plan["$defs"]["ContentArea"]["properties"]["number"];
    assert_eq!((count["minimum"].as_i64(), count["maximum"].as_i64()), (Some(0), Some(u32::MAX.into())));
    let limits = binhdang::schema::schema("limits").unwrap();
    // usize is 32 bits in WebAssembly: a limit past 2^32 − 1 is refused there.
    assert_eq!(limits["properties"]["max_bytes"]["maximum"].as_i64(), Some(u32::MAX.into()));
    let report = binhdang::schema::schema("report").unwrap();
    assert_eq!(report["$defs"]["Count"]["maximum"].as_i64(), Some(MAX));
}

#[test]
fn every_object_of_the_plan_and_report_has_an_example() {
    for name in ["plan", "report"] {
        for (at, s) in all_subschemas(name) {
            if s["type"] == "object" {
                assert!(s["examples"].as_array().is_some_and(|e| !e.is_empty()), "{name}{at} has no example");
            }
        }
    }
    // Every example lands somewhere: none is left behind by a renamed type.
    for (which, pointer, _) in binhdang::schema::examples() {
        let used = binhdang::schema::NAMES.iter().filter(|n| which == "*" || which == **n).any(|n| {
            binhdang::schema::schema(n).unwrap().pointer(pointer).is_some_and(|s| s.get("examples").is_some())
        });
        assert!(used, "the example for {which} {pointer} is in no schema");
    }
}

#[test]
fn the_whole_examples_are_clean_to_the_library() {
    // Whether an example is valid JSON Schema-wise is checked by ajv and
    // jsonschema (tests/js/schemas.test.mjs, tests/python/test_schemas.py);
    // here, that the library reads them as a person would hope.
    let examples = binhdang::schema::examples();
    let get = |name: &str| examples.iter().find(|(w, p, _)| *w == name && p.is_empty()).unwrap().2.clone();
    let plan = binhdang::read::plan_from_value(get("plan"));
    assert!(plan.findings.is_empty(), "{:?}", plan.findings);
    let (plan, catalog) = (plan.value.unwrap(), binhdang::Catalog::builtin());
    let checked = binhdang::validate::plan(&plan, &catalog);
    assert!(checked.is_empty(), "{checked:?}");
    // The report example is a report on the plan example, with nothing to say about it.
    let as_of = binhdang::calendar::parse_iso("2024-12-31").unwrap();
    let found = binhdang::validate::value(&plan, &catalog, get("report"), as_of, Default::default());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn published_text_is_the_generated_text() {
    for name in binhdang::schema::NAMES {
        let published: serde_json::Value = serde_json::from_str(binhdang::schema::published(name).unwrap()).unwrap();
        assert_eq!(Some(published), binhdang::schema::schema(name), "{name}");
    }
    assert_eq!(binhdang::schema::published("nope"), None);
}
