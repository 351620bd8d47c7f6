#!/usr/bin/env bash
# The committed TypeScript types are what the code gives: types.d.ts from the
# JSON Schemas, types/{web,node}.d.ts from the wasm-bindgen build.
set -euo pipefail
cd "$(dirname "$0")/../../bindings/wasm"
node scripts/types.mjs --check
for t in web node; do
  if ! cmp -s "types/$t.d.ts" "types/$t.d.ts.new"; then
    diff "types/$t.d.ts" "types/$t.d.ts.new" | head -20
    echo "types/$t.d.ts drifted from the build: run bindings/wasm/build.sh and move types/$t.d.ts.new over it" >&2
    exit 1
  fi
done
echo "TypeScript types match the schemas and the build"
