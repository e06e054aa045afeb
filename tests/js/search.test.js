// The query logic of themes/default/static/search.js, run with `node --test tests/js/`.
const test = require("node:test");
const assert = require("node:assert");
const s = require("../../themes/default/static/search.js");

// The same cases stand in src/render/search.rs, so both tokenizers agree.
test("hangul runs become bigrams and words", () => {
  assert.deepStrictEqual(s.tokens(s.normalize("네이버벤처스")), ["네이", "이버", "버벤", "벤처", "처스", "네이버벤처스"]);
  assert.deepStrictEqual(s.tokens(s.normalize("Meta가 13조원을")), ["meta", "가", "13", "조원", "원을", "조원을"]);
  assert.deepStrictEqual(s.tokens(s.normalize("ＡＩ 투자")), ["ai", "투자"]);
  assert.strictEqual(s.normalize("  Scale\tAI  １３조 "), "scale ai 13조");
  assert.strictEqual(s.normalize("ÉCOLE Straße ΟΔΟΣ"), "école straße οδος");
  assert.strictEqual(s.normalize("한국어\u3000텍스트\n"), "한국어 텍스트");
  assert.strictEqual(s.normalize("ﬁ ＡＢＣ ㈜"), "fi abc (주)");
});

test("a trailing particle is dropped when two syllables remain", () => {
  assert.strictEqual(s.stripParticle("네이버가"), "네이버");
  assert.strictEqual(s.stripParticle("스케일과"), "스케일");
  assert.strictEqual(s.stripParticle("메타에서"), "메타");
  assert.strictEqual(s.stripParticle("오픈ai가"), "오픈ai");
  assert.strictEqual(s.stripParticle("사과"), "사과", "one syllable would remain");
  assert.strictEqual(s.stripParticle("벤처스"), "벤처스");
  assert.strictEqual(s.stripParticle("meta"), "meta");
});

// A small index built the way src/render/search.rs builds it: documents
// without their text, and the postings of every token.
function buildIndex(docs) {
  const postings = {};
  const out = docs.map((d, n) => {
    const text = s.normalize(d.title + " " + d.body);
    for (const token of s.tokens(text)) {
      const list = (postings[token] = postings[token] || []);
      if (list[list.length - 1] !== n) list.push(n);
    }
    return { url: "/" + n + "/", title: d.title, date: "", summary: "", t: s.normalize(d.title) };
  });
  return { docs: out, postings };
}

const index = buildIndex([
  { title: "Meta invests in Scale AI", body: "Meta agreed to invest 13조원 in Scale AI." },
  { title: "트웰브랩스 투자", body: "네이버벤처스의 첫 투자처. 인수 제안은 없었다." },
  { title: "네이버, 실리콘밸리에 투자법인", body: "네이버가 투자법인을 세웠다." },
  { title: "Amazon and Anthropic", body: "An acquisition offer was not made; 제안 인수 순서가 다르다." },
]);
const found = (q) => s.search(index, q).map((d) => d.url);

test("korean queries match with particles and inside compounds", () => {
  assert.deepStrictEqual(found("네이버가"), ["/2/", "/1/"], "title hit first, then newest");
  assert.deepStrictEqual(found("벤처스"), ["/1/"]);
  assert.deepStrictEqual(found("네이버벤처스"), ["/1/"]);
  assert.deepStrictEqual(found("13조원"), ["/0/"]);
});

test("every word must match and phrases rank", () => {
  assert.deepStrictEqual(found("인수 제안"), ["/1/", "/3/"]);
  assert.deepStrictEqual(found("scale meta"), ["/0/"]);
  assert.deepStrictEqual(found("SCALE ai"), ["/0/"]);
  assert.deepStrictEqual(found("scale anthropic"), []);
  assert.deepStrictEqual(found("   "), []);
});

test("a lone syllable matches at the start or end of a pair", () => {
  assert.deepStrictEqual(found("첫"), ["/1/"]);
  assert.deepStrictEqual(found("스"), ["/1/"], "the end of 네이버벤처스");
});

test("other words match as words or their starts", () => {
  assert.deepStrictEqual(found("scal"), ["/0/"]);
  assert.deepStrictEqual(found("acq"), ["/3/"]);
  assert.deepStrictEqual(found("cale"), [], "not inside a word");
  assert.deepStrictEqual(found("!!"), []);
});
