//! Embeds the bundled Lai Châu 2024 plan and reports, so that `binhdang demo`
//! works from any directory, with no files beside the binary.
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../../examples/lai-chau-2024");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut reports: Vec<PathBuf> = std::fs::read_dir(root.join("reports"))
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    reports.sort();
    let mut code = String::new();
    let _ = writeln!(code, "pub const PLAN: &str = include_str!({:?});", root.join("plan.json").display().to_string());
    let _ = writeln!(code, "pub const REPORTS: &[(&str, &str)] = &[");
    for r in &reports {
        println!("cargo:rerun-if-changed={}", r.display());
        let name = r.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", r.display().to_string());
    }
    let _ = writeln!(code, "];");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(e) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
