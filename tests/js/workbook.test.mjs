// The workbook module (Excel forms) in Node, at its edges: every wrong kind
// of argument is a TypeError naming it; what is not a form, an empty file
// and a zip bomb are findings, never a trap; the core, not JavaScript,
// decides what the bytes are; and the module keeps answering afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";
import { ROOT } from "./vectors.mjs";
import { fillForm, part, rowOf, zip } from "./xlsx.mjs";

const planText = readFileSync(join(ROOT, "examples/lai-chau-2024/plan.json"), "utf8");
const plan = JSON.parse(planText);
const reportText = readFileSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), "utf8");
const form = binhdang.reportForm(plan, "106", "2024-annual");

const typeError = (call, name) =>
  assert.throws(call, (e) => {
    assert.ok(e instanceof TypeError, `${e}`);
    assert.ok(e.message.startsWith(`${name}:`), `${e.message} should name ${name}`);
    return true;
  });

/** The findings as [code, path, context.cell, context.problem]. */
const brief = (findings) => findings.map((f) => [f.code, f.path, f.context?.cell, f.context?.problem]);

const stillWorks = () => {
  assert.deepEqual(brief(binhdang.readWorkbook(form).findings), [["malformed", "/submitted", "'Chỉ tiêu'!C7", "missing_field"]]);
};

