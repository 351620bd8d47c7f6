#!/usr/bin/env bash
# Each .wasm of the npm package stays under its hard limit, gzipped
# (`gzip -9`) and brotli-compressed (quality 11, as a server precompresses):
#   pkg/binhdang_bg.wasm  the form module, loaded with every form: every
#                         behaviour of a form (reading, validation, Checker,
#                         loadReport, parsing, messages) and nothing else;
#                         limits just above the build of 2026-11-27, with
#                         breakdowns in the core (243,078 gzipped, 195,062
#                         brotli), raised for reports' narrative (reading
#                         and checking it: 246,472 gzipped, 198,964
#                         brotli), raised again for the reader's
#                         fields held on the stack and its lazy paths
#                         (fewer allocations per value: 247,521 gzipped,
#                         197,866 brotli), and for validation's lazily
#                         written pointers (248,198 gzipped, 198,126
#                         brotli; 247,658 and 198,535 with the speed work
#                         of 2026-12-07, source paths remapped by
#                         build.sh; 248,076 and 199,819 with that day's
#                         validation shortcuts and dates written in
#                         place; 247,494 and 198,195 with counts held in
#                         one word; 215,626 and 178,092 with NFC written on
#                         the canonical tables only, the compatibility
#                         tables no longer linked; 214,281 and 177,053
#                         with the strict parser placing its own errors,
#                         serde_path_to_error left out; 202,013 and
#                         165,442 with typed numbers read by serde_json's
#                         reader, core's float parser and its tables no
#                         longer linked; 194,176 and 158,832 with
#                         dimension names quoted, not lowercased, in
#                         messages: Unicode's case tables no longer
#                         linked; 204,182 and 167,060 with serde_json's
#                         `float_roundtrip`, so that every number, typed
#                         or in JSON, reads as the nearest double;
#                         183,848 and 149,223 with NFC on tables of its
#                         own, written from unicode-normalization's;
#                         174,218 and 141,354 with messages' numbers
#                         written from serde_json's digits and typed
#                         numbers read by the strict JSON parser, so
#                         that core's float formatter is not linked;
#                         165,412 and 135,021 with maps and sets filled
#                         by insertion rather than collected, and NFC's
#                         tables sorted by insertion: three fewer sorts
#                         linked; 163,563 and 134,329 with a unit's
#                         reports by kind in three lists, not a map;
#                         163,903 and 134,338 with messages and Excel
#                         cells on one plain-number writer; 2026-12-07;
#                         150,974 and 124,273 with `validateReports`, a
#                         batch, moved to the province module; 150,036
#                         and 123,125 with the catalogue as a table;
#                         148,824 and 122,369 with `wasm-opt --converge`
#                         and the producers section stripped; 149,163
#                         and 122,709 with the error a province or
#                         workbook function throws before its module is
#                         loaded; 148,222 and 122,095 with `wasm-opt
#                         --merge-similar-functions`, 2026-12-08: the
#                         goal of 150 kB met (149,710 with node's zlib at
#                         level 9); see bindings/wasm/README.md.
#   pkg/province_bg.wasm  the province module, loaded when a page asks for
#                         it (adding up, publication, workflow, catalogue);
#                         with the summary's narratives: 333,026 gzipped,
#                         264,399 brotli; 302,526 and 239,330 without the
#                         compatibility tables (2026-12-07); 301,080 and
#                         238,013 without serde_path_to_error; 302,615
#                         and 238,959 with aggregation in two phases (the
#                         reports let go before figures are built);
#                         294,690 and 231,997 with dimension names not
#                         lowercased in messages; 304,760 and 240,690
#                         with serde_json's `float_roundtrip`; 284,328
#                         and 222,571 with NFC on tables of its own;
#                         276,126 and 216,091 without core's float
#                         formatter; 269,128 and 211,548 with three
#                         fewer sorts; 270,392 and 212,752 with
#                         `validateReports` (from the form module);
#                         267,911 and 209,940 with the catalogue as a
#                         table and `wasm-opt --converge`; 266,715 and
#                         209,075 with `--merge-similar-functions`.
#   pkg/workbook_bg.wasm  the workbook module, loaded when a page asks for
#                         it: Excel forms (the core's `excel` feature:
#                         rust_xlsxwriter, calamine, two versions of zip)
#                         with the reader, validation and adding up they
#                         use, SDMX-CSV (`sdmxCsv`) and the consolidated
#                         report as a Word file (the core's `docx`: docx-rs,
#                         some 250 kB gzipped of it); calamine 0.38 and zip 9
#                         (calamine 0.30 panicked on a shared string past its
#                         list, a trap here) took it from 778,978 gzipped to
#                         865,058 before the Word writer. The narrative
#                         sheet of form version 3, the limits on a form's
#                         text and the check for a pasted copy of a row took
#                         it from 1,040,766 to 1,047,155 gzipped (791,641
#                         brotli); with source paths remapped (build.sh)
#                         1,047,488 gzipped, 793,681 brotli. Limits just
#                         above the build measured with all of it (see the
#                         wasm README's size table). Counts held in one
#                         word (2026-12-07) made it smaller gzipped
#                         (1,046,941) and larger with brotli (794,465):
#                         brotli's limit raised by 800 bytes; then
#                         1,017,298 and 764,778 without the compatibility
#                         tables, 1,016,680 and 764,037 without
#                         serde_path_to_error; 1,016,821 and 765,052
#                         with aggregation in two phases; 1,016,551 and
#                         763,941 with dimension names not lowercased;
#                         1,025,234 and 771,853 with `float_roundtrip`
#                         (772,447 brotli on a fresh clone: its brotli
#                         varies by some hundred bytes, so that limit has
#                         room); 1,004,738 and 753,356 with NFC on
#                         tables of its own; 1,005,301 and 753,529 with
#                         messages' numbers from serde_json's digits
#                         (calamine and rust_xlsxwriter keep core's float
#                         formatter linked here); 999,736 and 751,093
#                         with three fewer sorts; 994,576 and 745,794
#                         with the catalogue as a table and `wasm-opt
#                         --converge`; 986,100 and 743,404 with
#                         `--merge-similar-functions`.
set -euo pipefail
pkg="$(dirname "$0")/../../bindings/wasm/pkg"
status=0
check() { # file, gzip limit, brotli limit
  local wasm=$pkg/$1 raw gz br
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  br=$(node -e 'const z = require("node:zlib"); const b = require("node:fs").readFileSync(process.argv[1]);
    console.log(z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length)' "$wasm")
  echo "$1: $raw bytes raw, $gz gzipped (limit $2), $br brotli (limit $3)"
  [[ $gz -lt $2 && $br -lt $3 ]] || { echo "$1 is over its limit" >&2; status=1; }
}
check binhdang_bg.wasm 148600 122500
check province_bg.wasm 267100 209500
check workbook_bg.wasm 986600 744200
exit $status
