// The names the form's entry exports (form.js's `export { … } from` lists),
// which form.d.ts (scripts/types.mjs) and form.cjs (scripts/form-cjs.mjs)
// are written from.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function formNames() {
  const form = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../form.js"), "utf8");
  return [...form.matchAll(/^export \{([^}]*)\} from/gm)]
    .flatMap((m) => m[1].split(","))
    .map((n) => n.trim())
    .filter(Boolean);
}
