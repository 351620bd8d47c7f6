#!/usr/bin/env bash
# Builds the npm package's files that are not committed:
#   pkg/binhdang.js, pkg/binhdang_bg.wasm  the module (wasm-bindgen, web target)
#                                          and its one .wasm (wasm-opt -Oz), shared
#                                          by the browser and the Node entries
#   index.cjs                              the Node entry (index.node.js) as CommonJS,
#                                          for `require` (esbuild)
#   schemas/                               the checked-in JSON Schemas, for `schema(name)`
# index.d.ts is committed: `npm run types` writes it from the schemas and
# pkg/binhdang.d.ts, and tests/js/check-types.sh checks it.
# Needs: the wasm32-unknown-unknown target, and `npm ci` here (wasm-opt, esbuild).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
cargo build --quiet --profile wasm --target wasm32-unknown-unknown -p binhdang-wasm
rm -rf pkg
cargo run --quiet --release -p binhdang-wasm-bindgen -- \
  "$ROOT/target/wasm32-unknown-unknown/wasm/binhdang_wasm.wasm" pkg
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  pkg/binhdang_bg.wasm -o pkg/binhdang_bg.wasm
# `require("binhdang")`: the same entry, bundled into one CommonJS file beside
# it, where `import.meta.url` becomes this file's URL (so it finds the same
# pkg/binhdang_bg.wasm and schemas/). Node 18 is the oldest it targets.
node_modules/.bin/esbuild index.node.js --bundle --platform=node --format=cjs --target=node18 \
  --log-level=warning --outfile=index.cjs \
  --define:import.meta.url=importMetaUrl \
  --banner:js='"use strict"; const importMetaUrl = require("node:url").pathToFileURL(__filename).href;'
rm -rf schemas
mkdir -p schemas
cp "$ROOT"/schemas/*.schema.json schemas/
raw=$(stat -c %s pkg/binhdang_bg.wasm)
gz=$(gzip -9 -c pkg/binhdang_bg.wasm | wc -c)
echo "binhdang_bg.wasm: $raw bytes, $gz gzipped" >&2
