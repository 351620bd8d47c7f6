// The package's Node entry (ES module; index.cjs is this file built for
// `require`): the browser entry's functions, ready without any init. The
// form module's .wasm is read from beside this file and instantiated here;
// the province and workbook modules' on the first call of one of their
// functions (a script that only checks forms never compiles them). `init()`,
// `initSync()`, `initProvince()`, `initProvinceSync()`, `initWorkbook()` and
// `initWorkbookSync()` then return at once, so code written for the browser
// entry runs unchanged.
import { readFileSync } from "node:fs";
// The form module, ready on import.
import "./form.node.js";
import * as province from "./province.js";
import * as workbook from "./workbook.js";

let loaded = false;
/** The province module, from the package's own .wasm, the first time it is needed. */
function load() {
  if (loaded) return;
  province.initProvinceSync({ module: readFileSync(new URL("./pkg/province_bg.wasm", import.meta.url)) });
  loaded = true;
}

let workbookLoaded = false;
/** The workbook module, likewise. */
function loadWorkbook() {
  if (workbookLoaded) return;
  workbook.initWorkbookSync({ module: readFileSync(new URL("./pkg/workbook_bg.wasm", import.meta.url)) });
  workbookLoaded = true;
}

export * from "./index.js";
export { default } from "./index.js";
// These shadow the browser entry's: Node reads the schema file rather than
// fetching it, and loads the province and workbook modules itself.
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
export function validateReports(reports, plan, options) {
  load();
  return province.validateReports(reports, plan, options);
}
export function catalog() {
  load();
  return province.catalog();
}
export async function initWorkbook() {
  loadWorkbook();
}
export function initWorkbookSync() {
  loadWorkbook();
}
export function readWorkbook(bytes, options) {
  loadWorkbook();
  return workbook.readWorkbook(bytes, options);
}
export function validateWorkbook(bytes, plan, options) {
  loadWorkbook();
  return workbook.validateWorkbook(bytes, plan, options);
}
export function reportForm(plan, unit, entry) {
  loadWorkbook();
  return workbook.reportForm(plan, unit, entry);
}
export function sdmxCsv(plan, reports, asOf, options) {
  loadWorkbook();
  return workbook.sdmxCsv(plan, reports, asOf, options);
}
export function summaryWorkbook(plan, reports, asOf, options) {
  loadWorkbook();
  return workbook.summaryWorkbook(plan, reports, asOf, options);
}
export function consolidatedReport(plan, reports, asOf, options) {
  loadWorkbook();
  return workbook.consolidatedReport(plan, reports, asOf, options);
}
export function consolidatedReportHtml(plan, reports, asOf, options) {
  loadWorkbook();
  return workbook.consolidatedReportHtml(plan, reports, asOf, options);
}
