/* Search results that show the matching words in context (issue 4).
 *
 * Material's search finds paragraphs through hidden index fields (scripts/hooks/
 * search_paragraphs.py), so it cannot mark the words that matched, and a paragraph result shows
 * the whole paragraph.  This script cuts each paragraph result down to the passage around the
 * first match and marks the matches (<mark>, styled by Material): the query as typed, its
 * Simplified or variant characters read as the text writes them (约 → 約), and the forms the
 * text uses for a glossary term searched by another name (普丁, Putin, puting → 蒲亭).
 *
 * The data comes from search/search_terms.js, written by the same hook, loaded (as a script, so
 * that it works from file:// too) when the search box is first used.  Without it the literal
 * query is still marked.  Nothing else in the result list is changed.
 */
(function () {
  "use strict";

  var BEFORE = 30;      // characters of context before the first match, at most
  var LENGTH = 120;     // characters shown in all
  var BOUNDARY = /[，。；：、！？]/;
  var SEPARATOR = /[\s\u200b\u3000\-、。，．？！；]+/;   // Material's search separator (zh)
  var script = document.currentScript;
  var data = null;
  var requested = false;

  function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function load() {
    if (requested || !script) return;
    requested = true;
    var el = document.createElement("script");
    el.src = new URL("../../search/search_terms.js", script.src).href;
    el.onload = function () {
      data = window.__editionSearchTerms || null;
      refresh();
    };
    document.head.appendChild(el);
  }

  function isParagraph(id) {
    return data ? data.paras.indexOf(id) >= 0 : /^(p\d+|abstract-\w+)$/.test(id);
  }

  /* The query term as a pattern that also matches the text's own characters. */
  function widen(term) {
    var chars = (data && data.chars) || {};
    return Array.from(term).map(function (ch) {
      return chars[ch] ? "[" + escape(ch + chars[ch]) + "]" : escape(ch);
    }).join("");
  }

  function pattern(query) {
    var parts = [];
    query.toLowerCase().split(SEPARATOR).forEach(function (term) {
      if (!term) return;
      parts.push(widen(term));
      if (!data || Array.from(term).length < 2) return;
      data.names.forEach(function (pair) {
        var hit = pair[0].some(function (key) { return key.indexOf(term) === 0; });
        if (hit) pair[1].forEach(function (form) { parts.push(escape(form)); });
      });
    });
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });   // longest form first
    return new RegExp(parts.filter(function (p, i) { return parts.indexOf(p) === i; })
      .join("|"), "gi");
  }

  function snippet(text, re) {
    re.lastIndex = 0;
    var first = re.exec(text);
    var start = 0;
    if (first) {
      start = Math.max(0, first.index - BEFORE);
      var before = text.slice(start, first.index);
      for (var i = before.length - 1; i >= 0; i--) {
        if (BOUNDARY.test(before[i])) { start += i + 1; break; }
      }
    }
    var end = Math.min(text.length, Math.max(start + LENGTH,
      first ? first.index + first[0].length : 0));
    var p = document.createElement("p");
    p.className = "edition-search-snippet";
    if (start > 0) p.appendChild(document.createTextNode("…"));
    var shown = text.slice(start, end), last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(shown)) !== null) {
      if (!m[0].length) { re.lastIndex++; continue; }
      p.appendChild(document.createTextNode(shown.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      p.appendChild(mark);
      last = m.index + m[0].length;
    }
    p.appendChild(document.createTextNode(shown.slice(last) + (end < text.length ? "…" : "")));
    return p;
  }

  function render(article, re) {
    if (article.editionText === undefined) {
      var nodes = Array.prototype.filter.call(article.childNodes, function (n) {
        return n.nodeType === 3;
      });
      article.editionText = nodes.map(function (n) { return n.nodeValue; }).join("").trim();
      nodes.forEach(function (n) { n.remove(); });
    }
    var old = article.querySelector(".edition-search-snippet");
    if (old) old.remove();
    var heading = article.querySelector("h1, h2");
    var p = snippet(article.editionText, re);
    if (heading) heading.after(p); else article.appendChild(p);
  }

  function process(root) {
    var input = document.querySelector(".md-search__input");
    var re = input && pattern(input.value.trim());
    if (!re) return;
    root.querySelectorAll("a.md-search-result__link").forEach(function (a) {
      var id = decodeURIComponent((a.hash || "").slice(1));
      var article = a.querySelector("article");
      if (article && isParagraph(id)) render(article, re);
    });
  }

  var list = document.querySelector(".md-search-result__list");
  function refresh() { if (list) process(list); }

  if (list) {
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) process(node);
        });
      });
    }).observe(list, { childList: true });
  }
  var input = document.querySelector(".md-search__input");
  if (input) {
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    if (document.activeElement === input || input.value) load();
  }
})();
