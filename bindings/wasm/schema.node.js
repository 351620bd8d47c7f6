// `schema(name)` in Node: the checked-in schema, read from the package when
// asked for. The name is checked by the module (a BinhdangError if unknown).
import { readFile } from "node:fs/promises";
import { schemaFile } from "./pkg/binhdang.js";

export async function schema(name) {
  return JSON.parse(await readFile(new URL(`./schemas/${schemaFile(name)}`, import.meta.url), "utf8"));
}
