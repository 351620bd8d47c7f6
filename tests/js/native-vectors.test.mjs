// The vectors of values a host builds (tests/conformance/native) as a
// JavaScript host holds them: each {"$native": ...} mark made the value it
// names (a BigInt, -Infinity, an object that holds itself, a string ending in
// half a surrogate pair), passed as a plain object.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as binhdang from "binhdang";
import { planText, vectors } from "./vectors.mjs";

function native(value, holder) {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && "$native" in value) {
    switch (value.$native) {
      case "float":
        return Number(value.value);
      case "infinity":
        return value.sign * Infinity;
      case "big_integer":
        return BigInt(value.digits);
      case "cycle":
        return holder;
      case "lone_surrogate":
        return value.text + "\uD800";
      default:
        throw new Error(`unknown mark ${value.$native}`);
    }
  }
  if (Array.isArray(value)) return value.map((x) => native(x, holder));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, x] of Object.entries(value)) out[k] = native(x, out);
    return out;
  }
  return value;
}

const NATIVE = vectors("native");

test("enough native vectors", () => {
  assert.ok(NATIVE.length >= 6);
});

for (const [name, v] of NATIVE) {
  test(`native ${name}`, () => {
    const found = binhdang.validateReport(native(v.report), planText(v), { asOf: v.as_of });
    const got = found.map((f, i) => {
      const x = { code: f.code, severity: f.severity, path: f.path };
      if (v.expected[i] && "problem" in v.expected[i]) x.problem = f.context.problem;
      return x;
    });
    assert.deepEqual(got, v.expected, v.description);
  });
}
