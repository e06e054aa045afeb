// Bytes of index files a search on /search/?q=QUERY fetches, replaying
// themes/default/static/search.js over a built site: the manifest, the token
// shards of the query, and the document chunks of the first page (10) of results.
//
//   node bench/search_bytes.js PUBLIC_DIR QUERY...
const fs = require("node:fs");
const path = require("node:path");
const s = require("../themes/default/static/search.js");

const [root, ...queries] = process.argv.slice(2);
(async () => {
  for (const query of queries) {
    const fetched = [];
    const idx = s.open(path.join(root, "search/manifest.json"), (file) => {
      const bytes = fs.readFileSync(file);
      fetched.push([path.relative(path.join(root, "search"), file), bytes.length]);
      return Promise.resolve(JSON.parse(bytes));
    });
    const started = process.hrtime.bigint();
    const found = await idx.search(query);
    await idx.documents(found.slice(0, 10));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const total = fetched.reduce((sum, [, n]) => sum + n, 0);
    const kb = (n) => (n / 1000).toFixed(1);
    const shards = fetched.filter(([f]) => f.startsWith("t/"));
    const chunks = fetched.filter(([f]) => f.startsWith("d/"));
    console.log(`${query}\t${found.length} results\t${kb(total)} KB\t` +
      `shards ${shards.length} (${kb(shards.reduce((a, [, n]) => a + n, 0))} KB)\t` +
      `chunks ${chunks.length} (${kb(chunks.reduce((a, [, n]) => a + n, 0))} KB)\t${ms.toFixed(0)} ms`);
  }
})();
