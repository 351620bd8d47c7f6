// The portal form in a real browser: Debian's Chromium, driven by
// playwright-core, on a page served from this repository on localhost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./vectors.mjs";
import { launch, serve } from "./web.mjs";

let server, browser;

before(async () => {
  server = await serve(ROOT);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the form marks a total that is not female + male, in Vietnamese, and clears it when corrected", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.base}/examples/portal-form/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });

  // Training participants, row 1: 70 women, 55 men, total typed as 130.
  await page.fill('input[data-path="/values/1/female"]', "70");
  await page.fill('input[data-path="/values/1/male"]', "55");
  await page.fill('input[data-path="/values/1/total"]', "130");
  const beside = page.locator('[data-msg-for="/values/1/total"]');
  await assert.doesNotReject(beside.getByText("Tổng số (130) không bằng số nữ (70) cộng số nam (55).").waitFor({ timeout: 5000 }));
  assert.match(await page.getAttribute('input[data-path="/values/1/total"]', "class"), /error-field/);
  assert.match(await page.textContent("#status"), /lỗi/);

  mkdirSync(join(ROOT, "target/test-logs"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "target/test-logs/portal-form.png"), fullPage: true });

  // Corrected: the message goes.
  await page.fill('input[data-path="/values/1/total"]', "125");
  await beside.getByText("Tổng số").waitFor({ state: "detached", timeout: 5000 });
  assert.equal((await beside.textContent()).trim(), "");
  assert.doesNotMatch(await page.getAttribute('input[data-path="/values/1/total"]', "class") ?? "", /error-field/);

  // A negative count is a finding too, beside its field; the page lives on.
  await page.fill('input[data-path="/values/3/male"]', "-5");
  await page.locator('[data-msg-for="/values/3/male"]').getByText("Số âm (-5)").waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
  await page.close();
});
