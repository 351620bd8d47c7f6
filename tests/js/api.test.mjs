// The JavaScript API as a portal developer uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";
import { ROOT } from "./vectors.mjs";

const plan = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/plan.json"), "utf8"));
const report = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), "utf8"));

test("plain objects in and out", () => {
  const [f] = binhdang.validateReport(report, plan, { asOf: "2025-01-15" });
  assert.deepEqual(Object.keys(f).sort(), ["code", "context", "message_en", "message_vi", "path", "severity"]);
  assert.equal(f.message_vi, "Tổng số (130) không bằng số nữ (70) cộng số nam (55).");
  assert.equal(Object.getPrototypeOf(f), Object.prototype);
});

test("objects and JSON text give the same findings", () => {
  const a = binhdang.validateReport(report, plan, { asOf: "15/1/2025" });
  const b = binhdang.validateReport(JSON.stringify(report), JSON.stringify(plan), { asOf: "2025-01-15" });
  assert.deepEqual(a, b);
});

test("malformed input gives findings and the instance lives on", () => {
  for (const bad of [undefined, null, 42, "", "{", "[]", { unit: 5 }, { values: "x" }]) {
    const findings = binhdang.validateReport(bad, plan, { asOf: "2025-01-15" });
    assert.ok(findings.some((f) => f.code === "malformed"), JSON.stringify(bad));
  }
  const deep = "[".repeat(100000) + "]".repeat(100000);
  assert.equal(binhdang.validateReport(deep, plan, { asOf: "2025-01-15" })[0].code, "too_large");
  // Still alive: a good report still validates.
  assert.deepEqual(binhdang.validateReport({ ...report, values: report.values.map((v, i) => (i === 1 ? { ...v, total: 125 } : v)) }, plan, { asOf: "2025-01-15" }), []);
});

test("what cannot be a finding throws BinhdangError with findings", async () => {
  assert.throws(() => binhdang.validateReport(report, "{", { asOf: "2025-01-15" }), (e) => e.name === "BinhdangError" && e.findings.length === 1);
  assert.throws(() => binhdang.validateReport(report, plan, { asOf: "30/2/2025" }), (e) => e.name === "BinhdangError");
  await assert.rejects(binhdang.schema("nope"), (e) => e.name === "BinhdangError" && /"nope"/.test(e.message));
});

test("default date is today, and options may be left out", () => {
  const codes = binhdang.validateReport(report, plan).map((f) => f.code);
  assert.deepEqual(codes, ["sex_sum_mismatch"]);
});

test("a host's limits: past max_reports a report is rejected unread, and bad limits throw", () => {
  const files = ["2024-annual-105.json", "2024-annual-106.json"];
  const reports = files.map((f) => readFileSync(join(ROOT, "examples/lai-chau-2024/reports", f), "utf8"));
  const s = binhdang.aggregate(plan, reports, "2025-01-15", { limits: { max_reports: 1 } });
  assert.deepEqual(s.accounting.map((o) => o.status), ["used", "rejected"]);
  assert.deepEqual(s.accounting[1].findings.map((f) => [f.code, f.context.limit_name]), [["too_large", "number of reports"]]);
  assert.throws(() => binhdang.validateReport(report, plan, { limits: { max_size: 1 } }), (e) => {
    assert.equal(e.name, "BinhdangError");
    assert.match(e.message, /^Giới hạn không hợp lệ: Trường "max_size"/);
    assert.equal(e.findings[0].path, "/max_size");
    return true;
  });
});

test("a Checker reads the plan once and answers like validateReport", () => {
  const checker = new binhdang.Checker(plan);
  const dir = join(ROOT, "examples/lai-chau-2024/reports");
  for (const f of ["2024-6m-105.json", "2024-6m-106.json", "2024-annual-110.json"]) {
    const r = readFileSync(join(dir, f), "utf8");
    assert.deepEqual(checker.validateReport(r, { asOf: "2025-01-15" }), binhdang.validateReport(r, plan, { asOf: "2025-01-15" }));
  }
  assert.throws(() => new binhdang.Checker("{"), (e) => e.name === "BinhdangError" && e.findings[0].code === "malformed");
});

