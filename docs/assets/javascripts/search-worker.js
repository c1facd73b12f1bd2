/* The edition's search worker, behind Material's search box and result list (issue 9).
 *
 * It speaks Material's worker protocol (integrations/search/worker/message: 0 setup,
 * 1 ready, 2 query, 3 result) and answers with Material's result shape (groups of items,
 * one group per page, the page itself among them), so Material's result list shows its
 * answers.  It is started by search.js only when the reader opens search, which sends it
 * the address of the data ("edition-data"); it loads search/manifest.js, says "ready",
 * and loads the shards a query needs (search/shard-N.js) as queries come.  The data's
 * format: scripts/editkit/search_index.py.
 *
 * Matching is substring matching over each document's text as stored, folded (lower case,
 * one script, no spaces or punctuation) on both sides: any fragment of a paragraph finds
 * it, wherever it starts (inside a word, a number or a name) and whatever brackets or
 * spaces the reader types.  A query of several words finds a document that holds all of
 * them (or, when none does, any of them, with the missing words listed by Material);
 * the words run together are tried too, so pinyin typed syllable by syllable finds its
 * name.  Results show the passage around the first match, with the matches marked.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var LABEL = 1;                                // a document's title is a label, not searched
var DROP = /[\p{P}\p{S}\p{Z}\s]/u;           // as editkit.search_index.dropped
var SPLIT = /[\p{P}\p{S}\p{Z}\s]+/u;
var BEFORE = 30;                              // characters of context before the first match
var LENGTH = 120;                             // characters shown in all
var BOUNDARY = /[，。；：、！？.;:!?]/;

var base = null;                              // address of the data folder
var manifest = null;
var table = {};                               // character -> folded character
var letters = {};                             // folded character -> bit in a shard's bitmap
var names = [];                               // per glossary entry: folded names
var shards = [];                              // per shard: {file, bits, docs (once loaded)}
var received = {};
var queue = Promise.resolve();

self.__editionSearch = function (name, data) { received[name] = data; };

/* Load one data script: importScripts is synchronous in a worker and returns a promise
 * in the iframe-worker shim that stands in for workers from file://. */
function load(file) {
  return Promise.resolve(importScripts(base + file)).then(function () {
    var data = received[file];
    delete received[file];
    if (data === undefined) throw new Error("search data missing: " + base + file);
    return data;
  });
}

/* ------------------------------------------------------------------------ folding */

function foldChar(c) {
  var l = c.toLowerCase();
  if (l.length !== 1) l = c;
  return table[l] || l;
}

/* The folded text and, for each of its characters, where it stands in the text. */
function folded(text) {
  var out = [], at = [];
  for (var i = 0; i < text.length; i++) {
    var c = text[i];
    var code = text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) c = text.slice(i, i + 2);
    if (!DROP.test(c)) {
      out.push(foldChar(c));
      at.push(i);
    }
    i += c.length - 1;
  }
  return { s: out.join(""), at: at };
}

function fold(text) { return folded(text).s; }

/* ------------------------------------------------------------------------ data */

function setup(url) {
  base = url;
  return load("manifest.js").then(function (m) {
    manifest = m;
    var f = Array.from(m.fold);
    for (var i = 0; i + 1 < f.length; i += 2) table[f[i]] = f[i + 1];
    Array.from(m.letters).forEach(function (c, i) { letters[c] = i; });
    names = m.names.map(function (pair) {
      return { forms: pair[0], all: pair[0].concat(pair[1]).map(fold) };
    });
    shards = m.shards.map(function (s) {
      var raw = atob(s.has), bits = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) bits[i] = raw.charCodeAt(i);
      return { file: s.file, bits: bits, docs: null };
    });
  });
}

function prepare(doc) {
  var text = folded(doc[2]);
  return {
    location: doc[0], title: doc[1], text: doc[2], entries: doc[4], boost: doc[5],
    titleF: doc[6] === LABEL ? "" : fold(doc[1]), textF: text.s, at: text.at, readingF: fold(doc[3])
  };
}

