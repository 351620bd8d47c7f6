// The package's Node entry (ES module; index.cjs is this file built for
// `require`): the browser entry's functions, ready on import. The one .wasm
// of the package is read from beside this file and instantiated here;
// `init()` and `initSync()` then return at once, so code written for the
// browser entry runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "./pkg/binhdang.js";

initSync({ module: readFileSync(new URL("./pkg/binhdang_bg.wasm", import.meta.url)) });

export * from "./index.js";
export { default } from "./index.js";
// Shadows the browser entry's `schema`: Node reads the file rather than fetching it.
export { schema } from "./schema.node.js";
