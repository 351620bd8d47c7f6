#!/usr/bin/env bash
# The .wasm a portal loads must stay under 255 kB gzipped (a hard limit,
# raised from 250 kB when the Checker class and loadReport came in; the goal,
# 150 kB, is not met: see BENCHMARKS.md).
set -euo pipefail
wasm="$(dirname "$0")/../../bindings/wasm/pkg/binhdang_bg.wasm"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "binhdang_bg.wasm: $raw bytes raw, $gz bytes gzipped (limit 255000)"
[[ $gz -lt 255000 ]]
