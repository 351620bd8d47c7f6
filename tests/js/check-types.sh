#!/usr/bin/env bash
# The committed declaration file, bindings/wasm/index.d.ts, is what the JSON
# Schemas and the wasm-bindgen build give (scripts/types.mjs --check); and it
# is the only one the package has.
set -euo pipefail
cd "$(dirname "$0")/../../bindings/wasm"
node scripts/types.mjs --check
others=$(git ls-files '*.d.ts' '*.d.cts' '*.d.mts' | grep -v '^index\.d\.ts$' || true)
if [[ -n $others ]]; then
  echo "declaration files besides index.d.ts: $others" >&2
  exit 1
fi
