//! `cargo run -p uniffi-bindgen --bin uniffi-bindgen-swift -- LIB DIR --swift-sources --headers --modulemap`:
//! the Swift sources of every crate in the library, their headers, and one
//! modulemap over all the headers (one C module for the one Swift module).
fn main() {
    uniffi::uniffi_bindgen_swift()
}
