// The JSON Schemas in an independent validator (ajv 8, draft 2020-12), as a
// portal developer would use them: every schema compiles (default options,
// strict mode, ajv-formats), every bundled and vector plan and report is
// valid, every example is valid, and the schema agrees with binhdang's own
// reader on what can be read (see docs/schemas.md for what a schema cannot say).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as binhdang from "binhdang";
import { ROOT, vectors } from "./vectors.mjs";

const NAMES = ["plan", "report", "catalog", "finding", "summary", "tables", "limits"];
const read = (path) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const SCHEMAS = Object.fromEntries(NAMES.map((n) => [n, read(`schemas/${n}.schema.json`)]));

/** An ajv for draft 2020-12, with ajv-formats unless told not to. */
function ajv(options, { formats = true } = {}) {
  const a = new Ajv2020(options);
  if (formats) addFormats(a);
  return a;
}

// The three ways a developer sets ajv up. Default options need a format
// package for `date` (ajv ships none; see the test below).
const SETUPS = {
  "default options + ajv-formats": () => ajv({}),
  "strict: true + ajv-formats": () => ajv({ strict: true }),
  "allErrors + ajv-formats": () => ajv({ allErrors: true }),
};

for (const [setup, make] of Object.entries(SETUPS)) {
  test(`every schema compiles: ${setup}`, () => {
    const a = make();
    for (const name of NAMES) {
      assert.doesNotThrow(() => a.compile(SCHEMAS[name]), name);
      assert.equal(SCHEMAS[name].$id, `https://binhdang.vn/schemas/v1/${name}.schema.json`);
    }
  });
}

test("default options without a format package: date is the only format to supply", () => {
  // ajv knows no formats by itself, not even the standard ones; the
  // schemas use one, `date`, which ajv-formats (or any `date` format) supplies.
  for (const name of NAMES) {
    const compile = () => ajv({}, { formats: false }).compile(SCHEMAS[name]);
    if (JSON.stringify(SCHEMAS[name]).includes('"format":"date"')) {
      assert.throws(compile, /^Error: unknown format "date" ignored in schema/, name);
    } else {
      assert.doesNotThrow(compile, name);
    }
    const a = ajv({}, { formats: false });
    a.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    assert.doesNotThrow(() => a.compile(SCHEMAS[name]), name);
  }
});

const STRICT = ajv({ strict: true });
const ALL = ajv({ allErrors: true });
for (const s of Object.values(SCHEMAS)) {
  STRICT.addSchema(s);
  ALL.addSchema(s);
}
const validator = (a, name, pointer = "") => a.getSchema(`${SCHEMAS[name].$id}#${pointer}`);

// ---- The documents: every plan and report binhdang ships or tests with.

/** [label, "plan" | "report", value] for every JSON plan and report. */
function documents() {
  const out = [];
  const bundled = "examples/lai-chau-2024";
  out.push([`${bundled}/plan.json`, "plan", read(`${bundled}/plan.json`)]);
  for (const f of readdirSync(join(ROOT, bundled, "reports")).sort()) {
    out.push([`${bundled}/reports/${f}`, "report", read(`${bundled}/reports/${f}`)]);
  }
  for (const [f, plan] of vectors("plans")) out.push([`plans/${f}`, "plan", plan]);
  for (const kind of ["validate", "aggregate"]) {
    for (const [f, v] of vectors(kind)) {
      if (typeof v.plan === "object") out.push([`${kind}/${f} plan`, "plan", v.plan]);
      if ("report" in v) out.push([`${kind}/${f} report`, "report", v.report]);
      (v.reports ?? []).forEach((r, i) => {
        if (!v.reports_as_text?.[i]) out.push([`${kind}/${f} reports/${i}`, "report", r]);
      });
      (v.context?.earlier ?? []).forEach((r, i) => out.push([`${kind}/${f} earlier/${i}`, "report", r]));
    }
  }
  return out;
}
const DOCUMENTS = documents();

