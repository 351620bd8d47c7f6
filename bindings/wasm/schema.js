// `schema(name)` in a browser: the checked-in schema, fetched from beside the
// module when asked for (never at import: the .wasm request goes first, and
// a server's MIME type for JSON does not matter). The name is checked by the
// module, which throws a BinhdangError for an unknown one.
import { schemaFile } from "./pkg/binhdang.js";

export async function schema(name) {
  const response = await fetch(new URL(`./schemas/${schemaFile(name)}`, import.meta.url));
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}