test("the form of a unit and a schedule entry is an .xlsx workbook that reads back as that unit's form", () => {
  assert.ok(form instanceof Uint8Array);
  assert.deepEqual([...form.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  // Left blank, only its submission date is missing; nothing is read as reported.
  const { report, findings } = binhdang.readWorkbook(form);
  assert.equal(report, null);
  assert.deepEqual(brief(findings), [["malformed", "/submitted", "'Chỉ tiêu'!C7", "missing_field"]]);
  assert.equal(findings[0].message_vi, 'Thiếu trường bắt buộc "submitted".');
  // An ArrayBuffer is read as the same bytes; so is a Node Buffer.
  assert.deepEqual(binhdang.readWorkbook(form.slice().buffer), { report, findings });
  assert.deepEqual(binhdang.readWorkbook(Buffer.from(form)), { report, findings });
});

test("a filled form gets the findings its JSON would, each naming its cell; readWorkbook gives the report", () => {
  const blank = binhdang.reportForm(plan, "106", "2024-6m");
  const r = rowOf(blank, "training_participants");
  const filled = fillForm(blank, { C7: "4/6/2024", [`D${r}`]: 70, [`E${r}`]: 55, [`F${r}`]: 130 });
  const findings = binhdang.validateWorkbook(filled, plan, { asOf: "2024-06-30" });
  const mismatch = findings.find((f) => f.code === "sex_sum_mismatch");
  assert.deepEqual([mismatch.path, mismatch.context.cell], ["/values/0/total", `'Chỉ tiêu'!F${r}`]);
  assert.equal(mismatch.message_vi, "Tổng số (130) không bằng số nữ (70) cộng số nam (55).");
  // The same findings as the report it reads as, given as JSON (less the cells).
  const { report } = binhdang.readWorkbook(filled);
  assert.deepEqual(report.values[0], { indicator: "training_participants", female: 70, male: 55, total: 130 });
  assert.equal(report.submitted, "2024-06-04");
  const strip = (fs) => fs.map(({ context: { cell, ...context }, ...f }) => ({ ...f, context }));
  assert.deepEqual(strip(findings), strip(binhdang.validateReport(report, plan, { asOf: "2024-06-30" })));
});

test("a unit or schedule entry the plan does not have is a BinhdangError saying so; a plan that cannot be read too", () => {
  assert.throws(() => binhdang.reportForm(plan, "999", "2024-annual"), (e) => e.name === "BinhdangError" && /"999"/.test(e.message));
  assert.throws(() => binhdang.reportForm(plan, "106", "2030-annual"), (e) => e.name === "BinhdangError" && /"2030-annual"/.test(e.message));
  assert.throws(() => binhdang.reportForm("{", "106", "2024-annual"), (e) => e.name === "BinhdangError" && e.findings[0].code === "malformed");
  stillWorks();
});

test("a file that is not a workbook, an empty one and bytes cut off are not_a_workbook, never a trap", () => {
  const cases = [new Uint8Array(), new TextEncoder().encode(reportText), new Uint8Array([0x50, 0x4b, 3, 4]), form.subarray(0, form.length / 2), new Uint8Array(1000)];
  for (const bytes of cases) {
    const { report, findings } = binhdang.readWorkbook(bytes);
    assert.equal(report, null);
    assert.deepEqual(brief(findings), [["malformed", "", undefined, "not_a_workbook"]]);
    stillWorks();
  }
  // A workbook of a unit's own making (a zip, but not a binhdang form).
  const other = zip({ "[Content_Types].xml": new TextEncoder().encode("<Types/>") });
  assert.equal(binhdang.readWorkbook(other).findings[0].context.problem, "not_a_workbook");
  stillWorks();
});

test("a zip bomb (40 MB of spaces packed into some 40 kB) is too_large from its directory, before it is unpacked", () => {
  const bomb = zip({ "xl/worksheets/sheet1.xml": new Uint8Array(40 * 1024 * 1024).fill(0x20) });
  assert.ok(bomb.length < 100_000, `${bomb.length}`);
  const started = performance.now();
  const { report, findings } = binhdang.readWorkbook(bomb);
  assert.ok(performance.now() - started < 1000, "nothing was unpacked");
  assert.equal(report, null);
  assert.deepEqual(findings.map((f) => [f.code, f.path, f.context.limit_name]), [["too_large", "", "max_bytes"]]);
  // validateWorkbook reads it the same way; a smaller limit refuses the form itself.
  assert.deepEqual(binhdang.validateWorkbook(bomb, plan, { asOf: "2025-01-15" }).map((f) => f.code), ["too_large"]);
  const small = binhdang.readWorkbook(form, { limits: { max_bytes: 1000 } });
  assert.deepEqual(small.findings.map((f) => [f.code, f.context.limit_name]), [["too_large", "max_bytes"]]);
  stillWorks();
});

test("validateWorkbook asks for a workbook: a JSON report's bytes are not_a_workbook (the officer uploaded the wrong file)", () => {
  assert.equal(binhdang.validateReport(reportText, plan, { asOf: "2025-01-15" })[0].code, "sex_sum_mismatch");
  const asBytes = binhdang.validateWorkbook(new TextEncoder().encode(reportText), plan, { asOf: "2025-01-15" });
  assert.deepEqual(asBytes.map((f) => [f.code, f.context.problem]), [["malformed", "not_a_workbook"]]);
  // A blank form's findings carry their cells.
  const blank = binhdang.validateWorkbook(form, planText, { asOf: "2025-01-15" });
  assert.ok(blank.length > 0 && blank.every((f) => f.path === "" || typeof f.context.cell === "string"), JSON.stringify(blank));
});

test("every wrong kind of argument is a TypeError naming it, and the module keeps answering", () => {
  for (const wrong of ["PK", 5, null, undefined, {}, [80, 75, 3, 4], new Uint16Array(4), new DataView(new ArrayBuffer(4))]) {
    typeError(() => binhdang.readWorkbook(wrong), "bytes");
    typeError(() => binhdang.validateWorkbook(wrong, plan, { asOf: "2025-01-15" }), "bytes");
    stillWorks();
  }
  for (const wrong of [106, null, undefined, {}, ["106"]]) {
    typeError(() => binhdang.reportForm(plan, wrong, "2024-annual"), "unit");
    typeError(() => binhdang.reportForm(plan, "106", wrong), "entry");
  }
  for (const wrong of [20250115, {}, [], true, new Date(NaN)]) {
    typeError(() => binhdang.validateWorkbook(form, plan, { asOf: wrong }), "options.asOf");
    typeError(() => binhdang.summaryWorkbook(plan, [form], wrong), "asOf");
  }
  typeError(() => binhdang.summaryWorkbook(plan, [form]), "asOf");
  for (const wrong of [form, null, undefined, "[]", 5]) {
    typeError(() => binhdang.summaryWorkbook(plan, wrong, "2025-01-15"), "reports");
    if (wrong !== null && wrong !== undefined) typeError(() => binhdang.validateWorkbook(form, plan, { context: wrong }), "options.context");
  }
  for (const wrong of [1, "yes", {}]) typeError(() => binhdang.summaryWorkbook(plan, [form], "2025-01-15", { publish: wrong }), "options.publish");
  for (const wrong of [5, true, {}]) typeError(() => binhdang.summaryWorkbook(plan, [form], "2025-01-15", { events: wrong }), "options.events");
  for (const wrong of [5, "options", [1]]) {
    typeError(() => binhdang.readWorkbook(form, wrong), "options");
    typeError(() => binhdang.validateWorkbook(form, plan, wrong), "options");
    typeError(() => binhdang.summaryWorkbook(plan, [form], "2025-01-15", wrong), "options");
  }
  // A misspelt option is never ignored.
  assert.throws(() => binhdang.readWorkbook(form, { limit: {} }), (e) => e instanceof TypeError && /"limit"/.test(e.message));
  assert.throws(() => binhdang.validateWorkbook(form, plan, { as_of: "2025-01-15" }), (e) => e instanceof TypeError && /"as_of"/.test(e.message));
  assert.throws(() => binhdang.summaryWorkbook(plan, [form], "2025-01-15", { published: true }), (e) => e instanceof TypeError && /"published"/.test(e.message));
  stillWorks();
});

test("the summary workbook adds up filled forms and JSON reports alike; published, it leaves out the accounting", () => {
  // A blank form (rejected: no submission date), a report as JSON text and one as an object.
  const example = (name) => readFileSync(join(ROOT, "examples/lai-chau-2024/reports", name), "utf8");
  const reports = [form, example("2024-6m-105.json"), JSON.parse(example("2024-annual-105.json"))];
  const summary = binhdang.summaryWorkbook(plan, reports, "2025-01-15");
  const published = binhdang.summaryWorkbook(plan, reports, "2025-01-15", { publish: true, events: readFileSync(join(ROOT, "examples/lai-chau-2024/workflow/events.json"), "utf8") });
  for (const bytes of [summary, published]) {
    assert.ok(bytes instanceof Uint8Array && bytes.length > 5000);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
    // A workbook, but not a form to read back.
    assert.equal(binhdang.readWorkbook(bytes).findings[0].context.problem, "not_a_form");
  }
  // A sheet per schedule entry, then the province's; the accounting ("Đối chiếu") in the summary only.
  const sheets = (bytes) => [...part(bytes, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(sheets(summary), ["2024-6m", "2024-annual", "Tình hình nộp", "Tiến độ", "Kinh phí", "Đối chiếu"]);
  assert.deepEqual(sheets(published), ["2024-6m", "2024-annual", "Tình hình nộp", "Tiến độ", "Kinh phí"]);
  // An empty list is a summary of no reports, not an error.
  assert.ok(binhdang.summaryWorkbook(plan, [], "2025-01-15").length > 0);
});

test("setLanguage before the workbook module loads: its errors speak that language too", () => {
  const script = `import * as b from "binhdang";
b.setLanguage("en");
const said = [];
try { b.readWorkbook(5); } catch (e) { said.push(e.message); }
try { b.reportForm(${JSON.stringify(planText)}, "999", "2024-annual"); } catch (e) { said.push(e.message); }
console.log(JSON.stringify(said));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: import.meta.dirname, encoding: "utf8" });
  const [wrong, unknown] = JSON.parse(out);
  assert.match(wrong, /^bytes: expected the contents of a file/);
  assert.equal(unknown, 'Unit "999" is not among the plan\'s reporting units.');
});

test("the consolidated report is a Word file with every content area and each unit's narrative, and the same as HTML", () => {
  const dir = join(ROOT, "examples/lai-chau-2024/reports");
  const reports = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
  const docx = binhdang.consolidatedReport(plan, reports, "2025-01-15");
  assert.ok(docx instanceof Uint8Array);
  assert.deepEqual([...docx.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  const xml = part(docx, "word/document.xml");
  for (const area of plan.content_areas) assert.ok(xml.includes(area.title), `no content area ${area.number}`);
  assert.ok(xml.includes("Tham mưu quy hoạch 86 cán bộ nữ"));
  const html = binhdang.consolidatedReportHtml(plan, reports, "2025-01-15", { entry: "2024-6m" });
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.ok(html.includes("6 tháng đầu năm 2024"));
  assert.throws(() => binhdang.consolidatedReport(plan, reports, "2025-01-15", { entry: "2023-annual" }), /2023-annual/);
  typeError(() => binhdang.consolidatedReport(plan, reports, "2025-01-15", { entry: 5 }), "options.entry");
  typeError(() => binhdang.consolidatedReportHtml(plan, reports, "2025-01-15", { publish: "yes" }), "options.publish");
  assert.throws(() => binhdang.consolidatedReport(plan, reports, "2025-01-15", { unknown: 1 }), TypeError);
});
