//! The schemas in `schemas/` are what the code generates.
//! Regenerate them with: `cargo run -- schema --write schemas`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

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
fn published_text_is_the_generated_text() {
    for name in binhdang::schema::NAMES {
        let published: serde_json::Value = serde_json::from_str(binhdang::schema::published(name).unwrap()).unwrap();
        assert_eq!(Some(published), binhdang::schema::schema(name), "{name}");
    }
    assert_eq!(binhdang::schema::published("nope"), None);
}