const SMALL = new binhdang.Checker(readFileSync(join(ROOT, "tests/conformance/plans/small.json"), "utf8"));

/** What binhdang's reader says of a document: "clean", "too_large", or the malformed paths. */
function reader(kind, value) {
  const text = JSON.stringify(value);
  try {
    if (kind === "plan") new binhdang.Checker(text);
    else if (kind === "limits") SMALL.validateReport("{}", { asOf: "2024-12-31", limits: value });
    else binhdang.loadReport(text);
    return { verdict: "clean" };
  } catch (e) {
    assert.ok(Array.isArray(e.findings), `${e}`);
    const codes = new Set(e.findings.map((f) => f.code));
    if (codes.has("too_large")) return { verdict: "too_large" };
    const paths = e.findings.filter((f) => f.code === "malformed").map((f) => f.path);
    // Limits the core cannot read come back as a message, without findings.
    if (kind === "limits") return { verdict: "malformed", paths: [] };
    // A report that reads with other errors is not what this test is about.
    assert.ok(paths.length > 0, JSON.stringify(e.findings));
    return { verdict: "malformed", paths };
  }
}

const escape = (k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1");

const within = (inner, outer) => inner === outer || inner.startsWith(`${outer}/`);

/**
 * Whether a schema error is about the place of the reader's finding at
 * `path`: the same place, or one inside the other (the reader refuses a whole
 * target where the schema names its field, or names the tag of a variant
 * where the schema names the variant). A missing field: the reader points at
 * the field, the schema at its parent.
 */
function explains(error, path) {
  const at = error.keyword === "required" ? `${error.instancePath}/${escape(error.params.missingProperty)}` : error.instancePath;
  return within(at, path) || within(path, at);
}

/** Compares reader and schema on one document; a disagreement as text, or null. */
function agreement(kind, value, tally) {
  const r = reader(kind, value);
  const v = validator(ALL, kind);
  const valid = v(value);
  const errors = v.errors ?? [];
  tally[r.verdict] = (tally[r.verdict] ?? 0) + 1;
  if (r.verdict === "too_large") return null; // limits are the host's, not the contract's
  if (r.verdict === "clean") {
    return valid ? null : `the reader reads it, the schema refuses: ${JSON.stringify(errors.slice(0, 3))}`;
  }
  if (valid) return `the reader finds it malformed at ${r.paths}, the schema accepts it`;
  const unexplained = r.paths.filter((p) => !errors.some((e) => explains(e, p)));
  return unexplained.length ? `malformed at ${unexplained} for the reader; the schema says ${JSON.stringify(errors.slice(0, 3))}` : null;
}

test("there are documents of both kinds", () => {
  const kinds = DOCUMENTS.map(([, k]) => k);
  assert.ok(kinds.filter((k) => k === "plan").length >= 10, "plans");
  assert.ok(kinds.filter((k) => k === "report").length >= 150, "reports");
});

test("every bundled and vector document: the schema and the reader agree", () => {
  const tally = {};
  const disagreements = [];
  for (const [label, kind, value] of DOCUMENTS) {
    const d = agreement(kind, value, tally);
    if (d) disagreements.push(`${label}: ${d}`);
  }
  assert.deepEqual(disagreements, []);
  // The malformed vectors given as JSON are all refused (018–026, 028, 033–035, 058, 076, 100).
  assert.ok(tally.malformed >= 16 && tally.clean >= 150, JSON.stringify(tally));
  console.log(`# agreement over ${DOCUMENTS.length} documents: ${JSON.stringify(tally)}`);
});

test("every document the reader reads is valid under strict ajv", () => {
  for (const [label, kind, value] of DOCUMENTS) {
    if (reader(kind, value).verdict !== "clean") continue;
    const v = validator(STRICT, kind);
    assert.ok(v(value), `${label}: ${JSON.stringify(v.errors)}`);
  }
});

test("the vectors' malformed findings are the reader's, for documents given as JSON", () => {
  // The vectors say what the reader must say (worked out by hand); this test
  // leans on the reader, so check it against them where they overlap.
  for (const [f, v] of vectors("validate")) {
    if (!("report" in v) || v.mode === "plan" || v.limits) continue;
    const expected = v.expected.filter((x) => x.code === "malformed").map((x) => x.path);
    const r = reader("report", v.report);
    assert.deepEqual(r.verdict === "malformed" ? r.paths.toSorted() : [], expected.toSorted(), f);
  }
});

// ---- Mutations: every place of a plan and a report, made wrong in each way
// a schema can express, then given to both.

/**
 * [path, mutated document] for each mutation of each place in `doc`. A place
 * is mutated at its first occurrence only (`/units/3/name` is `/units/0/name`
 * again), which keeps the count linear in the document's shape, not its size.
 */
function* mutations(doc) {
  const places = [];
  const seen = new Set();
  const walk = (x, path, parent, key) => {
    const shape = path.replace(/\/\d+(?=\/|$)/g, "/*");
    places.push({ x, path, parent, key, first: !seen.has(shape) });
    seen.add(shape);
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}/${i}`, x, i));
    else if (x !== null && typeof x === "object") for (const [k, v] of Object.entries(x)) walk(v, `${path}/${escape(k)}`, x, k);
  };
  walk(doc, "", null, null);
  for (let i = 1; i < places.length; i++) {
    const { x, first } = places[i];
    if (!first) continue;
    const swaps = [null, "text", true, {}, []];
    // An object's values as an array: serde would fill a struct by position.
    if (x !== null && typeof x === "object" && !Array.isArray(x)) swaps.push(Object.values(x));
    // 2^32 − 1 and 2^32: the edge of Rust's usize in WebAssembly (the limits).
    if (typeof x === "number") swaps.push(-1, 2.5, 9007199254740992, 9007199254740991, 4294967295, 4294967296, 0);
    if (typeof x === "string") {
      swaps.push(5, "");
      if (/^\d{4}-\d{2}-\d{2}$/.test(x)) swaps.push("2024-02-30", "5/6/2024", "2024-6-5");
    }
    for (const swap of swaps) {
      yield [`${places[i].path} = ${JSON.stringify(swap)}`, replaceAt(doc, i, swap)];
    }
    if (!Array.isArray(places[i].parent)) yield [`${places[i].path} removed`, replaceAt(doc, i, undefined)];
  }
}

/** A copy of `doc` with its i-th place (in walk order) replaced, or removed when `swap` is undefined. */
function replaceAt(doc, i, swap) {
  const copy = structuredClone(doc);
  let n = 0;
  const walk = (x, parent, key) => {
    if (n++ === i) {
      if (swap === undefined) delete parent[key];
      else parent[key] = swap;
      return true;
    }
    if (Array.isArray(x)) return x.some((v, j) => walk(v, x, j));
    if (x !== null && typeof x === "object") return Object.entries(x).some(([k, v]) => walk(v, x, k));
    return false;
  };
  walk(copy, null, null);
  return copy;
}

/** The schema's example of `def`. */
const example = (name, def) => structuredClone(def ? SCHEMAS[name].$defs[def].examples[0] : SCHEMAS[name].examples[0]);

/** A plan with every optional part filled in, from the schema's examples. */
function fullPlan() {
  const plan = example("plan");
  plan.indicators = [{ ...example("plan", "Indicator"), measure: { type: "rate", per: 100000 }, sdg_series: "SH_STA_MORT", targets: [example("plan", "Target")] }];
  plan.targets = [{ ...example("plan", "PlanTarget"), approximate: true, direction: "at_most", note: "khoảng" }];
  plan.rules = { ...example("plan", "RuleSettings"), outlier_factor: 3, outlier_min: 20 };
  plan.legal_bases[0] = { ...plan.legal_bases[0], date: "2021-03-03", note: "ngày ban hành" };
  const activity = plan.content_areas[0].activities[0];
  Object.assign(activity, { window: example("plan", "Window"), programmes: ["Đề án 938"] });
  plan.content_areas[0].title_en = "Communication";
  plan.funding_sources[0].name_en = "Local budget";
  plan.reporting.text = "Báo cáo 6 tháng trước ngày 10/7.";
  const district = plan.units.find((u) => u.id === "105");
  Object.assign(district, { name_en: "Lai Chau city", note: "x", valid_from: "2004-10-01", valid_to: "2025-06-30", successor_of: ["106"], earlier_parents: [example("plan", "EarlierParent")] });
  return plan;
}

/** A report with every optional part filled in, from the schema's examples. */
function fullReport() {
  const report = example("report");
  report.notes = "Khó khăn: kinh phí.";
  report.values.push({
    indicator: "nq28-mt1",
    numerator: { female: 3, male: 2, total: 5 },
    denominator: { female: 4, male: 3, total: 7 },
    stated: 71.4,
    note: "x",
  });
  report.activities[0] = { ...report.activities[0], note: "x", outputs: [{ indicator: "communication_events", total: 3 }] };
  return report;
}

const BASES = [
  ["report", "examples/lai-chau-2024/reports/2024-annual-105.json", () => read("examples/lai-chau-2024/reports/2024-annual-105.json")],
  ["report", "every part of a report", fullReport],
  ["plan", "tests/conformance/plans/reform.json", () => read("tests/conformance/plans/reform.json")],
  ["plan", "examples/lai-chau-2024/plan.json", () => read("examples/lai-chau-2024/plan.json")],
  ["plan", "every part of a plan", fullPlan],
  ["limits", "limits", () => ({ max_bytes: 4194304, max_depth: 32, max_values: 10000, max_reports: 1000000 })],
];

for (const [kind, source, make] of BASES) {
  test(`mutations of ${source}: the schema and the reader agree`, () => {
    const base = make();
    assert.equal(reader(kind, base).verdict, "clean", "the base reads");
    const tally = {};
    const disagreements = [];
    for (const [what, doc] of mutations(base)) {
      const d = agreement(kind, doc, tally);
      if (d) disagreements.push(`${what}: ${d}`);
    }
    assert.deepEqual(disagreements, []);
    console.log(`# ${source}: ${JSON.stringify(tally)}`);
  });
}

