#!/usr/bin/env bash
# Generates the mobile bindings from the built library (uniffi library mode).
# Two uniffi components go into it: the core's types (crate `binhdang`, its
# `uniffi` feature; config core/uniffi.toml) and the entry points (crate
# `binhdang-ffi`; config bindings/mobile/uniffi.toml).
#   Kotlin: target/mobile/kotlin/vn/binhdang/binhdang_ffi.kt (functions, package
#           vn.binhdang) and vn/binhdang/core/binhdang.kt (types, vn.binhdang.core).
#   Swift:  target/mobile/swift/{Binhdang,BinhdangCore}.swift, one Swift module,
#           over one C module BinhdangFFI (both headers, one module.modulemap);
#           copied into the Swift package under bindings/mobile/swift.
# Build outputs, not committed. The .so / .a for Android and iOS are built
# separately: see README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet -p binhdang-ffi -p uniffi-bindgen
lib=target/debug/libbinhdang_ffi.so
rm -rf target/mobile/kotlin target/mobile/swift
target/debug/uniffi-bindgen generate --no-format --library "$lib" --language kotlin --out-dir target/mobile/kotlin >/dev/null
target/debug/uniffi-bindgen-swift --swift-sources --headers --modulemap --module-name BinhdangFFI \
  --modulemap-filename module.modulemap "$lib" target/mobile/swift >/dev/null
pkg=bindings/mobile/swift
rm -rf "$pkg/Sources/Binhdang" "$pkg/include"
mkdir -p "$pkg/Sources/Binhdang" "$pkg/include"
cp target/mobile/swift/*.swift "$pkg/Sources/Binhdang/"
cp target/mobile/swift/*.h target/mobile/swift/module.modulemap "$pkg/include/"
echo "generated: target/mobile/kotlin/vn/binhdang/{binhdang_ffi.kt,core/binhdang.kt}, $pkg/Sources/Binhdang/, $pkg/include/" >&2
