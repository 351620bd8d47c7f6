#!/usr/bin/env bash
# The committed declaration file, bindings/wasm/index.d.ts, is what the JSON
# Schemas and the wasm-bindgen build give (scripts/types.mjs --check); it
# is the only one that declares anything. form.d.ts, the form entry's
# (`binhdang/form`), only re-exports from it the names form.js exports, as
# the same script writes it.
set -euo pipefail
cd "$(dirname "$0")/../../bindings/wasm"
node scripts/types.mjs --check
others=$(git ls-files '*.d.ts' '*.d.cts' '*.d.mts' | grep -v -e '^index\.d\.ts$' -e '^form\.d\.ts$' || true)
if [[ -n $others ]]; then
  echo "declaration files besides index.d.ts and form.d.ts: $others" >&2
  exit 1
fi