/* Could a shard hold ``needle``: are all its characters in the shard's bitmap? */
function mayHold(shard, needle) {
  for (var c of needle) {
    var i = letters[c];
    if (i === undefined || !(shard.bits[i >> 3] & (1 << (i & 7)))) return false;
  }
  return true;
}

/* ------------------------------------------------------------------------ matching */

function parse(query) {
  var whole = fold(query);
  var words = query.split(SPLIT).map(fold).filter(Boolean);
  words = words.filter(function (w, i) { return words.indexOf(w) === i; });
  return { query: query, whole: whole, words: words.length ? words : [whole],
           raw: query.split(SPLIT).filter(Boolean), named: {} };
}

/* The glossary entries one of whose names holds ``needle`` (worked out once a query). */
function namedBy(q, needle) {
  if (!q.named[needle]) {
    var set = new Set();
    names.forEach(function (entry, i) { if (named(i, needle)) set.add(i); });
    q.named[needle] = set;
  }
  return q.named[needle];
}

function holds(doc, needle, q) {
  if (doc.textF.indexOf(needle) >= 0 || doc.titleF.indexOf(needle) >= 0
      || doc.readingF.indexOf(needle) >= 0) return true;
  var set = namedBy(q, needle);
  return set.size > 0 && doc.entries.some(function (e) { return set.has(e); });
}

function named(entry, needle) {
  return names[entry].all.some(function (n) { return n.indexOf(needle) >= 0; });
}

/* How well a document's glossary names fit: 3 a whole name, 2 the start of one, else 1. */
function nameFit(doc, needle) {
  var best = 1;
  doc.entries.forEach(function (e) {
    names[e].all.forEach(function (n) {
      if (n === needle) best = 3;
      else if (best < 2 && n.indexOf(needle) === 0) best = 2;
    });
  });
  return best;
}

function count(hay, needle) {
  var n = 0, i = hay.indexOf(needle);
  while (i >= 0 && n < 9) { n++; i = hay.indexOf(needle, i + needle.length); }
  return n;
}

/* The documents of one shard that match: all words or the words run together (strict),
 * or at least one word (loose). */
function matchShard(shard, q) {
  var out = [];
  shard.docs.forEach(function (doc) {
    var whole = holds(doc, q.whole, q);
    var hit = q.words.map(function (w) { return whole || holds(doc, w, q); });
    var n = hit.filter(Boolean).length;
    if (!whole && n === 0) return;
    var inText = count(doc.textF, q.whole) || q.words.reduce(function (s, w) {
      return s + count(doc.textF, w);
    }, 0);
    var inTitle = doc.titleF.indexOf(q.whole) >= 0;
    var fit = q.words.reduce(function (f, w) { return f * nameFit(doc, w); }, 1);
    var score = doc.boost * (whole ? 2 : 1) * (n / hit.length)
      * (1 + inText / 10) * (inTitle ? 1.5 : 1) * fit;
    out.push({ doc: doc, score: score, hit: hit, strict: whole || n === hit.length });
  });
  return out;
}

/* The matches of the shards that can hold the query, in order, until there are enough:
 * a shard not loaded yet is loaded then.  The same query always reads the same shards,
 * whatever earlier queries loaded, and a query costs what its shards hold. */
function gather(q) {
  var needles = [q.whole].concat(q.words);
  var wanted = shards.filter(function (shard) {
    return needles.some(function (n) { return mayHold(shard, n); });
  });
  var found = [];
  function next(i) {
    if (i >= wanted.length || found.length >= manifest.limit) return Promise.resolve(found);
    var shard = wanted[i];
    var ready = shard.docs ? Promise.resolve() : load(shard.file).then(function (docs) {
      shard.docs = docs.map(prepare);
    });
    return ready.then(function () {
      found = found.concat(matchShard(shard, q));
      return next(i + 1);
    });
  }
  return next(0);
}

