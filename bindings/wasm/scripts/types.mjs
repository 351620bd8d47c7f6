// Generates index.d.ts, the package's one declaration file, for the browser
// and the Node entries alike:
//   - every input and output type, from the checked-in JSON Schemas
//     (schemas/*.schema.json), so the types cannot say what the schemas do not;
//   - the form module's functions, the Checker class and init/initSync, from
//     wasm-bindgen's declarations of the build (pkg/binhdang.d.ts: run
//     ./build.sh first), and the province and workbook modules' functions
//     from their own (pkg/province.d.ts, pkg/workbook.d.ts), with
//     initProvince/initProvinceSync (province.js) and
//     initWorkbook/initWorkbookSync (workbook.js);
//   - `schema(name)` (schema.js), its names those of the schema files;
//   - form.d.ts, the form's entry (`binhdang/form`): form.js's names as
//     index.d.ts declares them.
// `node scripts/types.mjs` writes index.d.ts; `--check` fails when the
// committed file is not what the schemas and the build give.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import { formNames as readFormNames } from "./form-names.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const schemas = join(here, "../../../schemas");
const out = join(here, "../index.d.ts");
// plan.schema.json describes Plan, and so on.
const roots = Object.fromEntries(
  readdirSync(schemas)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((f) => f.slice(0, -".schema.json".length))
    .map((n) => [n, n[0].toUpperCase() + n.slice(1)]),
);
// A definition named like a JavaScript built-in would shadow it in every
// file that imports it (`type Date = string` hid the built-in Date): such a
// name gets another. The built-ins are the globals of TypeScript's ECMAScript
// libraries (lib.es*.d.ts, Temporal included) and of this Node.
const RENAME = { Date: "IsoDate", Temporal: "TemporalKind" };
const tsLibs = join(here, "../node_modules/@typescript");
const builtins = new Set(Object.getOwnPropertyNames(globalThis));
for (const pkg of readdirSync(tsLibs)) {
  const lib = join(tsLibs, pkg, "lib");
  for (const f of existsSync(lib) ? readdirSync(lib).filter((f) => /^lib\.es[\w.]*\.d\.ts$/.test(f)) : []) {
    const text = readFileSync(join(lib, f), "utf8");
    for (const m of text.matchAll(/^(?:declare\s+)?(?:var|function|class|interface|type|namespace|const)\s+([A-Za-z_$][\w$]*)/gm)) builtins.add(m[1]);
  }
}
if (!builtins.has("Temporal") || !builtins.has("Date")) throw new Error(`TypeScript's ECMAScript libraries not found under ${tsLibs}`);
const tsName = (name) => {
  const n = RENAME[name] ?? name;
  if (builtins.has(n)) throw new Error(`the type ${n} would shadow the JavaScript built-in ${n}: add it to RENAME`);
  return n;
};

// Every definition once, under its own name: the same Rust type gives the
// same definition in every schema.
const defs = {};
const add = (name, schema) => {
  const { title: _, ...same } = schema;
  const seen = defs[name];
  if (seen && JSON.stringify(seen) !== JSON.stringify(same)) throw new Error(`two definitions of ${name}`);
  defs[name] = same;
};
for (const [file, root] of Object.entries(roots)) {
  const { $defs = {}, $schema, $id, title, ...body } = JSON.parse(readFileSync(join(schemas, `${file}.schema.json`), "utf8"));
  for (const [k, v] of Object.entries($defs)) add(k, v);
  // A root (Finding) may also be another schema's definition: the same Rust type.
  defs[root] = { ...body, description: body.description ?? title };
}

// A reference becomes the referenced type's name, so the generator never
// inlines a copy of a definition (the copies were Date1 ... Date7).
const byName = (value) => {
  if (Array.isArray(value)) return value.map(byName);
  if (value === null || typeof value !== "object") return value;
  const { $ref, ...rest } = value;
  const o = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, byName(v)]));
  if ($ref === undefined) return o;
  const m = /^#\/\$defs\/(.+)$/.exec($ref);
  if (!m || !defs[m[1]]) throw new Error(`unknown reference ${$ref}`);
  return { ...o, tsType: tsName(m[1]) };
};

const options = { bannerComment: "", additionalProperties: false, format: false, declareExternallyReferenced: false };
const parts = [];
for (const name of Object.keys(defs).sort()) {
  const ts = await compile({ ...byName(defs[name]), title: tsName(name) }, tsName(name), options);
  parts.push(ts.trim());
}
const data = parts.join("\n\n");

// The API: wasm-bindgen's declarations of the form module, as they are.
const bindgen = (name) =>
  readFileSync(join(here, `../pkg/${name}.d.ts`), "utf8").replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, "");
const api = bindgen("binhdang").trim();

