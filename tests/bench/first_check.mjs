// The time a portal form takes to give its first check on a slow network:
// examples/portal-form/ in Chromium (tests/js/web.mjs), served compressed as a
// production server serves it, under Chrome DevTools' network presets, the
// browser cache off. "First check" is the page's own mark: the form module
// loaded, the plan fetched and read, the empty form checked and its findings
// shown (body[data-ready], performance.now() in body[data-ready-at]). The
// province module, which the page loads after that, is not in it. For
// comparison, the page is also served without its preload links (gzip
// only), as a page that lets each import ask for the next.
//   node tests/bench/first_check.mjs OUT.json [runs]
// Needs bindings/wasm built and `npm ci` in tests/js (playwright-core).
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { launch } from "../js/web.mjs";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
const RUNS = Number(process.argv[3] ?? 3);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json",
  ".wasm": "application/wasm", ".css": "text/css" };

// Chrome DevTools' presets (throughput in bytes per second, latency in ms per request).
const PRESETS = {
  "Slow 3G": { latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 },
  "Fast 3G": { latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 },
  // The slow connection of the speed issue (a commune office in the mountains): 400 ms, 50 kB/s.
  "400 ms, 50 kB/s": { latency: 400, downloadThroughput: 50 * 1000, uploadThroughput: 50 * 1000 },
};

/** Serves the repository, each file compressed (`br` or `gzip`) at the highest level, once; without preload links in HTML when `preload` is false. */
async function serve(encoding, preload = true) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT + sep)) return res.writeHead(403).end();
    let body = cache.get(file);
    if (!body) {
      let data;
      try {
        data = readFileSync(file);
      } catch {
        return res.writeHead(404).end();
      }
      if (!preload && file.endsWith(".html")) data = Buffer.from(data.toString("utf8").replace(/^\s*<link rel="(?:module)?preload"[^>]*>\n/gm, ""));
      body = encoding === "br"
        ? brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
        : gzipSync(data, { level: 9 });
      cache.set(file, body);
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-encoding": encoding,
      "content-length": body.length, "cache-control": "no-store" }).end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

async function firstCheck(browser, base, preset) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...PRESETS[preset] });
  await page.goto(`${base}/examples/portal-form/index.html`, { waitUntil: "commit" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  const got = await page.evaluate(() => ({
    ms: Number(document.body.dataset.readyAt),
    resources: performance.getEntriesByType("resource")
      .filter((e) => e.startTime < Number(document.body.dataset.readyAt))
      .map((e) => ({ path: new URL(e.name).pathname, bytes: e.encodedBodySize, start: Math.round(e.startTime), end: Math.round(e.responseEnd) })),
  }));
  await page.close();
  return got;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { chromium: "", runs: RUNS, cases: [] };
const browser = await launch();
results.chromium = browser.version();
try {
  for (const [encoding, preload] of [["gzip", true], ["br", true], ["gzip", false]]) {
    const server = await serve(encoding, preload);
    try {
      for (const preset of Object.keys(PRESETS)) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await firstCheck(browser, server.base, preset));
        const wasm = runs[0].resources.find((r) => r.path.endsWith("/binhdang_bg.wasm"));
        const last = runs.at(-1);
        results.cases.push({
          preset, encoding, preload,
          first_check_ms: Math.round(median(runs.map((r) => r.ms))),
          all_ms: runs.map((r) => Math.round(r.ms)),
          requests_before_first_check: last.resources.length + 1, // and the page itself
          bytes_before_first_check: last.resources.reduce((n, r) => n + r.bytes, 0),
          wasm_bytes: wasm?.bytes,
          wasm_ms: wasm && wasm.end - wasm.start,
          province_fetched_before_first_check: last.resources.some((r) => r.path.endsWith("/province_bg.wasm")),
          resources: last.resources,
        });
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
writeFileSync(process.argv[2], JSON.stringify(results, null, 1) + "\n");
for (const c of results.cases) {
  console.log(`${c.preset}, ${c.encoding}${c.preload ? "" : ", no preload links"}: first check ${c.first_check_ms} ms (runs ${c.all_ms.join(", ")}); ` +
    `${c.requests_before_first_check} requests, ${c.bytes_before_first_check} bytes; form .wasm ${c.wasm_bytes} bytes in ${c.wasm_ms} ms`);
}
