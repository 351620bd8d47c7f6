#!/usr/bin/env bash
# Builds the npm package's WebAssembly: pkg/web (ES module for browsers) and
# pkg/node (CommonJS for Node), optimised with wasm-opt -Oz.
# Needs: the wasm32-unknown-unknown target, and `npm ci` here (for wasm-opt).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
cargo build --quiet --profile wasm --target wasm32-unknown-unknown -p binhdang-wasm
cargo run --quiet --release -p binhdang-wasm-bindgen -- \
  "$ROOT/target/wasm32-unknown-unknown/wasm/binhdang_wasm.wasm" pkg
for t in web node; do
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "pkg/$t/binhdang_bg.wasm" -o "pkg/$t/binhdang_bg.wasm"
done
# wasm-bindgen's Node output is CommonJS; the package itself is an ES module.
echo '{"type": "commonjs"}' > pkg/node/package.json
# The schemas ship as files beside the module (see index.js).
mkdir -p schemas
cp "$ROOT"/schemas/*.schema.json schemas/
# The package's types: wasm-bindgen's, and `schema` from index.js.
mkdir -p types
for t in web node; do
  { cat "pkg/$t/binhdang.d.ts"
    printf '\n/** A JSON Schema (draft 2020-12) by name. */\nexport function schema(name: "plan" | "report" | "catalog" | "finding" | "summary" | "tables" | "limits"): object;\n'
  } > "types/$t.d.ts.new"
done
raw=$(stat -c %s pkg/web/binhdang_bg.wasm)
gz=$(gzip -9 -c pkg/web/binhdang_bg.wasm | wc -c)
echo "binhdang_bg.wasm: $raw bytes, $gz gzipped" >&2
