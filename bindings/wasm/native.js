// A plan or report given as a JavaScript value, as the bytes the core reads
// (imported by the WebAssembly module, src/lib.rs).
//
// Key decision: convert, never judge. JSON text (a string) crosses as UTF-8;
// a lone surrogate, which a string may hold and UTF-8 cannot, as WTF-8, so
// that the core's decoder names it. Any other value is written out as JSON
// text the way JSON.stringify writes it (toJSON, own enumerable keys,
// undefined and functions left out), except where JSON.stringify would lose
// or refuse a value: there the text holds the value as JavaScript spells it
// (NaN, BigInt(5); an infinite number as 1e999, which JavaScript reads back
// as Infinity) or, for what has no spelling (a cycle, a getter or toJSON that
// throws), a mark that no JSON value starts with. The core's strict reader
// stops there and gives a `malformed` finding at its JSON Pointer, as for
// such text from any runtime: nothing becomes null on the way, nothing throws.

const CYCLE = "<cycle>";
const THREW = "<threw>";
// Nesting past this is not walked (the core refuses far less deep input).
const MAX_DEPTH = 1000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();

export function inputBytes(value) {
  try {
    if (typeof value === "string") return wtf8(value);
    const out = [];
    write(value, "", out, []);
    return encoder.encode(out.join(""));
  } catch {
    return encoder.encode(THREW);
  }
}

/** UTF-8, and each lone surrogate as the three bytes UTF-8 would give its code point (WTF-8). */
function wtf8(text) {
  if (!LONE_SURROGATE.test(text)) return encoder.encode(text);
  const bytes = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

/** Writes `value` (found under `key`) into `out`; false when it writes nothing. */
function write(value, key, out, stack) {
  if (value !== null && (typeof value === "object" || typeof value === "bigint")) {
    try {
      if (typeof value.toJSON === "function") value = value.toJSON(key);
    } catch {
      out.push(THREW);
      return true;
    }
  }
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return false;
    case "boolean":
      out.push(String(value));
      return true;
    case "string":
      out.push(JSON.stringify(value)); // a lone surrogate as its \u escape
      return true;
    case "number":
      out.push(Number.isNaN(value) ? "NaN" : value === Infinity ? "1e999" : value === -Infinity ? "-1e999" : JSON.stringify(value));
      return true;
    case "bigint":
      out.push(`BigInt(${value})`);
      return true;
  }
  if (value === null) {
    out.push("null");
  } else if (stack.includes(value)) {
    out.push(CYCLE);
  } else if (stack.length >= MAX_DEPTH) {
    out.push(THREW);
  } else {
    stack.push(value);
    try {
      if (Array.isArray(value)) array(value, out, stack);
      else object(value, out, stack);
    } catch {
      out.push(THREW);
    }
    stack.pop();
  }
  return true;
}

function array(value, out, stack) {
  out.push("[");
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out.push(",");
    let item;
    try {
      item = value[i];
    } catch {
      out.push(THREW);
      continue;
    }
    // JSON.stringify writes null for undefined or a function in an array.
    if (!write(item, String(i), out, stack)) out.push("null");
  }
  out.push("]");
}

function object(value, out, stack) {
  const keys = Object.keys(value);
  out.push("{");
  let first = true;
  for (const key of keys) {
    const mark = out.length;
    out.push(first ? "" : ",", JSON.stringify(key), ":");
    let item;
    try {
      item = value[key];
    } catch {
      out.push(THREW);
      first = false;
      continue;
    }
    if (write(item, key, out, stack)) first = false;
    else out.length = mark; // left out, as JSON.stringify leaves out undefined and functions
  }
  out.push("}");
}
