// The province module: what a province does with the reports and a form
// does not need (checking them together, adding up, publication with small
// cells withheld, the workflow, the catalogue), in a second .wasm that a page loads only when it
// asks for it: `await initProvince()` fetches pkg/province_bg.wasm from
// beside its module and compiles it as it streams in, or
// `initProvinceSync({ module })` takes bytes the host got itself. The Node
// entry loads it from the package on the first call instead. Once loaded, it
// speaks the language `setLanguage` chose (language.js).
import initModule, * as province from "./pkg/province.js";
import { moduleLoaded, whenLoaded } from "./language.js";

let loaded = false;
const guard = (fn) => whenLoaded(fn, () => loaded, "initProvince");

export const aggregate = guard(province.aggregate);
export const catalog = guard(province.catalog);
export const publishedTables = guard(province.publishedTables);
export const replay = guard(province.replay);
export const tables = guard(province.tables);
export const transition = guard(province.transition);
export const validateReports = guard(province.validateReports);

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
