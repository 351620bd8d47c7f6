// The form's entry (`binhdang/form`): what a page needs to check a form
// (the form module's functions, `init`/`initSync`, `setLanguage` and
// `schema(name)`), and nothing of the province and workbook modules, whose
// JavaScript the package's main entry brings with it (some 9 kB with brotli,
// and five more requests, before a form's first check on a slow link). A
// page that later needs them imports the main entry then (`await
// import("binhdang")`): it shares this entry's form module.
export {
  default,
  initSync,
  Checker,
  loadReport,
  parseDate,
  parseNumber,
  validateReport,
  version,
} from "./pkg/binhdang.js";
export { setLanguage } from "./language.js";
export { schema } from "./schema.js";
