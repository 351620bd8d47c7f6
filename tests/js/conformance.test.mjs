// Every conformance vector through the WebAssembly package in Node: the same
// findings and totals as Rust. Imported by its package name, as a user would:
// one report's validation and parsing in the form module; a batch's
// validation, adding up, publication and the workflow in the province
// module, which the first of those calls loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";
import { ROOT, brief, checkSdmx, checkSummary, excelFinding, matches, planText, reportTexts, vectors } from "./vectors.mjs";

const VALIDATE = vectors("validate").filter(([, v]) => v.mode !== "plan");
const AGGREGATE = vectors("aggregate");

const PUBLISH = vectors("publish");
const EXCHANGE = vectors("exchange");
// Filled Excel forms, through the workbook module (loaded by the first call).
const EXCEL = existsSync(join(ROOT, "tests/conformance/excel")) ? vectors("excel") : [];
const WORKFLOW = vectors("workflow");

test("enough vectors", () => {
  assert.ok(VALIDATE.length >= 60 && AGGREGATE.length >= 20);
  assert.ok(PUBLISH.length >= 1 && WORKFLOW.length >= 30);
  for (const mode of ["replay", "transition", "aggregate"]) assert.ok(WORKFLOW.some(([, v]) => v.mode === mode), mode);
});

for (const [name, v] of VALIDATE) {
  test(`validate ${name}`, () => {
    const plan = planText(v);
    const texts = reportTexts(v);
    const options = { asOf: v.as_of, context: v.context?.earlier ?? [], limits: v.limits };
    let got;
    if (v.mode === "batch") {
      got = binhdang.validateReports(texts, plan, options).map((o) => {
        const x = { status: o.status, findings: brief(o.findings) };
        if (o.superseded_by !== undefined) x.superseded_by = o.superseded_by;
        if (o.left_out !== undefined) x.left_out = o.left_out;
        return x;
      });
    } else {
      got = brief(binhdang.validateReport(texts[0], plan, options));
    }
    assert.deepEqual(got, v.expected, v.description);
  });
}

for (const [name, v] of AGGREGATE) {
  test(`aggregate ${name}`, () => {
    const summary = binhdang.aggregate(planText(v), reportTexts(v), v.as_of);
    assert.deepEqual(checkSummary(v.expected, summary), [], v.description);
  });
}

for (const [name, v] of vectors("parse")) {
  test(`parse ${name}`, () => {
    for (const c of v.cases) {
      let got;
      try {
        got = { expected: v.kind === "date" ? binhdang.parseDate(c.input) : binhdang.parseNumber(c.input) };
      } catch (e) {
        assert.equal(e.name, "BinhdangError", c.input);
        got = { finding: { code: e.findings[0].code, problem: e.findings[0].context.problem } };
      }
      const { input, ...want } = c;
      assert.deepEqual(got, want, `${name} ${JSON.stringify(input)}`);
    }
  });
}

for (const [name, v] of PUBLISH) {
  test(`publish ${name}`, () => {
    const rows = binhdang.publishedTables(planText(v), reportTexts(v), v.as_of).figures;
    const key = (r) => `${r.entry}|${r.unit}|${r.indicator}|${r.sex}`;
    const withheld = rows.filter((r) => r.suppressed).map(key).sort();
    const published = Object.fromEntries(rows.filter((r) => !r.suppressed).map((r) => [key(r), r.value]));
    assert.deepEqual(withheld, v.expected.withheld, v.description);
    for (const [cell, value] of Object.entries(v.expected.published)) assert.equal(published[cell], value, cell);
  });
}

/** The log as a host holds it: JSON text as it is, a file's text, or a list of objects. */
function events(v) {
  if ("events_text" in v) return v.events_text;
  if (typeof v.events === "string") return readFileSync(join(ROOT, v.events), "utf8");
  return v.events;
}

for (const [name, v] of WORKFLOW) {
  test(`workflow ${name} (${v.mode})`, () => {
    const plan = planText(v);
    if (v.mode === "aggregate") {
      const summary = binhdang.aggregate(plan, reportTexts(v), v.as_of, { events: events(v) });
      // The summary's findings are compared whole (brief), the rest as a subset.
      const { findings, ...rest } = v.expected;
      assert.deepEqual(checkSummary(rest, summary), [], v.description);
      // A summary without findings leaves them out, as its JSON does.
      assert.deepEqual(brief(summary.findings ?? []), findings, v.description);
      return;
    }
    let got;
    if (v.mode === "replay") {
      const r = binhdang.replay(plan, events(v), { asOf: v.as_of });
      got = { standings: r.standings, refused: r.refused ?? [], findings: brief(r.findings) };
    } else {
      const t = binhdang.transition(plan, "step_text" in v ? v.step_text : v.step, { asOf: v.as_of });
      got = t.event ? { standing: t.standing, event: t.event } : { findings: brief(t.findings) };
    }
    assert.deepEqual(got, v.expected, v.description);
  });
}

test("Excel vectors", { skip: EXCEL.length ? false : "tests/conformance/excel/ is not on this branch yet" }, () => {
  assert.ok(EXCEL.length >= 3);
});

for (const [name, v] of EXCEL) {
  test(`excel ${name}`, () => {
    const bytes = readFileSync(join(ROOT, v.workbook));
    const options = v.limits ? { limits: v.limits } : {};
    // Every finding of validating the file as a report, in the library's order.
    const findings = binhdang.validateWorkbook(bytes, planText(v), { asOf: v.as_of, ...options });
    assert.deepEqual(findings.map((f, i) => excelFinding(f, v.expected[i])), v.expected, v.description);
    // What the reader makes of it: no report, or each indicator listed as expected (a subset).
    if (!("values" in v)) return;
    const { report } = binhdang.readWorkbook(bytes, options);
    if (v.values === null) {
      assert.equal(report, null, v.description);
      return;
    }
    for (const [indicator, want] of Object.entries(v.values)) {
      const got = report.values.find((x) => x.indicator === indicator);
      assert.deepEqual([...matches(want, got ?? null, `/${indicator}`)], [], v.description);
    }
    if ("narrative" in v) assert.deepEqual(report.narrative ?? [], v.narrative, v.description);
  });
}

// SDMX-CSV through the workbook module (loaded on the first call in Node).
test("there are exchange vectors", () => assert.ok(EXCHANGE.length >= 2));
for (const [name, v] of EXCHANGE) {
  test(`exchange ${name}`, () => {
    const text = binhdang.sdmxCsv(planText(v), reportTexts(v), v.as_of, { publish: v.publish });
    assert.deepEqual(checkSdmx(v.expected, text), [], v.description);
  });
}
test("sdmxCsv names a wrong option instead of ignoring it", () => {
  const [, v] = EXCHANGE[0];
  assert.throws(() => binhdang.sdmxCsv(planText(v), reportTexts(v), v.as_of, { publish: "yes" }), (e) => e instanceof TypeError && /options\.publish/.test(e.message));
  assert.throws(() => binhdang.sdmxCsv(planText(v), reportTexts(v), v.as_of, { published: true }), /published/);
});
