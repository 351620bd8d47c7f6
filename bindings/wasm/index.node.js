// The package's Node entry: the WebAssembly functions (ready on import), and `schema(name)`.
export * from "./pkg/node/binhdang.js";
export { schema } from "./schema.js";
