// `schema(name)` for both entries: the checked-in schemas, shipped beside the
// module as JSON modules rather than inside the .wasm, which stays smaller.
import plan from "./schemas/plan.schema.json" with { type: "json" };
import report from "./schemas/report.schema.json" with { type: "json" };
import catalogSchema from "./schemas/catalog.schema.json" with { type: "json" };
import finding from "./schemas/finding.schema.json" with { type: "json" };
import summary from "./schemas/summary.schema.json" with { type: "json" };
import tablesSchema from "./schemas/tables.schema.json" with { type: "json" };
import limits from "./schemas/limits.schema.json" with { type: "json" };

const SCHEMAS = { plan, report, catalog: catalogSchema, finding, summary, tables: tablesSchema, limits };

/** A JSON Schema (draft 2020-12) by name: plan, report, catalog, finding, summary, tables, limits. */
export function schema(name) {
  if (!Object.hasOwn(SCHEMAS, name)) {
    const e = new Error(`unknown schema ${JSON.stringify(name)}; one of: ${Object.keys(SCHEMAS).join(", ")}`);
    e.name = "BinhdangError";
    e.findings = [];
    throw e;
  }
  return structuredClone(SCHEMAS[name]);
}
