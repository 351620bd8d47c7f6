//! Minifies the checked-in schemas for `schema::published`, so that hosts
//! that embed them (the WebAssembly module) carry no indentation.
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../schemas");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed={}", dir.display());
    for name in [
        "plan",
        "report",
        "catalog",
        "finding",
        "summary",
        "tables",
        "limits",
        "events",
        "step",
        "transition",
        "replay",
    ] {
        let path = dir.join(format!("{name}.schema.json"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Keep every character but the whitespace between tokens.
        let min = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => serde_json::to_string(&v).unwrap_or(text),
            Err(_) => text,
        };
        if let Err(e) = std::fs::write(out.join(format!("{name}.schema.min.json")), min) {
            println!("cargo:warning=cannot write the minified {name} schema: {e}");
        }
    }
}
