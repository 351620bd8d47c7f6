// Generates types.d.ts (TypeScript interfaces of every input and output)
// from the checked-in JSON Schemas, so the types cannot say something the
// schemas do not. `node scripts/types.mjs --check` fails when the file drifts.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const schemas = join(here, "../../../schemas");
const out = join(here, "../types.d.ts");
const roots = { plan: "Plan", report: "Report", catalog: "Catalog", finding: "Finding", summary: "Summary", tables: "Tables", limits: "Limits" };

// One schema holding every definition once: the same Rust type gives the same definition everywhere.
const all = { title: "BinhdangTypes", type: "object", additionalProperties: false, properties: {}, $defs: {} };
const rootDefs = {};
for (const [name, root] of Object.entries(roots)) {
  const { $defs = {}, $schema, $id, title, ...body } = JSON.parse(readFileSync(join(schemas, `${name}.schema.json`), "utf8"));
  for (const [k, v] of Object.entries($defs)) {
    const { title: _, ...same } = v;
    const seen = all.$defs[k] && JSON.stringify((({ title, ...x }) => x)(all.$defs[k]));
    if (seen && seen !== JSON.stringify(same)) throw new Error(`two definitions of ${k}`);
    all.$defs[k] = v;
  }
  rootDefs[root] = { ...body, description: body.description ?? title };
  all.properties[name] = { $ref: `#/$defs/${root}` };
}
// A root (Finding) may also be another schema's definition: the same Rust type.
Object.assign(all.$defs, rootDefs);
// json-schema-to-typescript names interfaces after titles; give every definition its own name.
for (const [k, v] of Object.entries(all.$defs)) v.title = k;

let ts = await compile(all, "BinhdangTypes", {
  bannerComment: "// Generated from schemas/*.schema.json by scripts/types.mjs. Do not edit.",
  additionalProperties: false,
  unreachableDefinitions: true,
  format: true,
});
// The wrapper exists only to gather the definitions.
ts = ts.replace(/export interface BinhdangTypes \{[\s\S]*?\n\}\n/, "");

if (process.argv.includes("--check")) {
  const current = readFileSync(out, "utf8");
  if (current !== ts) {
    console.error("types.d.ts drifted from schemas/: run `npm run types` in bindings/wasm");
    process.exit(1);
  }
  console.log("types.d.ts matches the schemas");
} else {
  writeFileSync(out, ts);
}