/* ------------------------------------------------------------------------ results */

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/* Where the matches stand in a document's text: [start, end) pairs, sorted, merged. */
function ranges(doc, q) {
  var out = [];
  [q.whole].concat(q.words).forEach(function (needle) {
    if (!needle) return;
    var i = doc.textF.indexOf(needle);
    while (i >= 0) {
      out.push([doc.at[i], doc.at[i + needle.length - 1] + 1]);
      i = doc.textF.indexOf(needle, i + 1);
    }
    // a glossary entry found by another name: mark the forms the text uses
    doc.entries.forEach(function (e) {
      if (!named(e, needle)) return;
      names[e].forms.forEach(function (form) {
        var j = doc.text.indexOf(form);
        while (form && j >= 0) {
          out.push([j, j + form.length]);
          j = doc.text.indexOf(form, j + 1);
        }
      });
    });
  });
  out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  out.forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r.slice());
  });
  return merged;
}

function snippet(doc, q) {
  var text = doc.text;
  if (!text) return "";
  var marks = ranges(doc, q);
  var start = 0;
  if (marks.length) {
    start = Math.max(0, marks[0][0] - BEFORE);
    for (var i = marks[0][0] - 1; i >= start; i--) {
      if (BOUNDARY.test(text[i])) { start = i + 1; break; }
    }
  }
  var end = Math.min(text.length, Math.max(start + LENGTH, marks.length ? marks[0][1] : 0));
  var html = start > 0 ? "…" : "", last = start;
  marks.forEach(function (r) {
    var a = Math.max(r[0], start), b = Math.min(r[1], end);
    if (a >= b || a < last) return;
    html += escape(text.slice(last, a)) + "<mark>" + escape(text.slice(a, b)) + "</mark>";
    last = b;
  });
  html += escape(text.slice(last, end)) + (end < text.length ? "…" : "");
  return '<p class="edition-search-snippet">' + html + "</p>";
}

function item(found, q) {
  var terms = {};
  q.raw.forEach(function (w, i) { terms[w] = q.words.length === q.raw.length ? found.hit[i] : true; });
  return {
    location: found.doc.location, title: escape(found.doc.title),
    text: snippet(found.doc, q), score: found.score, terms: terms
  };
}

/* Material's result: one group per page, best first; each group holds the page itself. */
function search(query) {
  var q = parse(query);
  if (!q.whole) return Promise.resolve({ items: [] });
  return gather(q).then(function (all) {
    var found = all.filter(function (f) { return f.strict; });
    if (!found.length) found = all;          // no document holds every word: any of them
    found.sort(function (a, b) { return b.score - a.score; });
    found = found.slice(0, manifest.limit);
    var groups = new Map();
    found.forEach(function (f) {
      var page = f.doc.location.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(item(f, q));
    });
    var items = [];
    groups.forEach(function (list, page) {
      if (!list.some(function (i) { return i.location === page; })) {
        list.push({ location: page, title: escape(manifest.pages[page] || page), text: "",
                    score: 0, terms: {} });
      }
      items.push(list);
    });
    return { items: items };
  });
}

/* ------------------------------------------------------------------------ messages */

addEventListener("message", function (ev) {
  var message = ev.data || {};
  queue = queue.then(function () {
    if (message.type === "edition-data") {
      return setup(message.data).then(function () { postMessage({ type: READY }); });
    }
    if (message.type === QUERY) {
      return search(String(message.data || "")).then(function (data) {
        postMessage({ type: RESULT, data: data });
      });
    }
    if (message.type !== SETUP) throw new TypeError("Invalid message type");
  }).catch(function (err) {
    console.warn("search: " + (err && err.message || err));
    if (message.type === QUERY) postMessage({ type: RESULT, data: { items: [] } });
  });
});
