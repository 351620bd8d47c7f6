// Every conformance vector through the WebAssembly package in Node: the same
// findings and totals as Rust. Imported by its package name, as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as binhdang from "binhdang";
import { brief, checkSummary, planText, reportTexts, vectors } from "./vectors.mjs";

const VALIDATE = vectors("validate").filter(([, v]) => v.mode !== "plan");
const AGGREGATE = vectors("aggregate");

test("enough vectors", () => {
  assert.ok(VALIDATE.length >= 60 && AGGREGATE.length >= 20);
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
