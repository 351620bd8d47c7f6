// The package's browser entry (and every bundler's): the form module's
// functions, `init`/`initSync`, and `schema(name)`; and the province
// module's functions with `initProvince`/`initProvinceSync` (province.js).
// Call the default export (`await init()`, which fetches the .wasm beside the
// module) or `initSync({ module: bytes })` once, before the form's functions;
// `await initProvince()` (or `initProvinceSync`) once before the province's,
// when the page first needs them: a form never loads that module.
export {
  default,
  initSync,
  Checker,
  loadReport,
  parseDate,
  parseNumber,
  validateReport,
  validateReports,
  version,
} from "./pkg/binhdang.js";
export {
  aggregate,
  catalog,
  initProvince,
  initProvinceSync,
  publishedTables,
  replay,
  setLanguage,
  tables,
  transition,
} from "./province.js";
export { schema } from "./schema.js";
