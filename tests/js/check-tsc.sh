#!/usr/bin/env bash
# The package's one declaration file passes `tsc --strict` (skipLibCheck off)
# with the settings a project may have: tsconfig.json (a bundler's), the
# defaults, and Node's `nodenext` for an ES module and a CommonJS file.
set -euo pipefail
cd "$(dirname "$0")"
tsc=../../bindings/wasm/node_modules/.bin/tsc
echo "tsconfig.json (bundler)"; $tsc -p tsconfig.json
echo "defaults"; $tsc --ignoreConfig --strict --noEmit typed.ts
echo "nodenext, ES module"; $tsc --ignoreConfig --strict --noEmit --module nodenext --moduleResolution nodenext typed.ts
echo "nodenext, CommonJS"; $tsc --ignoreConfig --strict --noEmit --module nodenext --moduleResolution nodenext typed-require.cts
echo "every way passes"
