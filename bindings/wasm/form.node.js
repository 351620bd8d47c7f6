// The form's entry in Node (ES module; form.cjs is this file built for
// `require`): form.js's functions, the form module ready on import, as in
// the main entry (index.node.js imports this file for it).
import { readFileSync } from "node:fs";
import { initSync } from "./pkg/binhdang.js";

initSync({ module: readFileSync(new URL("./pkg/binhdang_bg.wasm", import.meta.url)) });

export * from "./form.js";
export { default } from "./form.js";
// Node reads the schema file rather than fetching it.
export { schema } from "./schema.node.js";
