// The package's Node entry (ES module; index.cjs is this file built for
// `require`): the browser entry's functions, ready without any init. The
// form module's .wasm is read from beside this file and instantiated here;
// the province module's on the first call of one of its functions (a script
// that only checks forms never compiles it). `init()`, `initSync()`,
// `initProvince()` and `initProvinceSync()` then return at once, so code
// written for the browser entry runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "./pkg/binhdang.js";
import * as province from "./province.js";

initSync({ module: readFileSync(new URL("./pkg/binhdang_bg.wasm", import.meta.url)) });

let loaded = false;
/** The province module, from the package's own .wasm, the first time it is needed. */
function load() {
  if (loaded) return;
  province.initProvinceSync({ module: readFileSync(new URL("./pkg/province_bg.wasm", import.meta.url)) });
  loaded = true;
}

export * from "./index.js";
export { default } from "./index.js";
// These shadow the browser entry's: Node reads the schema file rather than
// fetching it, and loads the province module itself.
export { schema } from "./schema.node.js";
export async function initProvince() {
  load();
}
export function initProvinceSync() {
  load();
}
export function aggregate(plan, reports, asOf, options) {
  load();
  return province.aggregate(plan, reports, asOf, options);
}
export function tables(plan, reports, asOf, options) {
  load();
  return province.tables(plan, reports, asOf, options);
}
export function publishedTables(plan, reports, asOf, options) {
  load();
  return province.publishedTables(plan, reports, asOf, options);
}
export function replay(plan, events, options) {
  load();
  return province.replay(plan, events, options);
}
export function transition(plan, step, options) {
  load();
  return province.transition(plan, step, options);
}
export function catalog() {
  load();
  return province.catalog();
}
