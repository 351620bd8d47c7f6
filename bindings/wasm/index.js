// The package's browser entry (and every bundler's): the WebAssembly
// functions, `init`/`initSync`, and `schema(name)`.
// Call the default export (`await init()`, which fetches the .wasm beside the
// module) or `initSync({ module: bytes })` once, before the other functions.
export {
  default,
  initSync,
  Checker,
  aggregate,
  catalog,
  loadReport,
  parseDate,
  parseNumber,
  setLanguage,
  tables,
  validateReport,
  validateReports,
  version,
} from "./pkg/binhdang.js";
export { schema } from "./schema.js";
