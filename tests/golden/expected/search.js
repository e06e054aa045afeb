// Search over the index built by `briefly build` (search/manifest.json and
// the shards beside it; the format is described in src/render/search.rs).
// Hangul runs are indexed as two-syllable pieces plus the whole run, so a
// query matches inside compounds (벤처스 → 네이버벤처스); a trailing particle is
// dropped from a query word when two syllables remain (네이버가 → 네이버);
// other words match as words or word starts (scal → Scale).
// The tokenizer mirrors src/tokenize.rs (tests/fixtures/tokenize_cases.json
// holds the cases both are tested against). A query fetches the manifest, the
// token shards of its tokens and the document chunks of the results it shows.
(function (root) {
  "use strict";

  var PARTICLES = ["에서는", "에서", "에게", "으로", "로서", "부터", "까지", "처럼", "보다",
    "이라고", "라고", "께서", "한테", "이랑", "하고", "이나", "은", "는", "이", "가", "을",
    "를", "의", "에", "와", "과", "도", "로", "만", "랑"];

  function isHangul(ch) {
    var c = ch.codePointAt(0);
    return c >= 0xac00 && c <= 0xd7a3;
  }

  // As Rust's char::is_alphanumeric: vowel signs of Hindi or Thai are
  // alphabetic, not letters.
  function isWordChar(ch) {
    return /[\p{Alphabetic}\p{N}]/u.test(ch);
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

  // The key a token is sharded by (its first two characters) and its shard:
  // FNV-1a over the key's code points, as src/render/search.rs computes it.
  function key(token) {
    return Array.from(token).slice(0, 2).join("");
  }

  function shardOf(k, shards) {
    var h = 0x811c9dc5;
    Array.from(k).forEach(function (c) {
      h ^= c.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h % shards;
  }

  // The tokens a query looks up: whole Hangul runs are indexed with their
  // particles attached, so a query word of three or more syllables is matched
  // by its pairs.
  function queryTokens(words) {
    var out = [];
    words.forEach(function (word) {
      tokens(word).forEach(function (token) {
        var chars = Array.from(token);
        if (!(chars.length > 2 && isHangul(chars[0]))) out.push(token);
      });
    });
    return out;
  }

  // A list of the index as entries 2n + (1 if in the title), ascending.
  function decode(list) {
    var out = new Array(list.length);
    var v = 0;
    for (var i = 0; i < list.length; i++) { v += list[i]; out[i] = v; }
    return out;
  }

  // Lists of entries merged: each document once, in the title if it is in any.
  function union(lists) {
    var byDoc = {};
    lists.forEach(function (list) {
      list.forEach(function (v) { byDoc[v >> 1] = (byDoc[v >> 1] || 0) | (v & 1) | 2; });
    });
    return Object.keys(byDoc).map(Number).sort(function (a, b) { return a - b; })
      .map(function (n) { return n * 2 + (byDoc[n] & 1); });
  }

  // Documents in both lists: in the title only if in both titles.
  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a[i] >> 1;
      var y = b[j] >> 1;
      if (x === y) { out.push(x * 2 + (a[i] & b[j] & 1)); i++; j++; }
      else if (x < y) i++;
      else j++;
    }
    return out;
  }

  // The shard's tokens, sorted, for prefix lookups (once per shard).
  function sortedKeys(shard) {
    if (!shard.keys) shard.keys = Object.keys(shard.t).sort();
    return shard.keys;
  }

  // Documents holding `token`, from its shard: a lone character by the list
  // made for it (tokens starting with it and, a Hangul syllable, pairs ending
  // with it); a Hangul pair exactly (longer runs holding it hold the pair
  // too); anything else as a word or a word's start.
  function documentsWith(shard, token) {
    var chars = Array.from(token);
    if (chars.length === 1) return decode(shard.p[token] || []);
    if (chars.length === 2 && isHangul(chars[0]) && isHangul(chars[1])) {
      return decode(shard.t[token] || []);
    }
    var keys = sortedKeys(shard);
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < token) lo = mid + 1; else hi = mid;
    }
    var lists = [];
    for (var k = lo; k < keys.length && keys[k].lastIndexOf(token, 0) === 0; k++) {
      lists.push(decode(shard.t[keys[k]]));
    }
    return union(lists);
  }

  // The documents matching every token, given the shards by number: title
  // matches first, then newest (documents are numbered newest first).
  function rank(manifest, shards, query) {
    var words = queryWords(query);
    var candidates = null;
    queryTokens(words).forEach(function (token) {
      var list = documentsWith(shards[shardOf(key(token), manifest.shards)], token);
      candidates = candidates === null ? list : intersect(candidates, list);
    });
    if (candidates === null) return [];
    return candidates.slice().sort(function (a, b) {
      return (b & 1) - (a & 1) || a - b;
    }).map(function (v) { return v >> 1; });
  }

  // An index behind `manifestUrl`, read with `fetchJson(url) -> Promise`;
  // each file is fetched once.
  function open(manifestUrl, fetchJson) {
    var base = manifestUrl.replace(/[^/]*$/, "");
    var files = {};
    function get(path) {
      if (!files[path]) files[path] = fetchJson(base + path);
      return files[path];
    }
    return {
      // The numbers of the matching documents, best first.
      search: function (query) {
        return get("manifest.json").then(function (manifest) {
          var needed = {};
          queryTokens(queryWords(query)).forEach(function (token) {
            needed[shardOf(key(token), manifest.shards)] = true;
          });
          var numbers = Object.keys(needed).map(Number);
          return Promise.all(numbers.map(function (n) { return get("t/" + n + ".json"); }))
            .then(function (loaded) {
              var shards = {};
              numbers.forEach(function (n, i) { shards[n] = loaded[i]; });
              return rank(manifest, shards, query);
            });
        });
      },
      // Documents by number: {url, title, date, summary}, from their chunks.
      documents: function (numbers) {
        return get("manifest.json").then(function (manifest) {
          return Promise.all(numbers.map(function (n) {
            return get("d/" + Math.floor(n / manifest.chunk) + ".json").then(function (chunk) {
              var row = chunk[n % manifest.chunk];
              return { url: row[0], title: row[1], date: row[2], summary: row[3] };
            });
          }));
        });
      }
    };
  }

  // `text` as pieces, the query words in it marked: [{text, mark}]. Matched
  // case- and width-insensitively, character by character.
  function highlight(text, query) {
    var words = queryWords(query).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); });
    var folded = "";
    var origin = [];
    var offset = 0;
    Array.from(text).forEach(function (ch) {
      var f = ch.normalize("NFKC").toLowerCase();
      for (var i = 0; i < f.length; i++) origin.push(offset);
      folded += f;
      offset += ch.length;
    });
    origin.push(offset);
    var marked = [];
    words.forEach(function (w) {
      for (var at = folded.indexOf(w); at !== -1; at = folded.indexOf(w, at + w.length)) {
        for (var k = origin[at]; k < origin[at + w.length]; k++) marked[k] = 1;
      }
    });
    var pieces = [];
    for (var i = 0; i < text.length; i++) {
      var last = pieces[pieces.length - 1];
      if (last && last.mark === !!marked[i]) last.text += text[i];
      else pieces.push({ text: text[i], mark: !!marked[i] });
    }
    return pieces;
  }

  // A day of the index (`2025-06-10`) as the page's language writes dates
  // everywhere else: `2025년 6월 10일`, `June 10, 2025`. The day as it is
  // where it cannot be read.
  function readableDate(day, lang) {
    try {
      return new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-US", {
        year: "numeric", month: "long", day: "numeric", timeZone: "UTC"
      }).format(new Date(day + "T00:00:00Z"));
    } catch (e) {
      return day;
    }
  }

  var api = {
    normalize: normalize, tokens: tokens, stripParticle: stripParticle, queryWords: queryWords,
    queryTokens: queryTokens, key: key, shardOf: shardOf, rank: rank, open: open, highlight: highlight,
    readableDate: readableDate
  };
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
  var PAGE = 10;
  var index = open(results.getAttribute("data-index"), function (url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  });
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = results.getAttribute("data-more");
  more.hidden = true;
  results.parentNode.insertBefore(more, results.nextSibling);

  function item(doc) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = doc.url;
    a.textContent = doc.title;
    var time = document.createElement("time");
    time.dateTime = doc.date;
    time.textContent = " " + readableDate(doc.date, document.documentElement.lang);
    var p = document.createElement("p");
    highlight(doc.summary, query).forEach(function (piece) {
      if (piece.mark) {
        var mark = document.createElement("mark");
        mark.textContent = piece.text;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(piece.text));
      }
    });
    li.appendChild(a);
    li.appendChild(time);
    li.appendChild(p);
    return li;
  }

  index.search(query).then(function (found) {
    results.textContent = "";
    // "{n} results for “{q}”" in the page's language (data-count, and
    // data-count-one for a single result); a theme without them gets "n · q".
    var template = found.length === 1
      ? results.getAttribute("data-count-one") || results.getAttribute("data-count")
      : results.getAttribute("data-count");
    status.textContent = !found.length
      ? results.getAttribute("data-none")
      : template
        ? template.replace("{n}", String(found.length)).replace("{q}", query)
        : found.length + " · " + query;
    var shown = 0;
    function showMore() {
      more.hidden = true;
      var next = found.slice(shown, shown + PAGE);
      shown += next.length;
      return index.documents(next).then(function (docs) {
        docs.forEach(function (doc) { results.appendChild(item(doc)); });
        more.hidden = shown >= found.length;
      });
    }
    more.addEventListener("click", showMore);
    return showMore();
  });
})(typeof window !== "undefined" ? window : globalThis);
