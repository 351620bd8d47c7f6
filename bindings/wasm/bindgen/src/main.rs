//! `binhdang-wasm-bindgen INPUT.wasm OUT_DIR NAME`: writes one module of
//! the package to OUT_DIR: an ES module (`NAME.js`, with `init` and
//! `initSync`), its `.wasm` (`NAME_bg.wasm`) and wasm-bindgen's
//! declarations. The browser and the Node entries both load this one ES
//! module and this one `.wasm` (build.sh runs it for each of the package's
//! three modules, `binhdang`, `province` and `workbook`).
//!
//! wasm-bindgen's own CLI cannot be installed here, and the version of the
//! CLI must match the `wasm-bindgen` crate exactly; its library crate,
//! pinned to the same version, does the same work.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out), Some(name)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: binhdang-wasm-bindgen INPUT.wasm OUT_DIR NAME");
        return ExitCode::from(2);
    };
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    // The library defaults to no module path; the CLI (and `await init()`
    // in a page) expects the .wasm beside the JS by default.
    b.input_path(input).out_name(name).typescript(true).omit_default_module_path(false);
    if let Err(e) = b.web(true).map(|_| ()).and_then(|()| b.generate(out)) {
        eprintln!("wasm-bindgen: {e:#}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
