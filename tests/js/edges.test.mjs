// Every exported function driven with every wrong kind of argument: a
// TypeError naming the argument, never a trap, never a silent empty answer;
// and the module keeps answering afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";

const ROOT = join(import.meta.dirname, "../..");
const plan = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/plan.json"), "utf8"));
const report = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), "utf8"));
const checker = new binhdang.Checker(plan);

const stillWorks = () => {
  assert.equal(binhdang.validateReport(report, plan, { asOf: "2025-01-15" })[0].code, "sex_sum_mismatch");
  assert.equal(binhdang.aggregate(plan, [report], "2025-01-15").accounting.length, 1);
};

const typeError = (call, name) =>
  assert.throws(call, (e) => {
    assert.ok(e instanceof TypeError, `${e}`);
    assert.ok(e.message.startsWith(name), `${e.message} should name ${name}`);
    return true;
  });

test("a list argument given anything but a list is a TypeError naming it", () => {
  for (const wrong of [report, null, undefined, JSON.stringify([report]), 5, "x"]) {
    typeError(() => binhdang.aggregate(plan, wrong, "2025-01-15"), "reports");
    typeError(() => binhdang.tables(plan, wrong, "2025-01-15"), "reports");
    typeError(() => binhdang.validateReports(wrong, plan, { asOf: "2025-01-15" }), "reports");
    typeError(() => binhdang.validateReport(report, plan, { asOf: "2025-01-15", context: wrong ?? 5 }), "options.context");
    stillWorks();
  }
});

test("a date given as anything but a date is a TypeError, never a trap; a Date is its day in Vietnam", () => {
  for (const wrong of [20250115, {}, [], true, new Date(NaN)]) {
    typeError(() => binhdang.aggregate(plan, [report], wrong), "asOf");
    typeError(() => binhdang.tables(plan, [report], wrong), "asOf");
    typeError(() => binhdang.validateReport(report, plan, { asOf: wrong }), "options.asOf");
    typeError(() => checker.validateReport(report, { asOf: wrong }), "options.asOf");
    stillWorks();
  }
  typeError(() => binhdang.aggregate(plan, [report]), "asOf");
  // 2025-01-14 20:00 UTC is already 15 January in Vietnam.
  const late = new Date(Date.UTC(2025, 0, 14, 20));
  assert.equal(binhdang.aggregate(plan, [report], late).as_of, "2025-01-15");
  assert.deepEqual(binhdang.validateReport(report, plan, { asOf: late }), binhdang.validateReport(report, plan, { asOf: "2025-01-15" }));
});

test("an option that does not exist is a TypeError naming it, so a misspelt one is never ignored", () => {
  assert.throws(() => binhdang.validateReport(report, plan, { as_of: "2025-01-15" }), (e) => e instanceof TypeError && /"as_of"/.test(e.message));
  assert.throws(() => checker.validateReport(report, { asof: "2025-01-15" }), (e) => e instanceof TypeError && /"asof"/.test(e.message));
  assert.throws(() => binhdang.aggregate(plan, [report], "2025-01-15", { asOf: "x" }), (e) => e instanceof TypeError && /"asOf"/.test(e.message));
  for (const wrong of [5, "options", [1]]) {
    typeError(() => binhdang.validateReport(report, plan, wrong), "options");
  }
  stillWorks();
});
