// What the browser tests share: a static file server on 127.0.0.1 that logs
// every request, and Debian's Chromium driven by playwright-core.
import { createServer } from "node:http";
import { readFile } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { chromium } from "playwright-core";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };

/**
 * Serves `root`. `types` overrides content types by extension (a server
 * that sends JSON as text/plain, say). Resolves to { base, requests, close }.
 */
export async function serve(root, types = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    requests.push(path);
    const file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
    readFile(file, (err, data) => {
      if (err) return res.writeHead(404).end();
      const ext = extname(file);
      res.writeHead(200, { "content-type": types[ext] ?? TYPES[ext] ?? "application/octet-stream" }).end(data);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Headless Chromium (CHROMIUM or /usr/bin/chromium), with nothing reaching out. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** A page whose uncaught errors are collected in `errors`. */
export async function open(browser, url) {
  const page = await browser.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(url);
  return page;
}
