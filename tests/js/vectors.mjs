// The conformance vectors and their comparison, for the JavaScript runners.
// The same rules as core/tests/common/mod.rs and tests/python/vectors.py.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function vectors(kind) {
  const dir = join(ROOT, "tests/conformance", kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8"))]);
}

export function planText(v) {
  return typeof v.plan === "string" ? readFileSync(join(ROOT, v.plan), "utf8") : JSON.stringify(v.plan);
}

/** Each report of a vector as the text the engine reads. */
export function reportTexts(v) {
  if ("report_text" in v) return [v.report_text];
  if ("report_text_repeat" in v) {
    const r = v.report_text_repeat;
    return [r.prefix + r.repeat.repeat(r.times) + r.suffix];
  }
  if ("report" in v) return [JSON.stringify(v.report)];
  const asText = v.reports_as_text ?? [];
  return v.reports.map((r, i) => (asText[i] ? r : JSON.stringify(r)));
}

export const brief = (findings) => findings.map((f) => ({ code: f.code, severity: f.severity, path: f.path }));

/**
 * A finding of an Excel vector as its `expected` entry says it: code,
 * severity, path, and `cell` (the finding's `context.cell`) when it has one;
 * any other key the entry names (`problem`, `limit_name`) from the context.
 */
export function excelFinding(f, expected = {}) {
  const x = { code: f.code, severity: f.severity, path: f.path };
  if (f.context?.cell !== undefined) x.cell = f.context.cell;
  for (const key of Object.keys(expected)) {
    if (!(key in x) && !["code", "severity", "path", "cell"].includes(key)) x[key] = f.context?.[key];
  }
  return x;
}

export function* matches(expected, actual, at = "") {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      yield `${at}: expected an object, got ${JSON.stringify(actual)}`;
      return;
    }
    for (const [k, ev] of Object.entries(expected)) yield* matches(ev, actual[k] ?? null, `${at}/${k}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      yield `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
      return;
    }
    for (let i = 0; i < expected.length; i++) yield* matches(expected[i], actual[i], `${at}/${i}`);
  } else if (typeof expected === "number") {
    if (typeof actual !== "number" || Math.abs(expected - actual) > 1e-9 * Math.max(Math.abs(expected), Math.abs(actual), 1)) {
      yield `${at}: expected ${expected}, got ${JSON.stringify(actual)}`;
    }
  } else if (expected !== actual) {
    yield `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
}

export function checkSummary(expected, summary) {
  const actual = { ...summary, periods: {} };
  for (const p of summary.periods) {
    actual.periods[p.entry] = {
      ...p,
      figures: Object.fromEntries(p.figures.map((f) => [figureKey(f), f])),
      progress: Object.fromEntries(p.progress.map((g) => [g.unit === undefined ? `${g.indicator}|${g.year}` : `${g.indicator}|${g.year}|${g.unit}`, g])),
    };
  }
  const exp = structuredClone(expected);
  const errors = [];
  for (const [entry, p] of Object.entries(exp.periods ?? {})) {
    for (const key of p.absent ?? []) {
      if (key in actual.periods[entry].figures) errors.push(`/periods/${entry}/figures/${key}: expected no figure`);
    }
    delete p.absent;
  }
  errors.push(...matches(exp, actual));
  return errors;
}

/** `unit|indicator`, and for a cell of a breakdown `|dimension=code,...` (dimensions in name order). */
export function figureKey(f) {
  const by = Object.entries(f.by ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return by.length ? `${f.unit}|${f.indicator}|${by.map(([d, c]) => `${d}=${c}`).join(",")}` : `${f.unit}|${f.indicator}`;
}

/** An exchange/ vector's check of SDMX-CSV text (tests/conformance/README.md). */
export function checkSdmx(expected, text) {
  const lines = text.split("\n").filter((l) => l !== "");
  const header = lines[0].split(",");
  const errors = JSON.stringify(header) === JSON.stringify(expected.header) ? [] : [`header: ${header}`];
  const fixed = new Set(["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX",
    "OBS_VALUE", "UNIT_MEASURE", "SERIES", "OBS_STATUS", "REPORTS"]);
  const observations = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    const row = Object.fromEntries(header.map((c, i) => [c, cells[i]]));
    let key = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX"].map((c) => row[c]).join("|");
    for (const c of [...header].sort()) if (!fixed.has(c) && row[c] !== "_T") key += `|${c.toLowerCase()}=${row[c]}`;
    observations.set(key, row);
  }
  for (const [key, want] of Object.entries(expected.observations)) {
    const got = observations.get(key);
    if (!got) { errors.push(`no observation ${key}`); continue; }
    for (const [c, v] of Object.entries(want)) if (got[c] !== v) errors.push(`${key} ${c}: expected ${v}, got ${got[c]}`);
  }
  for (const key of expected.absent) if (observations.has(key)) errors.push(`${key} must be absent`);
  return errors;
}
