// binhdang's WebAssembly against ajv on one form, per call, in the same run
// (see BENCHMARKS.md).
//   node tests/bench/node_bench.mjs OUT.json
// The form is a bundled Lai Châu report; ajv checks only its shape with the
// same schema file; binhdang checks everything (shape, every rule, messages
// in two languages) with the plan read once (`Checker`) and, for reference,
// with the plan read on every call (`validateReport`).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as binhdang from "binhdang";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const plan = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/plan.json"), "utf8"));
const formText = readFileSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), "utf8");
const form = JSON.parse(formText);
const options = { asOf: "2024-06-04" };

/** Mean microseconds per call: the best of five rounds of `n` calls, after a warm-up. */
function perCall(fn, n) {
  for (let i = 0; i < n / 10; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1000 / n);
  }
  return best;
}

// Formats on (the schema's dates are checked too), every error collected.
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const shape = ajv.compile(await binhdang.schema("report"));
if (!shape(form)) throw new Error("ajv rejects the form: " + JSON.stringify(shape.errors));
const checker = new binhdang.Checker(plan);
// The form has one mistake on purpose (a total that does not add up): both say so.
const found = checker.validateReport(form, options).map((f) => f.code);
if (found.join() !== "sex_sum_mismatch") throw new Error("unexpected findings " + found);

const wasm = join(ROOT, "bindings/wasm/pkg/binhdang_bg.wasm");
const results = {
  node: process.version,
  ajv_us: perCall(() => shape(form), 200000),
  checker_us: perCall(() => checker.validateReport(form, options), 20000),
  // The form as the JSON text a portal may already hold (no JSON.stringify).
  checker_text_us: perCall(() => checker.validateReport(formText, options), 20000),
  validate_report_us: perCall(() => binhdang.validateReport(form, plan, options), 500),
  wasm_bytes: statSync(wasm).size,
  wasm_gzip_bytes: gzipSync(readFileSync(wasm), { level: 9 }).length,
  wasm_brotli_bytes: brotliCompressSync(readFileSync(wasm), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};
writeFileSync(process.argv[2], JSON.stringify(results, null, 1) + "\n");
console.log(results);
