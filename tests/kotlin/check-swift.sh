#!/usr/bin/env bash
# The Swift side, without a Swift toolchain: the bindings generate from the
# same build, the C headers they need compile (gcc -fsyntax-only), the Swift
# sources name every function the library exports, the core's types are
# generated from the core (BinhdangCore.swift), the entry points' file
# defines no type but Checker and BinhdangError (no hand-written copy), and
# every Swift file parses (a syntax check; no Swift compiler here).
set -euo pipefail
cd "$(dirname "$0")/../.."
bindings/mobile/generate.sh
inc=bindings/mobile/swift/include
# One C module over both headers, as Swift imports it.
grep -q 'header "BinhdangFFI.h"' "$inc/module.modulemap"
grep -q 'header "BinhdangCoreFFI.h"' "$inc/module.modulemap"
# Swift compiles the headers with clang; gcc lacks clang's nullability
# qualifiers, so they are defined away. Included from a C file, as an app would.
printf '#include "BinhdangCoreFFI.h"\n#include "BinhdangFFI.h"\n' | gcc -fsyntax-only -std=c11 -Wall -Werror -D_Nullable= -D_Nonnull= \
  -I "$inc" -x c -
src=bindings/mobile/swift/Sources/Binhdang
swift=$src/Binhdang.swift
core=$src/BinhdangCore.swift
for fn in validateReport validateReports aggregate tables publishedTables checkPlan loadReport defaultLimits schema catalogJson version parseDate parseNumber setLanguage replay transition \
  reportForm readWorkbook validateWorkbook summaryWorkbook; do
  grep -q "^public func $fn(" "$swift" || { echo "Binhdang.swift lacks $fn" >&2; exit 1; }
done
grep -Pzq "public\s+enum BinhdangError" "$swift"
# The entry points take JSON text as a Swift String, and give the core's types.
grep -q '^public func validateReport(report: JsonText, plan: JsonText, .*-> \[Finding\]' "$swift"
grep -q '^public typealias JsonText = String$' "$core"
# The workflow: logs and steps as JSON text, the summary with an optional log, the core's records back.
grep -q '^public func replay(plan: JsonText, events: JsonText, .*-> Replay' "$swift"
grep -q '^public func transition(plan: JsonText, step: JsonText, .*-> Decision' "$swift"
grep -q '^public func aggregate(plan: JsonText, reports: \[JsonText\], asOf: String, events: JsonText? = nil, .*-> Summary' "$swift"
grep -Pzq 'case allowed\(transition: ReportTransition\s*\)' "$core"
grep -Pzq 'case refused\(findings: \[Finding\]\s*\)' "$core"
# Excel workbooks go in and come out as Data; a filled form reads into the core's FilledForm.
grep -q '^public func reportForm(plan: JsonText, unit: String, entry: String).*-> Data' "$swift"
grep -q '^public func readWorkbook(workbook: Data, limits: Limits? = nil).*-> FilledForm' "$swift"
grep -q '^public func validateWorkbook(workbook: Data, plan: JsonText, .*-> \[Finding\]' "$swift"
grep -q '^public func summaryWorkbook(plan: JsonText, reports: \[Data\], asOf: String, .*publish: Bool = false.*-> Data' "$swift"
grep -Pzq 'open func validateWorkbook\(workbook: Data,' "$swift"
# A standing and an event give their JSON, for the app to store.
[[ $(grep -c '^public func toJson() -> String' "$core") -eq 2 ]]
for t in 'struct Finding' 'enum Code' 'enum Severity' 'struct Outcome' 'enum ReportStatus' 'struct Summary' 'struct PeriodSummary' \
  'struct Progress' 'enum Direction' 'struct Tables' 'struct FigureRow' 'struct Limits' 'indirect enum JsonValue' \
  'struct Replay' 'struct ReportStanding' 'struct Standing' 'struct ReportEvent' 'struct ReportTransition' 'enum Decision' \
  'enum ReportState' 'enum Action' 'struct FilledForm'; do
  grep -q "^public $t\b" "$core" || { echo "BinhdangCore.swift lacks $t" >&2; exit 1; }
done
types=$(grep -Po '^public (?:indirect )?(?:struct|enum|class) \K\w+' "$swift" | grep -v '^FfiConverter' || true)
types+=$(grep -Pzo 'public\s+enum \K\w+' "$swift" | tr '\0' ' ')
if [[ $(echo $types | tr ' ' '\n' | sort -u | tr '\n' ' ') != "BinhdangError " ]]; then
  echo "Binhdang.swift defines types of its own: $types" >&2; exit 1
fi
grep -q '^open class Checker' "$swift"
# The Swift parses (tree-sitter's grammar, from the test venv tests/setup fills):
# syntax only, since no Swift compiler runs here.
py=target/py-venv/bin/python
[[ -x $py ]] || py=python3
"$py" tests/kotlin/swift_syntax.py "$src"/*.swift bindings/mobile/swift/Sources/Example/main.swift
echo "Swift bindings generated; BinhdangCoreFFI.h and BinhdangFFI.h compile; the types are the core's; the Swift parses"
