// Searches a built site in Debian's headless Chromium and counts what the
// search fetched: for each query, /search/?q=QUERY must list results (title
// link, date, a snippet), and the index files it loaded (search/**/*.json,
// counted by this server) must stay under the budget of the site format
// (section 7: under 500 KB for a one-word query at 10,000 briefings).
//
//   node tests/browser/search-shards.mjs PUBLIC_DIR QUERY...
import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const [root, ...queries] = process.argv.slice(2);
const BUDGET = 500 * 1000;
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml" };

let fetched = [];
const server = http.createServer((req, res) => {
  let file = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (file.includes("..")) { res.writeHead(400); return res.end(); }
  if (file.endsWith("/")) file += "index.html";
  const full = path.join(root, file);
  if (!fs.existsSync(full) || fs.statSync(full).isDirectory()) { res.writeHead(404); return res.end(); }
  const body = fs.readFileSync(full);
  if (file.startsWith("/search/") && file.endsWith(".json")) fetched.push([file, body.length]);
  res.writeHead(200, { "content-type": types[path.extname(full)] || "application/octet-stream" });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const problems = [];
let marked = 0;
for (const query of queries) {
  fetched = [];
  const page = await (await browser.newContext()).newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${query}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${query}: ${e.message}`));
  await page.goto(base + "search/?q=" + encodeURIComponent(query));
  await page.waitForSelector("#search-results li", { timeout: 30000 }).catch(() => {});
  const shown = await page.$$eval("#search-results li", (items) => items.map((li) => ({
    href: li.querySelector("a")?.getAttribute("href"),
    title: li.querySelector("a")?.textContent,
    date: li.querySelector("time")?.getAttribute("datetime"),
    snippet: li.querySelector("p")?.textContent,
    marks: [...li.querySelectorAll("p mark")].map((m) => m.textContent),
  })));
  const status = await page.textContent("#search-status");
  const bytes = fetched.reduce((sum, [, n]) => sum + n, 0);
  const files = fetched.map(([f, n]) => `${f.replace("/search/", "")} ${(n / 1000).toFixed(1)} KB`).join(", ");
  console.log(`search-shards: ${JSON.stringify(query)}: ${status}; ${shown.length} shown; ` +
    `${fetched.length} index files, ${(bytes / 1000).toFixed(1)} KB (${files})`);
  if (!shown.length) problems.push(`${query}: no results shown`);
  for (const r of shown) {
    if (!r.href || !r.href.includes("/briefings/") || !r.title || !/^\d{4}-\d\d-\d\d$/.test(r.date || "") || !r.snippet) {
      problems.push(`${query}: a result without link, title, date or snippet: ${JSON.stringify(r)}`);
    }
  }
  marked += shown.filter((r) => r.marks.length).length;
  if (bytes >= BUDGET) problems.push(`${query}: the search fetched ${bytes} bytes, over ${BUDGET}`);
  await page.context().close();
}
await browser.close();
server.close();
// A snippet is the summary: the query is marked where the summary has it.
if (!marked) problems.push("no snippet of any query marks it");
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
