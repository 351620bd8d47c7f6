// The province module: what a province does with the reports and a form
// does not need (checking them together, adding up, publication with small
// cells withheld, the workflow, the catalogue), in a second .wasm that a page loads only when it
// asks for it: `await initProvince()` fetches pkg/province_bg.wasm from
// beside its module and compiles it as it streams in, or
// `initProvinceSync({ module })` takes bytes the host got itself. The Node
// entry loads it from the package on the first call instead. Once loaded, it
// speaks the language `setLanguage` chose (language.js).
import initModule, { initSync, setLanguage } from "./pkg/province.js";
import { moduleLoaded } from "./language.js";

export { aggregate, catalog, publishedTables, replay, tables, transition, validateReports } from "./pkg/province.js";

let loaded = false;

function ready() {
  if (loaded) return;
  loaded = true;
  moduleLoaded(setLanguage);
}

export async function initProvince(moduleOrPath) {
  await initModule(moduleOrPath);
  ready();
}

export function initProvinceSync(module) {
  initSync(module);
  ready();
}
