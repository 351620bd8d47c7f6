// The workbook module: Excel forms (a unit's form to fill, a filled form read
// or validated, the province's summary as a workbook) and the consolidated
// report (a Word file, or HTML), in a third .wasm that
// a page loads only when it asks for it: `await initWorkbook()` fetches
// pkg/workbook_bg.wasm from beside its module and compiles it as it streams
// in, or `initWorkbookSync({ module })` takes bytes the host got itself. The
// Node entry loads it from the package on the first call instead. Once
// loaded, it speaks the language `setLanguage` chose (language.js).
import initModule, { initSync, setLanguage } from "./pkg/workbook.js";
import { moduleLoaded } from "./language.js";

export {
  consolidatedReport,
  consolidatedReportHtml,
  readWorkbook,
  reportForm,
  sdmxCsv,
  summaryWorkbook,
  validateWorkbook,
} from "./pkg/workbook.js";

let loaded = false;

function ready() {
  if (loaded) return;
  loaded = true;
  moduleLoaded(setLanguage);
}

export async function initWorkbook(moduleOrPath) {
  await initModule(moduleOrPath);
  ready();
}

export function initWorkbookSync(module) {
  initSync(module);
  ready();
}
