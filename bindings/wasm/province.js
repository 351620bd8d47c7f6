// The province module: what a province does with the reports and a form
// does not need (checking them together, adding up, publication with small
// cells withheld, the workflow, the catalogue), in a second .wasm that a
// page loads only when it asks for it: `await initProvince()` fetches
// pkg/province_bg.wasm from beside its module and compiles it as it streams
// in, or `initProvinceSync({ module })` takes bytes the host got itself. The
// Node entry loads it from the package on the first call instead. Once
// loaded, it speaks the language `setLanguage` chose (language.js); before,
// each function throws a BinhdangError that says to load it.
import initModule, * as province from "./pkg/province.js";
import { moduleLoaded, whenLoaded } from "./language.js";

let loaded = false;
// Marked pure, so that a bundler still leaves out the functions a page never imports.
const guard = (fn) => whenLoaded(fn, () => loaded, "initProvince");

export const aggregate = /* @__PURE__ */ guard(province.aggregate);
export const catalog = /* @__PURE__ */ guard(province.catalog);
export const publishedTables = /* @__PURE__ */ guard(province.publishedTables);
export const replay = /* @__PURE__ */ guard(province.replay);
export const tables = /* @__PURE__ */ guard(province.tables);
export const transition = /* @__PURE__ */ guard(province.transition);
export const validateReports = /* @__PURE__ */ guard(province.validateReports);

function ready() {
  if (loaded) return;
  loaded = true;
  moduleLoaded(province.setLanguage);
}

export async function initProvince(moduleOrPath) {
  await initModule(moduleOrPath);
  ready();
}

export function initProvinceSync(module) {
  province.initSync(module);
  ready();
}
