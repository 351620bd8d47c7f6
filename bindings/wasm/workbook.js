// The workbook module: Excel forms (a unit's form to fill, a filled form read
// or validated, the province's summary as a workbook) and the consolidated
// report (a Word file, or HTML), in a third .wasm that
// a page loads only when it asks for it: `await initWorkbook()` fetches
// pkg/workbook_bg.wasm from beside its module and compiles it as it streams
// in, or `initWorkbookSync({ module })` takes bytes the host got itself. The
// Node entry loads it from the package on the first call instead. Once
// loaded, it speaks the language `setLanguage` chose (language.js).
import initModule, * as workbook from "./pkg/workbook.js";
import { moduleLoaded, whenLoaded } from "./language.js";

let loaded = false;
// Marked pure, so that a bundler still leaves out the functions a page never imports.
const guard = (fn) => whenLoaded(fn, () => loaded, "initWorkbook");

export const consolidatedReport = /* @__PURE__ */ guard(workbook.consolidatedReport);
export const consolidatedReportHtml = /* @__PURE__ */ guard(workbook.consolidatedReportHtml);
export const readWorkbook = /* @__PURE__ */ guard(workbook.readWorkbook);
export const reportForm = /* @__PURE__ */ guard(workbook.reportForm);
export const sdmxCsv = /* @__PURE__ */ guard(workbook.sdmxCsv);
export const summaryWorkbook = /* @__PURE__ */ guard(workbook.summaryWorkbook);
export const validateWorkbook = /* @__PURE__ */ guard(workbook.validateWorkbook);

function ready() {
  if (loaded) return;
  loaded = true;
  moduleLoaded(workbook.setLanguage);
}

export async function initWorkbook(moduleOrPath) {
  await initModule(moduleOrPath);
  ready();
}

export function initWorkbookSync(module) {
  workbook.initSync(module);
  ready();
}
