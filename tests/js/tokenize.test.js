// The tokenizer of themes/default/static/search.js against the cases
// src/tokenize.rs is tested against too: one table, two tokenizers.
const test = require("node:test");
const assert = require("node:assert");
const s = require("../../themes/default/static/search.js");
const cases = require("../fixtures/tokenize_cases.json");

test("normalize agrees with src/tokenize.rs", () => {
  for (const [input, expected] of cases.normalize) {
    assert.strictEqual(s.normalize(input), expected, JSON.stringify(input));
  }
});

test("tokens agree with src/tokenize.rs", () => {
  assert.ok(cases.tokens.length >= 25);
  for (const [input, expected] of cases.tokens) {
    assert.deepStrictEqual(s.tokens(s.normalize(input)), expected, input);
  }
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

test("shards are FNV-1a over the key's code points, as in src/render/search.rs", () => {
  assert.strictEqual(s.key("네이버벤처스"), "네이");
  assert.strictEqual(s.key("a"), "a");
  assert.strictEqual(s.shardOf("sc", 1000), 923);
  assert.strictEqual(s.shardOf("네이", 1000), 405);
});
