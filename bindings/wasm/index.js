// The package's browser entry (and every bundler's): the form module's
// functions, `init`/`initSync`, `setLanguage` and `schema(name)` (form.js,
// also an entry of its own: `binhdang/form`); the province module's
// functions (`validateReports` among them: a batch is the province's work)
// with `initProvince`/`initProvinceSync` (province.js); and the
// workbook module's with `initWorkbook`/`initWorkbookSync` (workbook.js).
// Call the default export (`await init()`, which fetches the .wasm beside the
// module) or `initSync({ module: bytes })` once, before the form's functions;
// `await initProvince()` (or `initProvinceSync`) once before the province's,
// and `await initWorkbook()` before the workbook's, when the page first needs
// them: a form never loads those modules.
export * from "./form.js";
export { default } from "./form.js";
export {
  aggregate,
  catalog,
  initProvince,
  initProvinceSync,
  publishedTables,
  replay,
  tables,
  transition,
  validateReports,
} from "./province.js";
export {
  consolidatedReport,
  consolidatedReportHtml,
  initWorkbook,
  initWorkbookSync,
  readWorkbook,
  reportForm,
  sdmxCsv,
  summaryWorkbook,
  validateWorkbook,
} from "./workbook.js";
