// A report JavaScript serialises and Rust reads back is the same report:
// what a portal does between typing a form and sending it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as binhdang from "binhdang";
import { ROOT, vectors } from "./vectors.mjs";

/** Every report the project holds as JSON: the bundled ones and the vectors'. */
function reportTexts() {
  const dir = join(ROOT, "examples/lai-chau-2024/reports");
  const texts = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => readFileSync(join(dir, f), "utf8"));
  for (const [, v] of [...vectors("validate"), ...vectors("aggregate")]) {
    const rs = v.report && typeof v.report === "object" ? [v.report] : (v.reports ?? []).filter((r) => typeof r === "object");
    for (const r of rs) texts.push(JSON.stringify(r));
  }
  return texts;
}

function load(text) {
  try {
    return binhdang.loadReport(text);
  } catch (e) {
    assert.equal(e.name, "BinhdangError");
    assert.ok(e.findings.some((f) => f.severity === "error"));
    return null; // unreadable on purpose (a vector's mistake), and said so
  }
}

test("every bundled and vector report survives JSON.stringify and JSON.parse", () => {
  let checked = 0;
  for (const text of reportTexts()) {
    const first = load(text);
    if (first === null) continue;
    // Through JavaScript's own JSON, as a portal stores and sends it.
    const again = binhdang.loadReport(JSON.parse(JSON.stringify(first)));
    assert.deepEqual(again, first);
    // Every key given with a value is kept (unknown ones too), in NFC.
    for (const [k, value] of Object.entries(JSON.parse(text))) {
      if (value !== null && !(Array.isArray(value) && value.length === 0)) assert.ok(k.normalize("NFC") in first, k);
    }
    checked++;
  }
  assert.ok(checked >= 60, `only ${checked}`);
});

// A small deterministic generator (xorshift), so a failure is reproducible.
function* generated(n, seed = 0x2545f491) {
  let x = seed;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0));
  const big = () => (next() % 4 === 0 ? Number.MAX_SAFE_INTEGER - (next() % 1000) : next() % 100000);
  const names = ["Lò Thị Mai", "Nguye\u0302\u0303n Văn A", "Phòng Lao động – Thương binh và Xã hội", "📋 ghi chú"];
  for (let i = 0; i < n; i++) {
    const f = big(), m = next() % 5000;
    yield {
      plan: "01/KH-BVSTBPN",
      unit: String(105 + (next() % 8)),
      kind: next() % 2 ? "six_month" : "annual",
      period: { from: "2023-12-15", to: "2024-06-14" },
      submitted: "2024-06-04",
      values: [
        { indicator: "people_reached", female: f, male: m, total: Number.isSafeInteger(f + m) ? f + m : null },
        { indicator: "nq28-mt1", numerator: { total: next() % 50 }, denominator: { total: 50 + (next() % 50) } },
      ],
      funding: [{ source: "ngan-sach-dia-phuong", planned: big(), spent: next() % 1000 }],
      notes: names[next() % names.length],
      app_draft: { step: next() % 7, by: names[next() % names.length], saved: [1, 2.5, "x", null, true] },
    };
  }
}

test("generated reports: counts up to 2^53 - 1 and money stay exact, text comes back in NFC, app fields survive", () => {
  for (const r of generated(300)) {
    const first = binhdang.loadReport(JSON.stringify(r));
    assert.equal(first.values[0].female, r.values[0].female);
    assert.equal(first.funding[0].planned, r.funding[0].planned);
    assert.equal(first.notes, r.notes.normalize("NFC"));
    assert.deepEqual(first.app_draft, { ...r.app_draft, by: r.app_draft.by.normalize("NFC") });
    assert.deepEqual(binhdang.loadReport(JSON.stringify(first)), first);
  }
});