// ---- Examples: each one valid against the subschema it sits in.

test("every example is valid against its own subschema", () => {
  let checked = 0;
  for (const name of NAMES) {
    const walk = (x, pointer) => {
      if (Array.isArray(x)) return x.forEach((v, i) => walk(v, `${pointer}/${i}`));
      if (x === null || typeof x !== "object") return;
      for (const example of x.examples ?? []) {
        const v = validator(STRICT, name, pointer);
        assert.ok(v, `${name}#${pointer}`);
        assert.ok(v(example), `${name}#${pointer}: ${JSON.stringify(v.errors)}`);
        checked++;
      }
      for (const [k, v] of Object.entries(x)) {
        if (!["examples", "const", "enum", "default"].includes(k)) walk(v, `${pointer}/${escape(k)}`);
      }
    };
    walk(SCHEMAS[name], "");
  }
  assert.ok(checked >= 29, `${checked} examples`);
});

test("an example that does not fit is refused (the check is not a rubber stamp)", () => {
  const v = validator(STRICT, "plan", "/$defs/Unit");
  assert.ok(v({ id: "105", name: "Thành phố Lai Châu", kind: "district" }));
  assert.ok(!v({ id: "105", name: "Thành phố Lai Châu", kind: "huyện" }));
});

test("the report schema refuses what the issue tried", () => {
  const base = read("examples/lai-chau-2024/reports/2024-6m-105.json");
  const v = validator(STRICT, "report");
  assert.ok(v(base));
  for (const total of ["4", -1, 2 ** 53, 12.5]) {
    const bad = structuredClone(base);
    bad.values[0].total = total;
    assert.ok(!v(bad), `total ${total}`);
  }
  assert.ok(!v({ ...base, submitted: "2024-02-30" }));
  assert.ok(!v({ ...base, kind: "quarterly" }));
});
