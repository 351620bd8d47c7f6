// The province module: what a province does with the reports and a form
// does not need (adding up, publication with small cells withheld, the
// workflow, the catalogue), in a second .wasm that a page loads only when it
// asks for it: `await initProvince()` fetches pkg/province_bg.wasm from
// beside its module and compiles it as it streams in, or
// `initProvinceSync({ module })` takes bytes the host got itself. The Node
// entry loads it from the package on the first call instead.
//
// The one piece of state the two modules share is the language of error
// messages: `setLanguage` sets it in the form module, and in the province
// module now or when it loads.
import { setLanguage as setFormLanguage } from "./pkg/binhdang.js";
import initModule, { initSync, setLanguage as setProvinceLanguage } from "./pkg/province.js";

export { aggregate, catalog, publishedTables, replay, tables, transition } from "./pkg/province.js";

// What setLanguage chose, for the province module when it loads.
let language;
let loaded = false;

function ready() {
  if (loaded) return;
  loaded = true;
  if (language !== undefined) setProvinceLanguage(language);
}

export async function initProvince(moduleOrPath) {
  await initModule(moduleOrPath);
  ready();
}

export function initProvinceSync(module) {
  initSync(module);
  ready();
}

export function setLanguage(code) {
  setFormLanguage(code); // throws a BinhdangError for a code that is not a language
  language = code;
  if (loaded) setProvinceLanguage(code);
}
