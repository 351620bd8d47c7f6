// Every JavaScript block of the READMEs runs, against the package installed
// from its tarball (packed.mjs): `js` blocks in Node from the repository root
// (a block that `require`s and does not `import` as CommonJS), and the module
// script of `html` blocks in a page in Chromium. A line written
// `expression;  // → value` must give that value: examples cannot rot.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./vectors.mjs";
import { installPacked } from "./packed.mjs";
import { launch, open, serve } from "./web.mjs";

const READMES = ["README.md", "bindings/wasm/README.md"];
const BLOCKS = READMES.flatMap((readme) =>
  [...readFileSync(join(ROOT, readme), "utf8").matchAll(/```(js|html)\n([\s\S]*?)```/g)].map((m, i) => ({
    name: `${readme}#${i} (${m[1]})`,
    kind: m[1],
    code: m[2],
  })),
);

/** The code with each `expression;  // → value` line turned into a check, and how many there are. */
function checked(code, name) {
  let count = 0;
  const out = code.replace(/^(\s*)(.+?);\s*\/\/ → (.+)$/gm, (_, indent, expr, value) => {
    count += 1;
    return `${indent}__expect(${expr}, ${value}, ${JSON.stringify(`${name}: ${expr}`)});`;
  });
  return { out, count };
}

let installed, server, browser;

before(async () => {
  installed = installPacked();
  cpSync(join(ROOT, "examples/lai-chau-2024/plan.json"), join(installed.app, "plan.json"));
  cpSync(join(ROOT, "examples/lai-chau-2024/reports/2024-6m-106.json"), join(installed.app, "report.json"));
  cpSync(join(ROOT, "examples/lai-chau-2024/workflow/events.json"), join(installed.app, "events.json"));
  server = await serve(installed.app);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  installed?.remove();
});

test("the READMEs have JavaScript blocks, in Node and in a page", () => {
  assert.ok(BLOCKS.filter((b) => b.kind === "js").length >= 3);
  assert.ok(BLOCKS.some((b) => b.kind === "html"));
});

BLOCKS.forEach((block, i) => {
  test(`${block.name} runs and gives what it says`, async () => {
    if (block.kind === "js") {
      const { out, count } = checked(block.code, block.name);
      assert.ok(count > 0, "a block shows at least one value");
      const commonjs = /\brequire\(/.test(out) && !/^import /m.test(out);
      const file = join(installed.app, `readme-${i}.${commonjs ? "cjs" : "mjs"}`);
      const expect = commonjs
        ? `const { deepStrictEqual: __expect } = require("node:assert");\n`
        : `import { deepStrictEqual as __expect } from "node:assert";\n`;
      writeFileSync(file, expect + out);
      // From the root, where the README's example paths lead.
      execFileSync(process.execPath, [file], { cwd: ROOT, stdio: "pipe" });
    } else {
      const [, script] = /<script type="module">([\s\S]*?)<\/script>/.exec(block.code);
      const { out, count } = checked(script, block.name);
      assert.ok(count > 0, "a block shows at least one value");
      const page = `readme-${i}.html`;
      writeFileSync(join(installed.app, page), `<!doctype html><meta charset="utf-8"><body>
<script>
  window.__expect = (got, want, what) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(what + " gave " + JSON.stringify(got) + ", the README says " + JSON.stringify(want));
  };
</script>
<script type="module">${out}
  document.body.dataset.done = "yes";
</script>`);
      const p = await open(browser, `${server.base}/${page}`);
      try {
        await p.waitForSelector("body[data-done]", { state: "attached", timeout: 20000 }).catch(() => {});
        assert.deepEqual(p.errors, []);
        assert.equal(await p.getAttribute("body", "data-done"), "yes");
      } finally {
        await p.close();
      }
    }
  });
});
