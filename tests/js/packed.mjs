// The npm package as a user gets it: `npm pack` of bindings/wasm, installed
// from the tarball into a fresh folder (an app of type "module").
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./vectors.mjs";

export const PKG = join(ROOT, "bindings/wasm");

export const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

/** Packs and installs the package; { app, remove }: the app's folder, and what deletes it all. */
export function installPacked() {
  const tmp = mkdtempSync(join(tmpdir(), "binhdang-pack-"));
  const [{ filename }] = JSON.parse(npm(["pack", "--json", "--pack-destination", tmp], PKG));
  const app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  npm(["install", "--no-package-lock", join(tmp, filename)], app);
  return { app, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}
