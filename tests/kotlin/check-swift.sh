#!/usr/bin/env bash
# The Swift side, without a Swift toolchain: the bindings generate from the
# same build, the C header they need compiles (gcc -fsyntax-only), and the
# Swift sources name every function the library exports.
set -euo pipefail
cd "$(dirname "$0")/../.."
bindings/mobile/generate.sh
# Swift compiles the header with clang; gcc lacks clang's nullability
# qualifiers, so they are defined away. Included from a C file, as an app would.
echo '#include "BinhdangFFI.h"' | gcc -fsyntax-only -std=c11 -Wall -Werror -D_Nullable= -D_Nonnull= \
  -I bindings/mobile/swift/include -x c -
swift=bindings/mobile/swift/Sources/Binhdang/Binhdang.swift
for fn in validateReport validateReports aggregate checkPlan schema catalogJson version parseDate parseNumber setLanguage publishedFigures; do
  grep -q "^public func $fn(" "$swift" || { echo "Binhdang.swift lacks $fn" >&2; exit 1; }
done
grep -Pzq "public\s+enum BinhdangError" "$swift"
echo "Swift bindings generated; BinhdangFFI.h compiles"
