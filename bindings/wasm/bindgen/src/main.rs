//! `binhdang-wasm-bindgen INPUT.wasm OUT_DIR`: writes the package's one
//! build to OUT_DIR: an ES module (`binhdang.js`, with `init` and `initSync`),
//! its `.wasm` and wasm-bindgen's declarations. The browser and the Node
//! entries both load this one module and this one `.wasm`.
//!
//! wasm-bindgen's own CLI cannot be installed here, and the version of the
//! CLI must match the `wasm-bindgen` crate exactly; its library crate,
//! pinned to the same version, does the same work.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: binhdang-wasm-bindgen INPUT.wasm OUT_DIR");
        return ExitCode::from(2);
    };
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    // The library defaults to no module path; the CLI (and `await init()`
    // in a page) expects the .wasm beside the JS by default.
    b.input_path(input).out_name("binhdang").typescript(true).omit_default_module_path(false);
    if let Err(e) = b.web(true).map(|_| ()).and_then(|()| b.generate(out)) {
        eprintln!("wasm-bindgen: {e:#}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
