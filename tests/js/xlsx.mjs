// Workbooks in the JavaScript tests, without a spreadsheet library: a zip
// archive written and read with node:zlib, and a binhdang form filled the
// way a spreadsheet program saves what a person typed (numbers as numbers,
// text as inline strings) in the form's own input cells.
import { deflateRawSync, inflateRawSync } from "node:zlib";

/** A zip archive of `files` ({ name: Uint8Array }), deflated: what a workbook is made of. */
export function zip(files) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const packed = deflateRawSync(data, { level: 9 });
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(head, n, packed);
    central.push(entry, n);
    offset += head.length + n.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, dir, end]));
}

function crc32(data) {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The text of the part `name` of a zip archive. */
export function part(bytes, name) {
  const p = parts(bytes)[name];
  if (!p) throw new Error(`no part ${name}`);
  return p.toString("utf8");
}

/** Every part of a zip archive, by name, as bytes (found by its central directory). */
export function parts(bytes) {
  const b = Buffer.from(bytes);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  const out = {};
  let at = b.readUInt32LE(end + 16);
  for (let i = 0; i < b.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength, extra, comment, offset] = [b.readUInt16LE(at + 10), b.readUInt32LE(at + 20), b.readUInt16LE(at + 28), b.readUInt16LE(at + 30), b.readUInt16LE(at + 32), b.readUInt32LE(at + 42)];
    const start = offset + 30 + b.readUInt16LE(offset + 26) + b.readUInt16LE(offset + 28);
    const data = b.subarray(start, start + size);
    out[b.toString("utf8", at + 46, at + 46 + nameLength)] = method === 8 ? inflateRawSync(data) : data;
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const unescape = (t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const escape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// The indicator sheet ("Chỉ tiêu") is the form's first.
const SHEET = "xl/worksheets/sheet1.xml";

/** The row (1-based, as Excel numbers it) of an indicator's whole ("Tổng") on a form's indicator sheet. */
export function rowOf(form, indicator) {
  const p = parts(form);
  const strings = [...p["xl/sharedStrings.xml"].toString("utf8").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join("")));
  const text = (row, col) => {
    const m = new RegExp(`<c r="${col}${row}"[^>]*t="s"[^>]*><v>(\\d+)</v>`).exec(p[SHEET].toString("utf8"));
    return m ? strings[Number(m[1])] : undefined;
  };
  for (const m of p[SHEET].toString("utf8").matchAll(/<row r="(\d+)"/g)) {
    if (text(m[1], "A") === indicator && text(m[1], "C") === "Tổng") return Number(m[1]);
  }
  throw new Error(`no row for ${indicator}`);
}

/** The form with `cells` ({ C7: "4/6/2024", F11: 130 }) typed into its indicator sheet's input cells. */
export function fillForm(form, cells) {
  const p = parts(form);
  let sheet = p[SHEET].toString("utf8");
  for (const [ref, value] of Object.entries(cells)) {
    const cell = new RegExp(`<c r="${ref}"( s="\\d+")?/>`);
    if (!cell.test(sheet)) throw new Error(`${ref} is not an empty input cell of the form`);
    sheet = sheet.replace(cell, (_, style = "") => typeof value === "number"
      ? `<c r="${ref}"${style}><v>${value}</v></c>`
      : `<c r="${ref}"${style} t="inlineStr"><is><t>${escape(value)}</t></is></c>`);
  }
  p[SHEET] = Buffer.from(sheet);
  return zip(p);
}
