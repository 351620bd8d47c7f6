#!/usr/bin/env bash
# Builds the npm package's files that are not committed:
#   pkg/binhdang.js, pkg/binhdang_bg.wasm  the form module (wasm-bindgen, web
#                                          target; cargo feature `form`) and
#                                          its .wasm (wasm-opt -Oz)
#   pkg/province.js, pkg/province_bg.wasm  the province module (feature
#                                          `province`), loaded only when asked for
#   pkg/workbook.js, pkg/workbook_bg.wasm  the workbook module (feature
#                                          `workbook`: the core's Excel code),
#                                          loaded only when asked for
#                                          (each .wasm is shared by the browser
#                                          and the Node entries)
#   index.cjs, form.cjs                    the Node entries as CommonJS, for
#                                          `require`: index.node.js bundled by
#                                          esbuild; form.js's names from it
#   schemas/                               the checked-in JSON Schemas, for `schema(name)`
# index.d.ts is committed: `npm run types` writes it from the schemas and
# pkg/*.d.ts, and tests/js/check-types.sh checks it.
# Needs: the wasm32-unknown-unknown target, and `npm ci` here (wasm-opt, esbuild).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
rm -rf pkg
# Panic locations carry source paths into the .wasm; without remapping, the
# module's size (and bytes) would depend on where the clone and cargo's home
# are, and tests/js/check-size.sh would measure a different module on CI.
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$ROOT=/binhdang --remap-path-prefix=$CARGO_HOME_DIR=/cargo"
# module NAME FEATURE: one module of the package, from the one crate built with one feature.
module() {
  cargo build --quiet --profile wasm --target wasm32-unknown-unknown -p binhdang-wasm --no-default-features --features "$2"
  cargo run --quiet --release -p binhdang-wasm-bindgen -- \
    "$TARGET/wasm32-unknown-unknown/wasm/binhdang_wasm.wasm" pkg "$1"
  # `--merge-similar-functions` first makes one function of copies that
  # differ only in constants (generic code monomorphized per type): 0.9 kB
  # less gzipped for the form module, no slower (a keystroke check in Node
  # the same within noise). `--converge` runs -Oz again while it still
  # shrinks the module (what the first round inlined opens more to the
  # second): 1.5 kB less gzipped for the form module, 1.8 and 4 kB for the
  # others, for some 45 s more build. The producers section names the
  # compilers, for no one's use: 0.1 kB. (The target-features section
  # stays: a tool that processes the .wasm again reads the features it
  # needs from it.)
  node_modules/.bin/wasm-opt --merge-similar-functions -Oz --converge --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "pkg/$1_bg.wasm" -o "pkg/$1_bg.wasm"
  echo "pkg/$1_bg.wasm: $(stat -c %s "pkg/$1_bg.wasm") bytes, $(gzip -9 -c "pkg/$1_bg.wasm" | wc -c) gzipped" >&2
}
module binhdang form
module province province
module workbook workbook
# `require("binhdang")`: the same entry, bundled into one CommonJS file beside
# it, where `import.meta.url` becomes this file's URL (so it finds the same
# pkg/*_bg.wasm and schemas/). Node 18 is the oldest it targets.
node_modules/.bin/esbuild index.node.js --bundle --platform=node --format=cjs --target=node18 \
  --log-level=warning --outfile=index.cjs \
  --define:import.meta.url=importMetaUrl \
  --banner:js='"use strict"; const importMetaUrl = require("node:url").pathToFileURL(__filename).href;'
# `require("binhdang/form")`: form.js's names taken from index.cjs, so that a
# program that requires both entries has one form module (a bundle of its
# own would carry a second instance, with its own setLanguage).
node scripts/form-cjs.mjs > form.cjs
rm -rf schemas
mkdir -p schemas
cp "$ROOT"/schemas/*.schema.json schemas/
