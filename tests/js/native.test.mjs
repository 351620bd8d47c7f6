// Plain JavaScript values as plans and reports are read by the same rules as
// JSON text: what JSON cannot hold (NaN, an infinite number, a BigInt, a
// cycle, a getter or toJSON that throws, a lone surrogate) is a `malformed`
// finding at its JSON Pointer, never a silent null, an exception or a trap;
// what JSON.stringify leaves out stays left out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";
import { ROOT } from "./vectors.mjs";

const plan = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/plan.json"), "utf8"));
const REPORT = readFileSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), "utf8");
/** A fresh copy of the report whose row 1 has total 130 (70 women + 55 men), changed by `change`. */
const report = (change) => {
  const r = JSON.parse(REPORT);
  change(r);
  return r;
};
const asOf = "2025-01-15";
const brief = (findings) => findings.map((f) => [f.code, f.path, f.context.problem ?? null]);

// [what, the change to the report, the finding: code, JSON Pointer, context.problem]
const CASES = [
  ["NaN", (r) => (r.values[1].total = NaN), ["malformed", "/values/1/total", "not_a_number"]],
  ["Infinity", (r) => (r.values[1].total = Infinity), ["malformed", "/values/1/total", "number_out_of_range"]],
  ["-Infinity", (r) => (r.values[1].female = -Infinity), ["malformed", "/values/1/female", "number_out_of_range"]],
  ["a BigInt", (r) => (r.values[1].total = 130n), ["malformed", "/values/1/total", "big_integer"]],
  ["a cycle", (r) => (r.values[1].self = r.values[1]), ["malformed", "/values/1/self", "cycle"]],
  ["a cycle through an array", (r) => r.values.push(r.values), ["malformed", `/values/${JSON.parse(REPORT).values.length}`, "cycle"]],
  ["a throwing getter", (r) => Object.defineProperty(r.values[1], "total", { enumerable: true, get() { throw new Error("no"); } }),
    ["malformed", "/values/1/total", "unreadable_value"]],
  ["a throwing toJSON", (r) => (r.values[1].total = { toJSON() { throw new Error("no"); } }), ["malformed", "/values/1/total", "unreadable_value"]],
  ["a lone surrogate in a value", (r) => (r.unit = "10\uD800"), ["malformed", "/unit", "lone_surrogate"]],
  ["a lone surrogate in a key", (r) => (r.values[1]["x\uDC00"] = 1), ["malformed", "/values/1", "lone_surrogate"]],
];

for (const [what, change, expected] of CASES) {
  test(`${what} is a malformed finding at its pointer`, () => {
    const r = report(change);
    assert.deepEqual(brief(binhdang.validateReport(r, plan, { asOf })), [expected]);
    // Every entry point reads a value the same way.
    assert.deepEqual(brief(new binhdang.Checker(plan).validateReport(r, { asOf })), [expected]);
    const [outcome] = binhdang.validateReports([r], plan, { asOf });
    assert.equal(outcome.status, "rejected");
    assert.deepEqual(brief(outcome.findings), [expected]);
    assert.throws(() => binhdang.loadReport(r), (e) => e.name === "BinhdangError" && brief(e.findings)[0].join() === expected.join());
    const summary = binhdang.aggregate(plan, [r], asOf);
    assert.deepEqual(brief(summary.accounting[0].findings), [expected]);
  });
}

test("a plan given as a value is read by the same rules", () => {
  const bad = { ...plan, year: NaN };
  assert.throws(() => new binhdang.Checker(bad), (e) => {
    assert.equal(e.name, "BinhdangError");
    assert.deepEqual(brief(e.findings), [["malformed", "/year", "not_a_number"]]);
    return true;
  });
});

test("a lone surrogate in JSON text is the core's lone_surrogate finding, for a report and for a plan", () => {
  const text = REPORT.replace('"unit": "106"', '"unit": "10\uD800"');
  assert.notEqual(text, REPORT);
  assert.deepEqual(brief(binhdang.validateReport(text, plan, { asOf })), [["malformed", "", "lone_surrogate"]]);
  const planText = JSON.stringify(plan).replace('"year"', '"ye\uDBFFar"');
  assert.throws(() => new binhdang.Checker(planText), (e) => brief(e.findings).join() === ["malformed", "", "lone_surrogate"].join());
});

