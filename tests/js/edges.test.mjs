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
const events = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/workflow/events.json"), "utf8"));
const step = { unit: "106", entry: "2024-6m", action: "submit", by: "106", date: "2024-06-04" };

const stillWorks = () => {
  assert.equal(binhdang.validateReport(report, plan, { asOf: "2025-01-15" })[0].code, "sex_sum_mismatch");
  assert.equal(binhdang.aggregate(plan, [report], "2025-01-15").accounting.length, 1);
  assert.equal(binhdang.transition(plan, step, { asOf: "2025-01-15" }).standing.state, "submitted");
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
    typeError(() => binhdang.publishedTables(plan, wrong, "2025-01-15"), "reports");
    typeError(() => binhdang.validateReports(wrong, plan, { asOf: "2025-01-15" }), "reports");
    typeError(() => binhdang.validateReport(report, plan, { asOf: "2025-01-15", context: wrong ?? 5 }), "options.context");
    stillWorks();
  }
});

test("a date given as anything but a date is a TypeError, never a trap; a Date is its day in Vietnam", () => {
  for (const wrong of [20250115, {}, [], true, new Date(NaN)]) {
    typeError(() => binhdang.aggregate(plan, [report], wrong), "asOf");
    typeError(() => binhdang.tables(plan, [report], wrong), "asOf");
    typeError(() => binhdang.publishedTables(plan, [report], wrong), "asOf");
    typeError(() => binhdang.replay(plan, events, { asOf: wrong }), "options.asOf");
    typeError(() => binhdang.transition(plan, step, { asOf: wrong }), "options.asOf");
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
  // A log changes nothing in the tables (they have no column for a report's state): not an option there.
  assert.throws(() => binhdang.tables(plan, [report], "2025-01-15", { events }), (e) => e instanceof TypeError && /"events"/.test(e.message));
  assert.throws(() => binhdang.publishedTables(plan, [report], "2025-01-15", { events }), (e) => e instanceof TypeError && /"events"/.test(e.message));
  assert.throws(() => binhdang.replay(plan, events, { as_of: "2024-06-30" }), (e) => e instanceof TypeError && /"as_of"/.test(e.message));
  assert.throws(() => binhdang.transition(plan, step, { asOf: "2024-06-30", context: [] }), (e) => e instanceof TypeError && /"context"/.test(e.message));
  for (const wrong of [5, "options", [1]]) {
    typeError(() => binhdang.validateReport(report, plan, wrong), "options");
    typeError(() => binhdang.aggregate(plan, [report], "2025-01-15", wrong), "options");
    typeError(() => binhdang.publishedTables(plan, [report], "2025-01-15", wrong), "options");
    typeError(() => binhdang.replay(plan, events, wrong), "options");
    typeError(() => binhdang.transition(plan, step, wrong), "options");
  }
  stillWorks();
});

test("a log given as anything but a list or JSON text is a TypeError naming it; so is a step that is not an object or text", () => {
  for (const wrong of [events[0], 5, true, null, undefined, new Map()]) {
    typeError(() => binhdang.replay(plan, wrong, { asOf: "2024-06-30" }), "events");
    if (wrong !== null && wrong !== undefined) typeError(() => binhdang.aggregate(plan, [report], "2024-06-30", { events: wrong }), "options.events");
    stillWorks();
  }
  // Left out or null, the option is no log: the summary has no states.
  for (const none of [undefined, null]) {
    assert.equal(binhdang.aggregate(plan, [report], "2024-06-30", { events: none }).periods[0].completeness.states, undefined);
  }
  for (const wrong of [[step], 5, true, null, undefined]) {
    typeError(() => binhdang.transition(plan, wrong, { asOf: "2024-06-30" }), "step");
    stillWorks();
  }
});

test("what is not a log inside a list or text is the log's findings, never an exception", () => {
  // JSON text of something else, a list of anything: the core reads it and says where.
  const notAList = binhdang.replay(plan, "{}", { asOf: "2024-06-30" });
  assert.deepEqual(notAList.standings, []);
  assert.deepEqual(notAList.findings.map((f) => [f.code, f.path]), [["malformed", ""]]);
  const odd = binhdang.replay(plan, [5, "x", null], { asOf: "2024-06-30" });
  assert.deepEqual(odd.refused, [0, 1, 2]);
  assert.deepEqual(odd.findings.map((f) => [f.code, f.path]), [["malformed", "/0"], ["malformed", "/1"], ["malformed", "/2"]]);
  const empty = binhdang.transition(plan, {}, { asOf: "2024-06-30" });
  assert.equal(empty.event, undefined);
  assert.ok(empty.findings.length > 0 && empty.findings.every((f) => f.code === "malformed"));
  stillWorks();
});
