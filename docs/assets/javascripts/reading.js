/* Reading the edition (deferred; nothing here runs before the text is on screen).

   Text page:
   - the reader's switch for glossary links: "first" (the first occurrence of a term in each
     section is a link: the page as built), "all", "none"; remembered (localStorage, which
     also works from file://); a term's later occurrences are marked by comments in the
     page (no element before the first paint) and become spans only when first needed;
   - popovers, on hover, keyboard focus and touch: a glossary term's gloss in the language of
     its passage (glosses loaded once, from generated/glosses.js, at the first one asked for);
     an emended or annotated reading's source reading and reason (from its marker's title);
   - the diplomatic view: each block's source lines, as they are, under it (loaded from
     generated/source-lines.js when switched on; remembered too).
   Apparatus page: filters by kind and certainty.

   Data files are loaded with a script tag, not fetch(): fetch() fails from file://. */
(function () {
  "use strict";

  var KEY = "edition-reading";
  var here = document.currentScript && document.currentScript.src;
  var root = here ? new URL("../../", here) : new URL("./", location.href);

  function prefs() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(change) {
    var p = prefs();
    for (var k in change) p[k] = change[k];
    try { localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* private mode: not remembered */ }
  }

  var loading = {};
  function load(path, name, done) {
    if (window[name]) return done(window[name]);
    if (!loading[path]) {
      loading[path] = [];
      var s = document.createElement("script");
      s.src = new URL(path, root).href;
      s.onload = function () { loading[path].forEach(function (f) { f(window[name]); }); };
      document.head.appendChild(s);
    }
    loading[path].push(done);
  }

  /* ───── glossary links: first | all | none ───── */

  var TERMS = ["first", "all", "none"];

  function swap(el, tag) {
    var next = document.createElement(tag);
    for (var i = 0; i < el.attributes.length; i++) {
      var a = el.attributes[i];
      if (a.name !== "href" && a.name !== "class") next.setAttribute(a.name, a.value);
    }
    while (el.firstChild) next.appendChild(el.firstChild);
    if (tag === "a") {
      next.className = "term";
      next.href = "glossary.html#" + el.dataset.term;
    } else {
      next.className = "term term--more";
    }
    el.parentNode.replaceChild(next, el);
  }

  /* A term's later occurrences come as <!--t id-->…<!--/t--> (<!--ti id--> inside another
     link): no element until the reader asks for "all" or "none"; then each becomes the span
     the switch works on. Marks nest properly, so each pair shares a parent. */
  var spansMade = false;
  function makeSpans(article) {
    if (spansMade) return;
    spansMade = true;
    var walk = document.createTreeWalker(article, NodeFilter.SHOW_COMMENT);
    var open = [], pairs = [], c;
    while ((c = walk.nextNode())) {
      var m = /^t(i?) (\S+)$/.exec(c.data);
      if (m) open.push({start: c, inner: !!m[1], term: m[2]});
      else if (c.data === "/t" && open.length) { var o = open.pop(); o.end = c; pairs.push(o); }
    }
    pairs.forEach(function (p) {
      var span = document.createElement("span");
      span.className = "term term--more" + (p.inner ? " term--inner" : "");
      span.setAttribute("data-term", p.term);
      while (p.start.nextSibling && p.start.nextSibling !== p.end) span.appendChild(p.start.nextSibling);
      p.start.parentNode.replaceChild(span, p.start);
      p.end.parentNode.removeChild(p.end);
    });
  }

  function setTerms(mode) {
    if (TERMS.indexOf(mode) < 0) mode = "first";
    makeSpans(document.querySelector("article"));
    var terms = document.querySelectorAll("article [data-term]:not(.term--inner)");
    for (var i = 0; i < terms.length; i++) {
      var el = terms[i];
      // "all": the outermost mark of nested ones is the link (no link inside a link)
      var link = (mode === "all" && !el.parentNode.closest("article [data-term]")) ||
        (mode === "first" && el.hasAttribute("data-first"));
      if (link && el.tagName !== "A") swap(el, "a");
      else if (!link && el.tagName === "A") swap(el, "span");
    }
    document.documentElement.dataset.terms = mode;
  }

  /* ───── popovers ───── */

  var pop = null, owner = null, lastPointer = "mouse", pressing = false, hideTimer = 0;

  function popover() {
    if (pop) return pop;
    pop = document.createElement("div");
    pop.id = "reading-popover";
    pop.className = "reading-popover";
    pop.setAttribute("role", "tooltip");
    pop.hidden = true;
    pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("mouseleave", function () { hide(); });
    document.body.appendChild(pop);
    return pop;
  }

  function target(node) {
    return node && node.closest && node.closest("article a.term, article .emendation, article .annotation, article a.ed-mark");
  }

  function edNote(el) {
    var id = el.dataset.ed;
    var mark = el.classList.contains("ed-mark") ? el :
      document.querySelector("article a.ed-mark[href$='#" + id + "']");
    return mark ? mark.dataset.note || mark.getAttribute("title") || "" : "";
  }

  function show(el) {
    clearTimeout(hideTimer);
    var p = popover();
    if (owner && owner !== el) owner.removeAttribute("aria-describedby");
    owner = el;
    if (el.matches("a.term")) {
      var lang = (el.closest("[lang]") || document.documentElement).lang || "";
      var en = lang.slice(0, 2) === "en";
      p.lang = en ? "en" : "zh-Hant-TW";
      p.textContent = "…";
      load("generated/glosses.js", "editionGlosses", function (glosses) {
        if (owner !== el) return;
        var g = glosses[el.dataset.term];
        p.textContent = g ? (en ? g.en : g.zh) : "";
        place(el);
      });
    } else {
      p.lang = "zh-Hant-TW";
      p.textContent = edNote(el);
    }
    p.hidden = false;
    el.setAttribute("aria-describedby", p.id);
    place(el);
  }

  function place(el) {
    var r = el.getBoundingClientRect();
    var width = Math.min(352, document.documentElement.clientWidth - 16);
    pop.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    pop.style.left = left + window.scrollX + "px";
    pop.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    if (!pop) return;
    pop.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  function initPopovers(article) {
    // the markers' titles become popovers: one tooltip, not the browser's as well
    var marks = article.querySelectorAll("a.ed-mark[title]");
    for (var i = 0; i < marks.length; i++) {
      marks[i].dataset.note = marks[i].getAttribute("title");
      marks[i].removeAttribute("title");
    }
    article.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType || "mouse"; pressing = true; }, true);
    article.addEventListener("mouseover", function (e) {
      var el = target(e.target);
      if (el && lastPointer === "mouse") show(el);
    });
    article.addEventListener("mouseout", function (e) {
      var el = target(e.target);
      if (el && el === owner && !el.contains(e.relatedTarget)) hideSoon();
    });
    article.addEventListener("focusin", function (e) {
      var el = target(e.target);
      if (el && !pressing) show(el);  // focus by a tap or a click: the click decides
    });
    article.addEventListener("focusout", function (e) {
      if (target(e.target) === owner) hideSoon();
    });
    // touch: the first tap shows the popover, a second tap on the same link follows it
    article.addEventListener("click", function (e) {
      pressing = false;
      var el = target(e.target);
      if (!el) return;
      if ((lastPointer !== "mouse" && owner !== el) || el.tagName !== "A") {
        if (el.tagName === "A") e.preventDefault();
        show(el);
      }
    });
    document.addEventListener("keydown", function (e) {
      pressing = false;  // focus from now on comes from the keyboard
      if (e.key === "Escape") hide();
    }, true);
    document.addEventListener("pointerdown", function (e) {
      if (owner && !target(e.target) && !(pop && pop.contains(e.target))) hide();
    });
    // this script comes after the first paint, or at the reader's first event: a term reached
    // by the keyboard before it came shows its popover now, as it would have then
    var focused = target(document.activeElement);
    if (focused && focused.matches(":focus-visible")) show(focused);
  }

  /* ───── the diplomatic view ───── */

  function setDiplomatic(on) {
    document.documentElement.classList.toggle("diplomatic-on", on);
    if (!on) return;
    load("generated/source-lines.js", "editionSourceLines", function (lines) {
      var blocks = document.querySelectorAll("article .para[id]");
      for (var i = 0; i < blocks.length; i++) {
        var block = blocks[i];
        if (block.querySelector(":scope > .diplomatic") ||
            (block.nextElementSibling && block.nextElementSibling.classList.contains("diplomatic"))) continue;
        var rows = lines[block.id];
        if (!rows) continue;
        var box = document.createElement("div");
        box.className = "diplomatic";
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "原文第 " + rows[0][0] + (rows.length > 1 ? "–" + rows[rows.length - 1][0] : "") + " 行");
        box.lang = block.lang || "zh-Hant-TW";
        var list = document.createElement("ol");
        rows.forEach(function (row) {
          var li = document.createElement("li");
          var n = document.createElement("a");
          n.className = "diplomatic__n";
          n.href = "source.html#L" + row[0];
          n.textContent = row[0];
          var text = document.createElement("span");
          text.className = "diplomatic__line";
          text.textContent = row[1];
          li.appendChild(n);
          li.appendChild(text);
          list.appendChild(li);
        });
        box.appendChild(list);
        if (block.tagName === "LI") block.appendChild(box);
        else block.insertAdjacentElement("afterend", box);
      }
    });
  }

  /* ───── the apparatus: filters ───── */

  function initFilters(form) {
    function apply() {
      var on = {};
      var boxes = form.querySelectorAll("input[type=checkbox]");
      for (var i = 0; i < boxes.length; i++) on[boxes[i].name + ":" + boxes[i].value] = boxes[i].checked;
      var entries = document.querySelectorAll(".app-entry");
      var shown = 0;
      for (var j = 0; j < entries.length; j++) {
        var e = entries[j];
        var visible = on["kind:" + e.dataset.group] !== false && on["certainty:" + e.dataset.certainty] !== false;
        e.hidden = !visible;
        if (visible) shown++;
      }
      var status = form.querySelector(".app-filters__status");
      if (status) status.textContent = "顯示 " + shown + " / " + entries.length + " 項";
    }
    form.addEventListener("change", apply);
    apply();
  }

  /* ───── start ───── */

  var article = document.querySelector("article");
  var controls = document.querySelector("form.reading-controls");
  if (article && controls) {
    var firsts = article.querySelectorAll("a.term[data-term]");
    for (var i = 0; i < firsts.length; i++) firsts[i].setAttribute("data-first", "");
    var p = prefs();
    var mode = TERMS.indexOf(p.terms) >= 0 ? p.terms : "first";
    if (mode !== "first") setTerms(mode);
    controls.elements.terms.value = mode;
    controls.elements.diplomatic.checked = !!p.diplomatic;
    if (p.diplomatic) setDiplomatic(true);
    controls.addEventListener("submit", function (e) { e.preventDefault(); });
    controls.addEventListener("change", function (e) {
      if (e.target.name === "terms") { setTerms(e.target.value); save({terms: e.target.value}); }
      if (e.target.name === "diplomatic") { setDiplomatic(e.target.checked); save({diplomatic: e.target.checked}); }
    });
  }
  if (article && article.querySelector("a.term, .emendation, .annotation, a.ed-mark")) initPopovers(article);
  var filters = document.querySelector("form.app-filters");
  if (filters) initFilters(filters);
})();