test("what JSON.stringify leaves out or changes stays as JSON.stringify has it", () => {
  const clean = (r) => (r.values[1].total = 125);
  // undefined, a function and a symbol as fields: left out.
  const extra = report((r) => { clean(r); r.note = undefined; r.f = () => 1; r.s = Symbol("s"); });
  assert.deepEqual(binhdang.validateReport(extra, plan, { asOf }), []);
  assert.deepEqual(binhdang.loadReport(extra), binhdang.loadReport(JSON.stringify(extra)));
  // A Date becomes its ISO text (toJSON), a hole and undefined in an array null.
  const r = report((r) => { clean(r); r.values[1].seen = new Date(0); r.values[1].list = [1, , undefined]; });
  assert.deepEqual(binhdang.loadReport(r), binhdang.loadReport(JSON.stringify(r)));
  assert.equal(binhdang.loadReport(r).values[1].seen, "1970-01-01T00:00:00.000Z");
  assert.deepEqual(binhdang.loadReport(r).values[1].list, [1, null, null]);
});

test("nesting past any limit and a revoked proxy are findings, and the module lives on", () => {
  let deep = [];
  for (let i = 0, at = deep; i < 100000; i++) at = at[0] = [];
  assert.deepEqual(brief(binhdang.validateReport(deep, plan, { asOf })).map((f) => f[0]), ["too_large"]);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.deepEqual(brief(binhdang.validateReport(proxy, plan, { asOf })), [["malformed", "", "unreadable_value"]]);
  assert.deepEqual(brief(binhdang.validateReport(report(() => {}), plan, { asOf })), [["sex_sum_mismatch", "/values/1/total", null]]);
});

// The workflow's inputs are plain values too: a log and a step are read by the same rules.
const EVENTS = readFileSync(join(ROOT, "examples/lai-chau-2024/workflow/events.json"), "utf8");
const STEP = { unit: "106", entry: "2024-6m", action: "submit", by: "106", date: "2024-06-04" };

for (const [what, change, expected] of [
  ["NaN", (e) => (e.version = NaN), ["malformed", "/version", "not_a_number"]],
  ["a BigInt", (e) => (e.version = 1n), ["malformed", "/version", "big_integer"]],
  ["a lone surrogate", (e) => (e.by = "10\uD800"), ["malformed", "/by", "lone_surrogate"]],
  ["a throwing getter", (e) => Object.defineProperty(e, "date", { enumerable: true, get() { throw new Error("no"); } }),
    ["malformed", "/date", "unreadable_value"]],
]) {
  test(`${what} in a workflow event or step is a malformed finding at its pointer, never a silent null`, () => {
    const events = JSON.parse(EVENTS);
    change(events[2]);
    // As for a report: what JSON cannot hold leaves text the strict reader
    // stops at, so no event of the log is read; the finding says where.
    const replayed = binhdang.replay(plan, events, { asOf: "2024-06-30" });
    assert.deepEqual(brief(replayed.findings), [[expected[0], `/2${expected[1]}`, expected[2]]]);
    assert.deepEqual(replayed.standings, []);
    // In a summary, the log's findings are under /events, and no report has a state but draft.
    const summary = binhdang.aggregate(plan, [], "2024-06-30", { events });
    assert.deepEqual(brief(summary.findings), [[expected[0], `/events/2${expected[1]}`, expected[2]]]);
    const states = summary.periods[0].completeness.states;
    assert.deepEqual(Object.entries(states).filter(([, units]) => units.length > 0).map(([state]) => state), ["draft"]);
    // A step: refused, with the finding at its field.
    const step = { ...STEP, version: 1 };
    change(step);
    const decided = binhdang.transition(plan, step, { asOf: "2024-06-30" });
    assert.equal(decided.event, undefined);
    assert.deepEqual(brief(decided.findings), [expected]);
  });
}