// The province and workbook modules' functions, from their declarations:
// each is a doc comment and one `export function` line. Their setLanguage
// is the form module's (language.js sets every module's), and their init,
// initSync and InitOutput are the package's initProvince/initProvinceSync
// and initWorkbook/initWorkbookSync, declared below.
const lazyFns = (module, expected) => {
  const fns = [...bindgen(module).matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export function (\w+)\(.*;\n/g)]
    .filter((m) => !["setLanguage", "initSync"].includes(m[2]));
  const found = fns.map((m) => m[2]).sort();
  if (found.join() !== expected.join()) throw new Error(`pkg/${module}.d.ts declares ${found.join(", ")}, not ${expected.join(", ")}`);
  return fns.map((m) => m[0]).join("\n");
};
const PROVINCE = ["aggregate", "catalog", "publishedTables", "replay", "tables", "transition", "validateReports"];
const WORKBOOK = ["consolidatedReport", "consolidatedReportHtml", "readWorkbook", "reportForm", "sdmxCsv", "summaryWorkbook", "validateWorkbook"];
const provinceApi = `${lazyFns("province", PROVINCE)}
/**
 * Loads the province module (the functions above) once, before their first
 * call: with no argument it fetches \`province_bg.wasm\` from beside the
 * package's module and compiles it as it streams in; like \`init\`, it also
 * takes \`{ module_or_path }\`: a URL, a \`Response\`, bytes or a
 * \`WebAssembly.Module\`. In Node it returns at once: the functions load
 * the module themselves.
 */
export function initProvince(module_or_path?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Loads the province module from bytes or a \`WebAssembly.Module\` the host got itself; in Node it returns at once. */
export function initProvinceSync(module: { module: SyncInitInput }): void;`;
const workbookApi = `${lazyFns("workbook", WORKBOOK)}
/**
 * Loads the workbook module (the functions above: Excel forms) once, before
 * their first call: with no argument it fetches \`workbook_bg.wasm\` from
 * beside the package's module and compiles it as it streams in; it also
 * takes \`{ module_or_path }\`, as \`initProvince\` does. In Node it returns
 * at once: the functions load the module themselves.
 */
export function initWorkbook(module_or_path?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
/** Loads the workbook module from bytes or a \`WebAssembly.Module\` the host got itself; in Node it returns at once. */
export function initWorkbookSync(module: { module: SyncInitInput }): void;`;

// `schema(name)` is JavaScript of the package (schema.js), not of the module.
const schemaFn = `/** A JSON Schema (draft 2020-12) by name, read when asked for (fetched from beside the module in a browser, read from the package in Node); throws a \`BinhdangError\` for an unknown name. */
export function schema(name: ${Object.keys(roots).map((n) => JSON.stringify(n)).join(" | ")}): Promise<object>;`;

// wasm-bindgen declares Checker's \`[Symbol.dispose]\` (for \`using\`): the
// reference brings its declaration to a project whose \`lib\` lacks it (the
// default one), rather than failing there.
const text = `// Generated by scripts/types.mjs from schemas/*.schema.json and the
// wasm-bindgen build (pkg/binhdang.d.ts, pkg/province.d.ts, pkg/workbook.d.ts). Do not edit:
// run \`npm run types\`.
/// <reference lib="esnext.disposable" />

${data}

${api}

${provinceApi}

${workbookApi}

${schemaFn}
`;
const formatted = await (await import("prettier")).format(text, { parser: "typescript", printWidth: 120 });

// Nothing numbered: a name ending in a digit is a copy the generator made.
const copies = [...formatted.matchAll(/^export (?:type|interface|class|function) ([A-Za-z_]+\d+)\b/gm)].map((m) => m[1]);
if (copies.length) throw new Error(`numbered duplicate names: ${copies.join(", ")}`);

// The form's entry (form.js, `binhdang/form`): the names it exports, each
// declared as index.d.ts declares it, and every type (type-only, so that
// the province's functions are not values there).
const formNames = readFormNames();
const undeclared = formNames.filter((n) => n !== "default" && !new RegExp(`^export (?:declare )?(?:function|class) ${n}\\b`, "m").test(formatted));
if (undeclared.length) throw new Error(`form.js exports what index.d.ts does not declare: ${undeclared.join(", ")}`);
const formOut = join(here, "../form.d.ts");
const formFormatted = await (await import("prettier")).format(
  `// Generated by scripts/types.mjs from form.js's exports and index.d.ts. Do not
// edit: run \`npm run types\`.
export { ${formNames.join(", ")} } from "./index.js";
export type * from "./index.js";
`,
  { parser: "typescript", printWidth: 120 },
);

if (process.argv.includes("--check")) {
  if (readFileSync(out, "utf8") !== formatted || readFileSync(formOut, "utf8") !== formFormatted) {
    console.error("index.d.ts or form.d.ts drifted from schemas/, form.js and the build: run `npm run types` in bindings/wasm");
    process.exit(1);
  }
  console.log("index.d.ts and form.d.ts match the schemas, form.js and the build");
} else {
  writeFileSync(out, formatted);
  writeFileSync(formOut, formFormatted);
}
