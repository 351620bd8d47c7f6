#!/usr/bin/env bash
# Generates the mobile bindings from the built library (uniffi library mode):
# Kotlin into target/mobile/kotlin, Swift into target/mobile/swift, and the
# Swift package's sources under bindings/mobile/swift (build outputs, not
# committed). The .so / .a for Android and iOS are built separately: see README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet -p binhdang-ffi -p uniffi-bindgen
lib=target/debug/libbinhdang_ffi.so
rm -rf target/mobile/kotlin target/mobile/swift
target/debug/uniffi-bindgen generate --no-format --library "$lib" --language kotlin --out-dir target/mobile/kotlin >/dev/null
target/debug/uniffi-bindgen generate --no-format --library "$lib" --language swift --out-dir target/mobile/swift >/dev/null
pkg=bindings/mobile/swift
mkdir -p "$pkg/Sources/Binhdang" "$pkg/include"
cp target/mobile/swift/Binhdang.swift "$pkg/Sources/Binhdang/"
cp target/mobile/swift/BinhdangFFI.h "$pkg/include/"
cp target/mobile/swift/BinhdangFFI.modulemap "$pkg/include/module.modulemap"
echo "generated: target/mobile/kotlin/vn/binhdang/binhdang_ffi.kt, $pkg/Sources/Binhdang/Binhdang.swift, $pkg/include/" >&2
