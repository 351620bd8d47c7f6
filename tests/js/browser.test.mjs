// The portal form in a real browser: Debian's Chromium, driven by
// playwright-core, on a page served from this repository on localhost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./vectors.mjs";
import { launch, serve } from "./web.mjs";
import { fillForm, part, rowOf } from "./xlsx.mjs";

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

  // The page asks at once for every file its first check needs, and for no other:
  // its preload links are exactly what it fetched before the first check.
  const files = await page.evaluate(() => ({
    preloaded: [...document.querySelectorAll("link[rel=modulepreload], link[rel=preload]")].map((l) => new URL(l.href).pathname).sort(),
    fetched: performance.getEntriesByType("resource")
      .filter((e) => e.startTime < Number(document.body.dataset.readyAt) && !/\.css$|favicon/.test(e.name))
      .map((e) => new URL(e.name).pathname).sort(),
  }));
  assert.deepEqual(files.preloaded, files.fetched);

  mkdirSync(join(ROOT, "target/test-logs"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "target/test-logs/portal-form.png"), fullPage: true });

  // Corrected: the message goes.
  await page.fill('input[data-path="/values/1/total"]', "125");
  await beside.getByText("Tổng số").waitFor({ state: "detached", timeout: 5000 });
  assert.equal((await beside.textContent()).trim(), "");
  assert.doesNotMatch(await page.getAttribute('input[data-path="/values/1/total"]', "class") ?? "", /error-field/);

  // A breakdown, rows by ethnic group and columns by sex: Kinh 10 + 5 and
  // ethnic minorities 20 + 15 are 30 women, typed as 31 in the indicator's
  // own row, which is marked; corrected, the mark goes.
  const p8 = "/values/6";
  for (const [path, n] of [[`${p8}/female`, "31"], [`${p8}/male`, "20"], [`${p8}/total`, "51"],
    [`${p8}/cells/0/female`, "10"], [`${p8}/cells/0/male`, "5"], [`${p8}/cells/0/total`, "15"],
    [`${p8}/cells/1/female`, "20"], [`${p8}/cells/1/male`, "15"], [`${p8}/cells/1/total`, "35"]]) {
    await page.fill(`input[data-path="${path}"]`, n);
  }
  const women = page.locator(`[data-msg-for="${p8}/female"]`);
  await assert.doesNotReject(women.getByText("Các ô theo \"Dân tộc\" cộng lại được 30, khác với 31 đã ghi.").waitFor({ timeout: 5000 }));
  assert.match(await page.getAttribute(`input[data-path="${p8}/female"]`, "class"), /error-field/);
  assert.doesNotMatch(await page.getAttribute(`input[data-path="${p8}/male"]`, "class") ?? "", /error-field/);
  await page.screenshot({ path: join(ROOT, "target/test-logs/portal-form-breakdown.png"), fullPage: true });
  await page.fill(`input[data-path="${p8}/female"]`, "30");
  await page.fill(`input[data-path="${p8}/total"]`, "50");
  await women.getByText("Các ô").waitFor({ state: "detached", timeout: 5000 });
  assert.doesNotMatch(await page.getAttribute(`input[data-path="${p8}/female"]`, "class") ?? "", /error-field/);
  // Leaving the Kinh row empty: the breakdown is incomplete, said under its cells.
  for (const part of ["female", "male", "total"]) await page.fill(`input[data-path="${p8}/cells/0/${part}"]`, "");
  await page.locator(`[data-msg-for="${p8}/cells"]`).getByText("Kinh").waitFor({ timeout: 5000 });

  // A negative count is a finding too, beside its field; the page lives on.
  await page.fill('input[data-path="/values/3/male"]', "-5");
  await page.locator('[data-msg-for="/values/3/male"]').getByText("Số âm (-5)").waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a unit sees its report returned with the standing agency's reason, and submits it again", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1100 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.base}/examples/portal-form/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  // The standing comes from the province module, which the page asks for only once the form is checked.
  await page.waitForSelector("#submit-report:not([disabled])", { timeout: 20000 });
  const timing = await page.evaluate(() => ({
    readyAt: Number(document.body.dataset.readyAt),
    province: performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/province_bg.wasm")).map((e) => e.startTime),
  }));
  assert.equal(timing.province.length, 1);
  assert.ok(timing.province[0] > timing.readyAt, JSON.stringify(timing));

  // Thành phố Lai Châu (105): submitted on 5/6, accepted, then locked (the log's first events).
  assert.match(await page.textContent("#standing"), /^Đã khóa — phiên bản 1, nộp ngày 5\/6\/2024$/);
  assert.equal((await page.textContent("#reason")).trim(), "");

  // Huyện Sìn Hồ (108): returned by Sở Lao động - Thương binh và Xã hội, and why.
  await page.selectOption("#unit", "108");
  assert.match(await page.textContent("#standing"), /^Bị trả lại — phiên bản 1, nộp ngày 3\/6\/2024$/);
  assert.equal(await page.textContent("#reason"),
    "Lý do: Kỳ báo cáo ghi 1/1/2024 – 30/6/2024; kế hoạch quy định 15/12/2023 – 14/6/2024 (Nghị định 09/2019/NĐ-CP). Đề nghị lập lại báo cáo đúng kỳ.");
  await page.screenshot({ path: join(ROOT, "target/test-logs/portal-form-returned.png"), fullPage: true });

  // Submitted again dated 4/6, before it was returned on 7/6: refused, and the page says why.
  await page.click("#submit-report");
  const refusal = page.locator('#submit-result [data-code="date_before_previous"]');
  await refusal.waitFor({ timeout: 5000 });
  assert.match(await refusal.textContent(), /^Không nộp được: /);
  assert.match(await page.textContent("#standing"), /^Bị trả lại/);

  // Dated 10/6: version 2 is in, awaiting review; the reason is gone with the return.
  await page.fill("#submitted", "2024-06-10");
  await page.click("#submit-report");
  await page.locator("#submit-result").getByText("Đã nộp phiên bản 2.").waitFor({ timeout: 5000 });
  assert.match(await page.textContent("#standing"), /^Chờ duyệt — phiên bản 2, nộp ngày 10\/6\/2024$/);
  assert.equal((await page.textContent("#reason")).trim(), "");
  assert.equal(await page.getAttribute("#workflow", "data-state"), "submitted");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an officer uploads a filled Excel form: its findings name their cells, in Vietnamese; the province's summary downloads", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 }, acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.base}/examples/portal-form/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  await page.waitForSelector("#submit-report:not([disabled])", { timeout: 20000 });
  const workbookWasm = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/workbook_bg.wasm")).map((e) => e.startTime));
  // The form and the workflow run without the workbook module: nothing has asked for it.
  assert.deepEqual(await workbookWasm(), []);

  // Huyện Tam Đường (106) downloads its six-month form: the module loads now, once.
  await page.selectOption("#unit", "106");
  const [form] = await Promise.all([page.waitForEvent("download"), page.click("#get-form")]);
  assert.equal(form.suggestedFilename(), "bao-cao-2024-6m-106.xlsx");
  const readyAt = Number(await page.getAttribute("body", "data-ready-at"));
  const loaded = await workbookWasm();
  assert.equal(loaded.length, 1);
  assert.ok(loaded[0] > readyAt, JSON.stringify({ loaded, readyAt }));

  // The unit fills it: 70 women and 55 men trained, the total typed as 130; a word where a count goes.
  const blank = readFileSync(await form.path());
  const trained = rowOf(blank, "training_participants");
  const reached = rowOf(blank, "people_reached");
  const filled = fillForm(blank, { C7: "4/6/2024", [`D${trained}`]: 70, [`E${trained}`]: 55, [`F${trained}`]: 130, [`D${reached}`]: "nhiều" });
  await page.setInputFiles("#workbook-file", { name: "106.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(filled) });
  const total = page.locator(`#workbook-findings tr[data-cell="'Chỉ tiêu'!F${trained}"]`);
  await total.waitFor({ timeout: 10000 });
  assert.equal(await total.getAttribute("data-code"), "sex_sum_mismatch");
  assert.deepEqual(await total.locator("td").allTextContents(), [`'Chỉ tiêu'!F${trained}`, "Lỗi", "Tổng số (130) không bằng số nữ (70) cộng số nam (55)."]);
  const word = page.locator(`#workbook-findings tr[data-cell="'Chỉ tiêu'!D${reached}"]`);
  assert.equal(await word.getAttribute("data-code"), "malformed");
  assert.match(await page.textContent("#workbook-status"), /^106\.xlsx: còn \d+ lỗi cần sửa trong tệp\.$/);
  // Every finding of the file is listed, in the library's order, with its cell where it has one.
  const rows = await page.locator("#workbook-findings tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.dataset.code, tr.dataset.cell ?? null]));
  assert.ok(rows.length >= 2 && rows.some(([code, cell]) => code === "sex_sum_mismatch" && cell === `'Chỉ tiêu'!F${trained}`), JSON.stringify(rows));
  await page.screenshot({ path: join(ROOT, "target/test-logs/portal-form-excel.png"), fullPage: true });

  // A form cut off halfway, as a failed download leaves it: one finding about the whole file, in Vietnamese.
  await page.setInputFiles("#workbook-file", { name: "cut-off.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(filled.subarray(0, filled.length / 2)) });
  await page.locator("#workbook-status").getByText("cut-off.xlsx").waitFor({ timeout: 10000 });
  assert.deepEqual(await page.locator("#workbook-findings tbody td").allTextContents(), ["(cả báo cáo)", "Lỗi", "Tệp không phải sổ tính Excel (.xlsx) đọc được."]);

  // The province's summary of both files: a workbook whose accounting names the filled form's cell.
  const [summary] = await Promise.all([page.waitForEvent("download"), page.click("#get-summary")]);
  assert.equal(summary.suggestedFilename(), "tong-hop-2024-06-30.xlsx");
  const bytes = readFileSync(await summary.path());
  assert.ok(part(bytes, "xl/workbook.xml").includes('<sheet name="Đối chiếu"'));
  assert.ok(part(bytes, "xl/sharedStrings.xml").includes(`&apos;Chỉ tiêu&apos;!F${trained}`) || part(bytes, "xl/sharedStrings.xml").includes(`'Chỉ tiêu'!F${trained}`));
  assert.equal((await workbookWasm()).length, 1);
  assert.deepEqual(errors, []);
  await page.close();
});
