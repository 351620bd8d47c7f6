// The package's browser entry: the WebAssembly functions, and `schema(name)`.
// Call the default export (`await init()`) once before the other functions.
export * from "./pkg/web/binhdang.js";
export { default } from "./pkg/web/binhdang.js";
export { schema } from "./schema.js";
