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
