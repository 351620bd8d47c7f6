//! `binhdang-wasm-bindgen INPUT.wasm OUT_DIR`: writes the browser (ES module)
//! build to OUT_DIR/web and the Node build to OUT_DIR/node.
//!
//! wasm-bindgen's own CLI cannot be installed here, and the version of the
//! CLI must match the `wasm-bindgen` crate exactly; its library crate,
//! pinned to the same version, does the same work.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: binhdang-wasm-bindgen INPUT.wasm OUT_DIR");
        return ExitCode::from(2);
    };
    for target in ["web", "node"] {
        let mut b = wasm_bindgen_cli_support::Bindgen::new();
        // The library defaults to no module path; the CLI (and `await init()`
        // in a page) expects the .wasm beside the JS by default.
        b.input_path(input).out_name("binhdang").typescript(true).omit_default_module_path(false);
        let set = match target {
            "web" => b.web(true).map(|_| ()),
            _ => b.nodejs(true).map(|_| ()),
        };
        let dir = PathBuf::from(out).join(target);
        if let Err(e) = set.and_then(|()| b.generate(&dir)) {
            eprintln!("wasm-bindgen ({target}): {e:#}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
