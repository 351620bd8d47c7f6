#!/usr/bin/env bash
# The worst inputs within the default limits (tests/bench/worst_inputs.py
# writes them): time and peak memory of each with the release CLI, as the
# rows of RELIABILITY.md's table.   tests/bench/worst_run.sh /tmp/worst
set -uo pipefail
W=${1:-/tmp/worst}
cd "$(dirname "$0")/../.."
cargo build -q --release -p binhdang-cli
B=target/release/binhdang
P=examples/lai-chau-2024/plan.json
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$W/time" "$@" >/dev/null 2>/dev/null
  read -r secs kb < <(tail -1 "$W/time")
  printf '| %s | %s s | %s MB |\n' "$label" "$secs" "$((kb / 1024))"
}
run "validate: 199,900 nulls in a report's activities (1.2 MB, every one malformed; 1,000 findings kept)" $B validate --as-of 2024-12-31 --format json --plan $P $W/nulls.json
run "validate: 10,000 values, each with an unknown indicator and a wrong total" $B validate --as-of 2024-12-31 --format json --plan $P $W/values.json
run "check-plan: a chain of 33,000 units (2.6 MB)" $B check-plan --format json $W/chain-plan.json
run "check-plan: a loop of 33,000 units" $B check-plan --format json $W/loop-plan.json
run "aggregate: 25,000 communes under one province, a report each" $B aggregate --as-of 2025-02-01 --format json --plan $W/wide-plan.json $W/wide-reports
run "aggregate --publish: the same, published" $B aggregate --as-of 2025-02-01 --format csv --publish --plan $W/wide-plan.json $W/wide-reports
run "validate: 50,000 reports of one unit, each period distinct" $B validate --as-of 2030-01-01 --format json --plan $W/wide-plan.json $W/one-unit