test("aggregate, tables, schema, catalog", async () => {
  const files = ["2024-annual-105.json", "2024-annual-106.json", "2024-annual-110.json"];
  const reports = files.map((f) => readFileSync(join(ROOT, "examples/lai-chau-2024/reports", f), "utf8"));
  const s = binhdang.aggregate(plan, reports, "2025-01-15");
  const mt1 = s.periods[1].figures.find((f) => f.unit === "12" && f.indicator === "nq28-mt1");
  assert.equal(mt1.value, 56.25);
  const t = binhdang.tables(plan, reports, "2025-01-15");
  assert.ok(t.completeness.some((r) => r.unit === "107" && r.timeliness === "missing"));
  assert.deepEqual(await binhdang.schema("report"), JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8")));
  assert.equal(binhdang.catalog().indicators.find((i) => i.id === "nq28-mt5-1").targets[0].confirmed, false);
  assert.match(binhdang.version(), /^\d+\.\d+\.\d+$/);
});

test("error messages follow the language the page chose: Vietnamese unless told", () => {
  const unreadable = () => binhdang.validateReport(report, "{");
  assert.throws(unreadable, /^BinhdangError: Không đọc được kế hoạch/);
  binhdang.setLanguage("en");
  try {
    assert.throws(unreadable, /^BinhdangError: The plan cannot be read/);
    assert.throws(() => binhdang.setLanguage("fr"), /Unknown language "fr"/);
  } finally {
    binhdang.setLanguage("vi");
  }
});

// The province module: loaded on the first call in Node, and as plain to use as the form's.
const annual = ["2024-annual-105.json", "2024-annual-106.json", "2024-annual-110.json"].map((f) =>
  readFileSync(join(ROOT, "examples/lai-chau-2024/reports", f), "utf8"),
);
const EVENTS = JSON.parse(readFileSync(join(ROOT, "examples/lai-chau-2024/workflow/events.json"), "utf8"));

test("publishedTables: the tables with small counts of sensitive indicators withheld, the rest as tables gives them", () => {
  const all = binhdang.tables(plan, annual, "2025-01-15");
  const published = binhdang.publishedTables(plan, annual, "2025-01-15");
  assert.equal(published.figures.length, all.figures.length);
  const withheld = published.figures.filter((r) => r.suppressed);
  assert.ok(withheld.length > 0);
  for (const [i, row] of published.figures.entries()) {
    if (row.suppressed) {
      // Withheld: no value left to read, where the tables had one.
      assert.equal(row.value, null);
      assert.notEqual(all.figures[i].value, null);
    } else {
      assert.deepEqual(row, all.figures[i]);
    }
  }
  // Thành phố Lai Châu supported 2 women victims: a sensitive count that small is not published.
  const cell = (t) => t.figures.find((r) => r.unit === "105" && r.indicator === "victims_supported" && r.sex === "F");
  assert.equal(cell(all).value, 2);
  assert.equal(cell(published).suppressed, true);
  assert.deepEqual(published.completeness, all.completeness);
});

test("transition step by step gives the events that replay to the same standing", () => {
  const steps = [
    ["106", "submit", "2024-06-04"],
    ["so-ldtbxh", "return", "2024-06-06", "Sai tổng số học viên."],
    ["106", "submit", "2024-06-10"],
    ["so-ldtbxh", "accept", "2024-06-12"],
    ["so-ldtbxh", "lock", "2024-06-20"],
  ];
  let standing;
  const log = [];
  for (const [by, action, date, reason] of steps) {
    const t = binhdang.transition(plan, { unit: "106", entry: "2024-6m", action, by, date, reason, standing }, { asOf: "2024-06-30" });
    assert.deepEqual(t.findings, [], `${action} ${date}`);
    ({ standing } = t);
    log.push(t.event);
  }
  assert.deepEqual([standing.state, standing.version, standing.submitted], ["locked", 2, "2024-06-10"]);
  const replayed = binhdang.replay(plan, log, { asOf: "2024-06-30" });
  assert.deepEqual(replayed.standings, [{ unit: "106", entry: "2024-6m", ...standing }]);
  assert.deepEqual(replayed.findings, []);
  // The same log as JSON text, as a host stores it: the same answer.
  assert.deepEqual(binhdang.replay(plan, JSON.stringify(log), { asOf: "2024-06-30" }), replayed);
});

test("a refused step says why and gives nothing to append; a returned report keeps its reason", () => {
  const submitted = { state: "submitted", version: 1, submitted: "2024-06-04", date: "2024-06-04" };
  const noReason = binhdang.transition(plan, { unit: "106", entry: "2024-6m", action: "return", by: "so-ldtbxh", date: "2024-06-06", standing: submitted }, { asOf: "2024-06-30" });
  assert.equal(noReason.event, undefined);
  assert.equal(noReason.standing, undefined);
  assert.deepEqual(noReason.findings.map((f) => [f.code, f.path]), [["reason_required", "/reason"]]);
  assert.match(noReason.findings[0].message_vi, /lý do/);
  const byTheUnit = binhdang.transition(plan, { unit: "106", entry: "2024-6m", action: "accept", by: "106", date: "2024-06-06", standing: submitted }, { asOf: "2024-06-30" });
  assert.deepEqual(byTheUnit.findings.map((f) => f.code), ["not_permitted"]);
  // The Lai Châu log: Sìn Hồ's report was returned, and its standing says why.
  const sinHo = binhdang.replay(plan, EVENTS, { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
  assert.equal(sinHo.state, "returned");
  assert.match(sinHo.reason, /^Kỳ báo cáo ghi 1\/1\/2024/);
});

test("aggregate with the workflow's log: every expected unit under its report's state", () => {
  const dir = join(ROOT, "examples/lai-chau-2024");
  const sixMonth = ["105", "106", "107", "108", "110", "hoi-lhpn-tinh", "so-ldtbxh", "so-y-te"]
    .map((u) => readFileSync(join(dir, `reports/2024-6m-${u}.json`), "utf8"))
    .concat(readFileSync(join(dir, "workflow/2024-6m-106-v2.json"), "utf8"));
  const plain = binhdang.aggregate(plan, sixMonth, "2024-06-30");
  assert.equal(plain.periods[0].completeness.states, undefined);
  const summary = binhdang.aggregate(plan, sixMonth, "2024-06-30", { events: EVENTS });
  const { states } = summary.periods[0].completeness;
  assert.deepEqual(states.locked, ["105", "106", "hoi-lhpn-tinh", "so-ldtbxh"]);
  assert.deepEqual(states.returned, ["108"]);
  assert.equal(states.draft.length, 7);
  assert.equal(summary.findings, undefined);
  // Without the corrected version, the summary says it used the wrong one.
  const stale = binhdang.aggregate(plan, sixMonth.slice(0, -1), "2024-06-30", { events: JSON.stringify(EVENTS) });
  assert.deepEqual(stale.findings.map((f) => [f.code, f.severity, f.context.unit]), [["state_mismatch", "warning", "106"]]);
});

test("setLanguage speaks for both modules", () => {
  const unreadable = () => binhdang.replay("{", []);
  assert.throws(unreadable, /^BinhdangError: Không đọc được kế hoạch/);
  binhdang.setLanguage("en");
  try {
    assert.throws(unreadable, /^BinhdangError: The plan cannot be read/);
    assert.throws(() => binhdang.tables(plan, annual, "2025-01-15", { events: [] }), /^TypeError: There is no option "events"/);
    assert.throws(() => binhdang.setLanguage("fr"), /Unknown language "fr"/);
    assert.throws(unreadable, /^BinhdangError: The plan cannot be read/, "a refused language changes nothing");
  } finally {
    binhdang.setLanguage("vi");
  }
  assert.throws(unreadable, /^BinhdangError: Không đọc được kế hoạch/);
});
