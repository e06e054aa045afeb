// Drives Debian's headless Chromium over a built site: home, a briefing, a
// company, a deal, the deals index, the archive, the investors' league table
// and search. Fails on console errors, failed requests, internal links that do
// not answer 200, and serious or critical axe-core violations.
// Saves screenshots at 1280 and 360 px, light and dark.
//
//   node tests/browser/check.mjs PUBLIC_DIR SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const require = createRequire(import.meta.url);
const [root, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain" };

// A plain static server: folders serve index.html, missing files 404.html.
const server = http.createServer((req, res) => {
  let file = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (file.includes("..")) { res.writeHead(400); return res.end(); }
  if (file.endsWith("/")) file += "index.html";
  let full = path.join(root, file);
  if (!fs.existsSync(full) || fs.statSync(full).isDirectory()) {
    res.writeHead(404, { "content-type": types[".html"] });
    return res.end(fs.readFileSync(path.join(root, "404.html")));
  }
  res.writeHead(200, { "content-type": types[path.extname(full)] || "application/octet-stream" });
  res.end(fs.readFileSync(full));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const pages = [
  ["home", ""],
  ["briefing", "briefings/meta-scale-ai-talks/"],
  ["briefing-en", "en/briefings/meta-scale-ai-talks/"],
  ["company", "companies/meta/"],
  ["company-en", "en/companies/meta/"],
  ["deal", "deals/meta-scale-ai-2025/"],
  ["deal-en", "en/deals/meta-scale-ai-2025/"],
  ["corrections", "corrections/"],
  ["investors", "investors/"],
  ["investors-en", "en/investors/"],
  ["archive", "archive/"],
  ["archive-year", "archive/2025/"],
  ["archive-year-en", "en/archive/2025/"],
  ["deals", "deals/"],
  ["search", "search/?q=" + encodeURIComponent("네이버가")],
];
const problems = [];
const links = new Set();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
for (const [name, url] of pages) {
  for (const width of [1280, 360]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      const where = `${name} ${width}px ${scheme}`;
      page.on("console", (m) => { if (m.type() === "error") problems.push(`${where}: console error: ${m.text()}`); });
      page.on("pageerror", (e) => problems.push(`${where}: script error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`${where}: request failed: ${r.url()}`));
      page.on("response", (r) => { if (r.status() >= 400) problems.push(`${where}: ${r.status()} for ${r.url()}`); });
      await page.goto(base + url, { waitUntil: "networkidle" });
      if (name === "search") {
        await page.waitForSelector("#search-results li a", { timeout: 5000 })
          .catch(() => problems.push(`${where}: no search results for 네이버가`));
      }
      await page.screenshot({ path: path.join(shots, `${name}-${width}-${scheme}.png`), fullPage: true });
      if (width === 1280) {
        await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
        const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          problems.push(`${where}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
        }
        for (const href of await page.$$eval("a[href]", (as) => as.map((a) => a.href))) {
          if (href.startsWith(base)) links.add(href.split("#")[0]);
        }
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${where}: the page is ${overflow}px wider than the viewport`);
      await context.close();
    }
  }
}
// Down to 360 px nothing may stick out sideways.
for (const [name, url] of pages) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + url, { waitUntil: "networkidle" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) problems.push(`${name} 360px: the page is ${overflow}px wider than the viewport`);
  await context.close();
}
await browser.close();
for (const link of links) {
  const status = await new Promise((ok) => http.get(link, (r) => { r.resume(); ok(r.statusCode); }).on("error", () => ok(0)));
  if (status !== 200) problems.push(`link ${link} answered ${status}`);
}
server.close();
if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`browser check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`browser check: ${pages.length} pages at 1280 and 360 px in light and dark (and checked for overflow at 360 px), ${links.size} internal links answer 200, no serious or critical axe violations; screenshots in ${shots}`);
