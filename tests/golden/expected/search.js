// Search over the index built by `briefly build` (search/index.json).
// Hangul runs are indexed as two-syllable pieces plus the whole run, so a
// query matches inside compounds (벤처스 → 네이버벤처스); a trailing particle is
// dropped from a query word when two syllables remain (네이버가 → 네이버);
// other words match as words or word starts (scal → Scale).
// The tokenizer mirrors src/render/search.rs.
(function (root) {
  "use strict";

  var PARTICLES = ["에서는", "에서", "에게", "으로", "로서", "부터", "까지", "처럼", "보다",
    "이라고", "라고", "께서", "한테", "이랑", "하고", "이나", "은", "는", "이", "가", "을",
    "를", "의", "에", "와", "과", "도", "로", "만", "랑"];

  function isHangul(ch) {
    var c = ch.codePointAt(0);
    return c >= 0xac00 && c <= 0xd7a3;
  }

  function isWordChar(ch) {
    return /[\p{L}\p{N}]/u.test(ch);
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function tokens(text) {
    var chars = Array.from(text);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var start = i;
      if (isHangul(chars[i])) {
        while (i < chars.length && isHangul(chars[i])) i++;
        var run = chars.slice(start, i);
        for (var k = 0; k + 1 < run.length; k++) out.push(run[k] + run[k + 1]);
        if (run.length !== 2) out.push(run.join(""));
      } else if (isWordChar(chars[i])) {
        while (i < chars.length && isWordChar(chars[i]) && !isHangul(chars[i])) i++;
        out.push(chars.slice(start, i).join(""));
      } else {
        i++;
      }
    }
    return out;
  }

  // A query word without its trailing particle, when at least two characters remain.
  function stripParticle(word) {
    var chars = Array.from(word);
    if (!isHangul(chars[chars.length - 1])) return word;
    for (var n = 0; n < PARTICLES.length; n++) {
      var p = Array.from(PARTICLES[n]);
      if (chars.length - p.length >= 2 && chars.slice(chars.length - p.length).join("") === p.join("")) {
        return chars.slice(0, chars.length - p.length).join("");
      }
    }
    return word;
  }

  function queryWords(query) {
    return normalize(query).split(" ").filter(Boolean).map(stripParticle);
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  function union(lists) {
    var seen = {};
    var out = [];
    lists.forEach(function (list) {
      list.forEach(function (n) { if (!seen[n]) { seen[n] = true; out.push(n); } });
    });
    return out.sort(function (a, b) { return a - b; });
  }

  // The index's tokens, sorted, for prefix lookups (built once per index).
  function sortedKeys(index) {
    if (!index.keys) index.keys = Object.keys(index.postings).sort();
    return index.keys;
  }

  // Documents holding `token`: a Hangul pair exactly (longer runs holding it
  // hold the pair too); a lone syllable anywhere in a run (as the start of a
  // token or the end of a pair); anything else as a word or a word's start.
  function documentsWith(index, token) {
    var chars = Array.from(token);
    if (chars.length === 2 && isHangul(chars[0]) && isHangul(chars[1])) {
      return index.postings[token] || [];
    }
    var keys = sortedKeys(index);
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < token) lo = mid + 1; else hi = mid;
    }
    var lists = [];
    for (var k = lo; k < keys.length && keys[k].lastIndexOf(token, 0) === 0; k++) {
      lists.push(index.postings[keys[k]]);
    }
    if (chars.length === 1 && isHangul(chars[0])) {
      keys.forEach(function (key) {
        var kc = Array.from(key);
        if (kc.length === 2 && kc[1] === token && isHangul(kc[0])) lists.push(index.postings[key]);
      });
    }
    return union(lists);
  }

  // Documents matching every word of the query: title matches first, then
  // newest (the index lists documents newest first).
  function search(index, query) {
    var words = queryWords(query);
    var candidates = null;
    words.forEach(function (word) {
      // Whole Hangul runs are indexed with their particles attached, so a
      // query word of three or more syllables is matched by its pairs.
      tokens(word).filter(function (token) {
        var chars = Array.from(token);
        return !(chars.length > 2 && isHangul(chars[0]));
      }).forEach(function (token) {
        var list = documentsWith(index, token);
        candidates = candidates === null ? list : intersect(candidates, list);
      });
    });
    if (candidates === null) return [];
    var phrase = words.join(" ");
    var hits = candidates.map(function (n) {
      var t = index.docs[n].t;
      var rank = t.indexOf(phrase) !== -1 ? 0 : words.every(function (w) { return t.indexOf(w) !== -1; }) ? 1 : 2;
      return { n: n, rank: rank };
    });
    hits.sort(function (a, b) { return a.rank - b.rank || a.n - b.n; });
    return hits.map(function (h) { return index.docs[h.n]; });
  }

  var api = { normalize: normalize, tokens: tokens, stripParticle: stripParticle, queryWords: queryWords, search: search };
  if (typeof module === "object" && module.exports) module.exports = api;
  root.brieflySearch = api;

  if (typeof document === "undefined") return;
  var results = document.getElementById("search-results");
  if (!results) return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) return;
  fetch(results.getAttribute("data-index"))
    .then(function (r) { return r.json(); })
    .then(function (index) {
      var found = search(index, query);
      results.textContent = "";
      found.forEach(function (doc) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = doc.url;
        a.textContent = doc.title;
        var time = document.createElement("time");
        time.dateTime = doc.date;
        time.textContent = " " + doc.date;
        var p = document.createElement("p");
        p.textContent = doc.summary;
        li.appendChild(a);
        li.appendChild(time);
        li.appendChild(p);
        results.appendChild(li);
      });
      status.textContent = found.length ? found.length + " · " + query : results.getAttribute("data-none");
    });
})(typeof window !== "undefined" ? window : globalThis);
