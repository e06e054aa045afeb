// search.js reading the index of tests/fixtures/search/site the way the page
// does, from the files tests/search_index.rs keeps equal to what `briefly
// build` writes (tests/fixtures/search/expected/search/). Run with
// `node --test tests/js/`.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const s = require("../../themes/default/static/search.js");

const dir = path.join(__dirname, "../fixtures/search/expected/search/");
const manifest = JSON.parse(fs.readFileSync(dir + "manifest.json", "utf8"));

// An index over the files, counting what each query fetches.
function index() {
  const fetched = [];
  const idx = s.open(dir + "manifest.json", (file) => {
    fetched.push(path.relative(dir, file));
    return Promise.resolve(JSON.parse(fs.readFileSync(file, "utf8")));
  });
  return { idx, fetched };
}

async function found(query) {
  const { idx } = index();
  const numbers = await idx.search(query);
  return (await idx.documents(numbers)).map((d) => d.url);
}

test("korean queries match with particles and inside compounds", async () => {
  assert.deepStrictEqual(
    await found("네이버가"),
    ["/briefings/naver/", "/briefings/twelve/", "/briefings/escapes/"],
    "title hit first, then newest",
  );
  assert.deepStrictEqual(await found("벤처스"), ["/briefings/twelve/"]);
  assert.deepStrictEqual(await found("네이버벤처스"), ["/briefings/twelve/"]);
  assert.deepStrictEqual(await found("13조원"), ["/briefings/meta/"]);
});

test("every word must match", async () => {
  assert.deepStrictEqual(await found("인수 제안"), ["/briefings/twelve/", "/briefings/amazon/"]);
  assert.deepStrictEqual(await found("scale meta"), ["/briefings/meta/"]);
  assert.deepStrictEqual(await found("SCALE ai"), ["/briefings/meta/"]);
  assert.deepStrictEqual(await found("scale anthropic"), []);
  assert.deepStrictEqual(await found("   "), []);
});

test("a lone syllable matches at the start or end of a pair", async () => {
  assert.deepStrictEqual(await found("첫"), ["/briefings/twelve/"]);
  assert.deepStrictEqual(await found("스"), ["/briefings/twelve/"], "the end of 네이버벤처스");
});

test("other words match as words or their starts", async () => {
  assert.deepStrictEqual(await found("scal"), ["/briefings/meta/"]);
  assert.deepStrictEqual(await found("acq"), ["/briefings/amazon/"]);
  assert.deepStrictEqual(await found("a"), ["/briefings/meta/", "/briefings/amazon/", "/briefings/escapes/"]);
  assert.deepStrictEqual(await found("cale"), [], "not inside a word");
  assert.deepStrictEqual(await found("!!"), []);
});

test("quotes and who said them are found", async () => {
  assert.deepStrictEqual(await found("헌법적"), ["/briefings/amazon/"]);
  assert.deepStrictEqual(await found("아모데이가"), ["/briefings/amazon/"]);
});

test("a query fetches the manifest and the shards of its tokens only", async () => {
  assert.ok(manifest.shards > 1, "the fixture has several shards");
  const { idx, fetched } = index();
  const numbers = await idx.search("네이버가");
  const shards = new Set(["네이", "이버"].map((t) => s.shardOf(s.key(t), manifest.shards)));
  assert.deepStrictEqual(
    fetched.sort(),
    ["manifest.json", ...[...shards].map((n) => `t/${n}.json`)].sort(),
  );
  await idx.documents(numbers.slice(0, 1));
  assert.ok(fetched.includes("d/0.json"));
});

test("results carry title, date and summary as written; the match is marked", async () => {
  const { idx } = index();
  const [doc] = await idx.documents([4]);
  assert.strictEqual(doc.title, "<b>Escapes</b> & “quotes”");
  assert.strictEqual(doc.date, "2025-06-09");
  assert.ok(doc.summary.endsWith("…"), "cut");
  const pieces = s.highlight(doc.summary, "네이버가 naver");
  assert.deepStrictEqual(
    pieces.filter((p) => p.mark).map((p) => p.text),
    ["NAVER", "네이버"],
  );
  assert.strictEqual(pieces.map((p) => p.text).join(""), doc.summary, "nothing lost");
  assert.deepStrictEqual(s.highlight("ＡＩ와 ai", "ai"), [
    { text: "ＡＩ", mark: true },
    { text: "와 ", mark: false },
    { text: "ai", mark: true },
  ]);
});

test("result dates read as the page's language writes them", () => {
  assert.strictEqual(s.readableDate("2025-06-10", "ko"), "2025년 6월 10일");
  assert.strictEqual(s.readableDate("2025-06-09", "en"), "June 9, 2025");
  assert.strictEqual(s.readableDate("2024-12-31", "en"), "December 31, 2024");
  assert.strictEqual(s.readableDate("someday", "ko"), "someday");
});
