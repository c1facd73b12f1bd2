/* Citing a paragraph (issues 5 and 10).
 *
 * - Every numbered paragraph (p.para#pN) and each abstract (p.para#abstract-zh, #abstract-en,
 *   front matter outside the numbering) holds a "引用" button, put there at build time
 *   (scripts/editkit/pages/text.py: an empty button.cite-btn, its word CSS generated content),
 *   so that nothing moves when this script starts; the script makes it work. It opens one shared
 *   panel with the citations of the paragraph in the styles of the page's #edition-citation
 *   data, each with a copy button, and a button that copies the paragraph's link. An abstract is
 *   cited as the whole edition, with no locator (each style's in_text_whole).
 * - Copying a selection that lies inside one such paragraph puts the quotation on the
 *   clipboard with a short citation (APA in-text form and the paragraph's URL) on a second line.
 * - While text inside a paragraph is selected, a floating button copies a link to the selection
 *   (…#p12:~:text=…, a text fragment).
 *
 * The citations come only from the #edition-citation JSON in the page head: per style, the
 * reference and the in-text citation rendered at build time from the official CSL style (see
 * scripts/editkit/citation.py), with {n} (the paragraph), {url} (its canonical address) and
 * {accessed} (YYYY-MM-DD, the reader's day: only GB/T 7714 prints it) left for this script.
 * Addresses: the canonical page address comes from the data ("page"), never from the address
 * bar, so a citation never carries a file: path or a search's ?h=…; with no address configured
 * ("page": null) the citations have no URL, and "copy link" gives the address the reader is at,
 * without its query string, with #pN.
 *
 * UI strings "複製"/"已複製" come from Material's own translations (#__config).
 * Nothing is injected inside p.para: the panel is put just after the paragraph being cited and
 * the floating button in <body>, both out of the flow (position: absolute), so that opening
 * them moves nothing either. Every element of the cite controls has the class "cite-ui".
 *
 * Copying: buttons carry data-clipboard-text, which Material (9.x, ClipboardJS, no feature flag)
 * copies on click, showing its "已複製" notice; where that is unavailable, navigator.clipboard.
 */
(function () {
  "use strict";

  var NUMBERED = /^p(\d+)$/;
  var BUTTON = "button.cite-btn";
  var STRIP = ".pnum, .ed-mark, sup[id^='fnref'], .ce-date, .cite-ui, script, style";
  var PANEL_ID = "cite-panel";
  var LONG_QUOTE = 60;   // above this many characters a text fragment uses textStart,textEnd
  var EDGE = 12;         // …and each end names at least this many characters
  var listening = false;
  var state = { trigger: null, para: null };

  /* ---------- data ---------- */

  function json(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function citationData() {
    var data = json("edition-citation");
    return data && data.styles ? data : null;
  }

  /* The canonical address of this page, or null when the edition has none. */
  function canonicalPage() {
    var data = citationData();
    return data && data.page ? data.page : null;
  }

  function translation(key, fallback) {
    var config = json("__config");
    return (config && config.translations && config.translations[key]) || fallback;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The access date, on the reader's side (GB/T 7714's [YYYY-MM-DD]). */
  function accessDate(now) {
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* Where the reader is, without query string (?h=… from a search result) or fragment. */
  function hereUrl() { return window.location.href.split("#")[0].split("?")[0]; }

  /* The paragraph's link: canonical when the edition has an address, else where the reader is. */
  function paragraphUrl(p) { return (canonicalPage() || hereUrl()) + "#" + p.id; }

  /* The paragraph's address as citations give it: canonical only, else none. */
  function citedUrl(p) {
    var page = canonicalPage();
    return page ? page + "#" + p.id : "";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function valuesFor(p) {
    var m = NUMBERED.exec(p.id);
    return { url: citedUrl(p), n: m ? m[1] : "", accessed: accessDate(new Date()) };
  }

  /* A numbered paragraph names its number; an abstract is cited as the whole edition. */
  function inTextTemplate(style, p) {
    return (NUMBERED.test(p.id) ? style.in_text : style.in_text_whole) || "";
  }

  /* A paragraph that can be cited: one with its own 引用 button. */
  function citable(p) {
    return !!(p && p.id && p.querySelector(":scope > " + BUTTON));
  }

  /* How the panel names what is cited: 第 12 段, or an abstract by its heading (摘要, Abstract). */
  function citedName(p) {
    var m = NUMBERED.exec(p.id);
    if (m) return "第 " + m[1] + " 段";
    for (var h = p.previousElementSibling; h; h = h.previousElementSibling) {
      if (/^H[1-6]$/.test(h.tagName)) {
        var copy = h.cloneNode(true);
        var links = copy.querySelectorAll(".headerlink");
        for (var i = 0; i < links.length; i++) links[i].remove();
        return "「" + copy.textContent.replace(/[\s\u3000]+/g, "") + "」";
      }
    }
    return "本段";
  }

  /* Each style's reference and in-text citation for the paragraph; text = both, one a line. */
  function citations(p) {
    var data = citationData();
    if (!data) return [];
    var values = valuesFor(p);
    return Object.keys(data.styles).map(function (key) {
      var style = data.styles[key];
      var reference = fill(style.reference || "", values);
      var inText = fill(inTextTemplate(style, p), values);
      return { key: key, label: style.label || key, reference: reference, inText: inText,
               text: reference + "\n" + inText };
    });
  }

  /* The short citation for a quotation: the APA in-text citation (the first style's without
     APA), then the paragraph's canonical address when the edition has one. */
  function shortCitation(p) {
    var data = citationData();
    if (!data) return citedUrl(p);
    var values = valuesFor(p);
    var keys = Object.keys(data.styles);
    var style = data.styles.apa || data.styles[keys[0]];
    var inText = fill(inTextTemplate(style, p), values);
    return values.url ? inText + " " + values.url : inText;
  }

  /* ---------- copying ---------- */

  /* Material copies [data-clipboard-text] itself (ClipboardJS, wired for the whole document). */
  function materialCopies() {
    return !!(window.document$ && document.queryCommandSupported &&
              document.queryCommandSupported("copy") && document.queryCommandSupported("cut"));
  }

  function notify(message) {
    if (window.alert$ && typeof window.alert$.next === "function") window.alert$.next(message);
    announce(message);
  }

  function copyFallback(text) {
    var copied = translation("clipboard.copied", "已複製");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { notify(copied); }, function () {});
      return;
    }
    var area = document.createElement("textarea");
    area.className = "cite-ui";
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    try { if (document.execCommand("copy")) notify(copied); } catch (e) { /* nothing */ }
    area.remove();
  }

  /* A polite live region, so that Material's "copied" notice is also heard. */
  function liveRegion() {
    var region = document.getElementById("cite-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "cite-status";
      region.className = "cite-ui cite-visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(message) {
    var region = liveRegion();
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function watchMaterialNotice() {
    var dialog = document.querySelector("[data-md-component='dialog']");
    if (!dialog || dialog.dataset.citeWatched) return;
    dialog.dataset.citeWatched = "1";
    new MutationObserver(function () {
      if (dialog.classList.contains("md-dialog--active")) announce(dialog.textContent.trim());
    }).observe(dialog, { attributes: true, attributeFilter: ["class"] });
  }

  /* ---------- the panel ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function copyButton(text, label, className) {
    var button = el("button", className, label.visible);
    button.type = "button";
    button.setAttribute("data-clipboard-text", text);
    if (label.aria) button.setAttribute("aria-label", label.aria);
    return button;
  }

  function panel() {
    var existing = document.getElementById(PANEL_ID);
    if (existing) return existing;
    var node = el("div", "cite-ui cite-panel");
    node.id = PANEL_ID;
    node.setAttribute("role", "dialog");
    node.setAttribute("aria-labelledby", PANEL_ID + "-title");
    node.hidden = true;
    return node;
  }

  function fillPanel(node, p) {
    var copy = translation("clipboard.copy", "複製");
    node.textContent = "";
    var title = el("p", "cite-panel__title", "引用" + citedName(p));
    title.id = PANEL_ID + "-title";
    node.appendChild(title);
    var list = el("dl", "cite-panel__list");
    citations(p).forEach(function (c) {
      var item = el("div", "cite-panel__item");
      item.setAttribute("data-style", c.key);
      item.appendChild(el("dt", "cite-panel__label", c.label));
      var dd = el("dd", "cite-panel__body");
      var text = el("span", "cite-panel__text");
      text.appendChild(el("span", "cite-panel__reference", c.reference));
      text.appendChild(document.createTextNode("\n"));
      text.appendChild(el("span", "cite-panel__in-text", c.inText));
      dd.appendChild(text);
      dd.appendChild(copyButton(c.text, { visible: copy, aria: copy + " " + c.label + " 引用" }, "cite-panel__copy"));
      item.appendChild(dd);
      list.appendChild(item);
    });
    node.appendChild(list);
    var actions = el("div", "cite-panel__actions");
    actions.appendChild(copyButton(paragraphUrl(p), { visible: "複製段落連結" }, "cite-panel__link"));
    var close = el("button", "cite-panel__close", "關閉");
    close.type = "button";
    close.addEventListener("click", function () { closePanel(true); });
    actions.appendChild(close);
    node.appendChild(actions);
  }

  function openPanel(button) {
    var p = paragraphOf(button);
    if (!p) return;
    if (state.trigger && state.trigger !== button) closePanel(false);
    var node = panel();
    fillPanel(node, p);
    p.parentNode.insertBefore(node, p.nextSibling);
    node.hidden = false;
    place(node, button);
    button.setAttribute("aria-expanded", "true");
    state.trigger = button;
    state.para = p;
    var first = node.querySelector("button");
    if (first) first.focus();
  }

  /* The panel is out of the flow, at its static place after the paragraph; margins move it
     under the button, kept inside the window's width. Measured, so it holds whatever the
     containing block is (the article, a list item of the quoted statement). */
  function place(node, button) {
    node.style.margin = "0";
    var at = node.getBoundingClientRect();
    var b = button.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(b.left, width - at.width - 8));
    node.style.marginTop = Math.round(b.bottom + 4 - at.top) + "px";
    node.style.marginLeft = Math.round(left - at.left) + "px";
  }

  function closePanel(returnFocus) {
    var node = document.getElementById(PANEL_ID);
    if (node) node.hidden = true;
    var trigger = state.trigger;
    state.trigger = null;
    state.para = null;
    if (trigger) {
      trigger.setAttribute("aria-expanded", "false");
      if (returnFocus) trigger.focus();
    }
  }

  function paragraphOf(button) {
    var p = button.closest("p.para");
    return citable(p) ? p : null;
  }

  /* The buttons are in the page already (the build put them there, each with its name): they
     get their state and behaviour here. Attributes only: nothing is added to the layout. */
  function activateButtons() {
    var buttons = document.querySelectorAll("p.para[id] > " + BUTTON);
    var pageLang = document.documentElement.lang;
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      if (button.hasAttribute("data-para")) continue;
      var p = button.parentNode;
      button.setAttribute("data-para", p.id);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", PANEL_ID);
      // in the English abstract the button's name is still in the page's language
      if (pageLang && p.closest("[lang]") !== document.documentElement) button.lang = pageLang;
      button.addEventListener("click", onButton);
    }
  }

  function onButton(event) {
    var button = event.currentTarget;
    if (state.trigger === button) closePanel(true);
    else openPanel(button);
  }

  /* ---------- selections ---------- */

  function cleanText(range) {
    var fragment = range.cloneContents();
    var drop = fragment.querySelectorAll(STRIP);
    for (var i = 0; i < drop.length; i++) drop[i].remove();
    return fragment.textContent.replace(/\s+/g, " ");
  }

  /* The selection, if it lies inside one numbered paragraph: {p, range (clamped to p), quote}. */
  function paragraphSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount !== 1 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer;
    var startEl = start.nodeType === 1 ? start : start.parentElement;
    var p = startEl && startEl.closest("p.para");
    if (!citable(p) || startEl.closest(".cite-ui")) return null;
    var clamped = range.cloneRange();
    if (!p.contains(range.endContainer)) {
      // a triple click ends the range at the start of what follows: allow only if nothing is selected there
      var tail = document.createRange();
      tail.setStart(p, p.childNodes.length);
      tail.setEnd(range.endContainer, range.endOffset);
      if (cleanText(tail).trim() !== "") return null;
      clamped.setEnd(p, p.childNodes.length);
    }
    var quote = cleanText(clamped).trim();
    if (!quote) return null;
    return { p: p, range: clamped, quote: quote };
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function onCopy(event) {
    var target = event.target;
    if (target && target.nodeType === 1 && target.closest("input, textarea, [contenteditable]")) return;
    if (!event.clipboardData) return;
    var sel = paragraphSelection();
    if (!sel) return;
    var cite = shortCitation(sel.p);
    var url = citedUrl(sel.p);
    event.clipboardData.setData("text/plain", sel.quote + "\n" + cite);
    var citeHtml = escapeHtml(cite);
    if (url) citeHtml = citeHtml.replace(escapeHtml(url), '<a href="' + escapeHtml(url) + '">' + escapeHtml(url) + "</a>");
    event.clipboardData.setData("text/html", "<p>" + escapeHtml(sel.quote) + "<br>" + citeHtml + "</p>");
    event.preventDefault();
    notify(translation("clipboard.copied", "已複製") + "（附引用出處）");
  }

  /* Text fragments (https://wicg.github.io/scroll-to-text-fragment/): terms are percent-encoded,
     "-", "," and "&" included; browsers match them only at word boundaries, so the selection is
     widened to whole words (Intl.Segmenter, the same segmentation as the browser's). */
  function encodeTerm(s) {
    return encodeURIComponent(s).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  }

  function offsetIn(p, node, offset) {
    var r = document.createRange();
    r.setStart(p, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  function wordBounds(text) {
    var bounds = [0, text.length];
    if (window.Intl && Intl.Segmenter) {
      var seg = new Intl.Segmenter(document.documentElement.lang || "zh-Hant", { granularity: "word" });
      var it = seg.segment(text)[Symbol.iterator]();
      for (var s = it.next(); !s.done; s = it.next()) bounds.push(s.value.index);
    } else {
      for (var i = 1; i < text.length; i++) if (/\s/.test(text[i - 1]) !== /\s/.test(text[i])) bounds.push(i);
    }
    return bounds.sort(function (a, b) { return a - b; });
  }

  var pageTextCache = null;
  function squeeze(s) { return s.replace(/\s+/g, ""); }
  function occurrences(needle) {
    if (pageTextCache === null) pageTextCache = squeeze(document.body.innerText || document.body.textContent);
    needle = squeeze(needle);
    if (!needle) return 0;
    var count = 0;
    for (var i = pageTextCache.indexOf(needle); i >= 0; i = pageTextCache.indexOf(needle, i + 1)) count++;
    return count;
  }

  function fragmentLink(sel) {
    var p = sel.p;
    var full = p.textContent;
    var base = 0;
    var number = p.querySelector(".pnum");
    if (number) {
      var r = document.createRange();
      r.setStart(p, 0);
      r.setEndAfter(number);
      base = r.toString().length;
    }
    var text = full.slice(base);
    var a = Math.max(0, offsetIn(p, sel.range.startContainer, sel.range.startOffset) - base);
    var b = Math.max(0, offsetIn(p, sel.range.endContainer, sel.range.endOffset) - base);
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a >= b) return null;
    var bounds = wordBounds(text);
    var i, start = 0, end = text.length;
    for (i = 0; i < bounds.length; i++) if (bounds[i] <= a) start = bounds[i];
    for (i = bounds.length - 1; i >= 0; i--) if (bounds[i] >= b) end = bounds[i];
    var norm = function (s) { return s.replace(/\s+/g, " ").trim(); };
    var parts;
    var exact = norm(text.slice(start, end));
    var head = exact;
    if (exact.length > LONG_QUOTE) {
      var headEnd = end, tailStart = start;
      for (i = 0; i < bounds.length; i++) if (bounds[i] >= start + EDGE) { headEnd = bounds[i]; break; }
      for (i = bounds.length - 1; i >= 0; i--) if (bounds[i] <= end - EDGE) { tailStart = bounds[i]; break; }
      if (headEnd < tailStart) {
        head = norm(text.slice(start, headEnd));
        parts = [head, norm(text.slice(tailStart, end))];
      }
    }
    parts = parts || [exact];
    // Disambiguate: the first match on the page wins, so add words before (or after) until unique.
    var prefix = "", suffix = "";
    if (occurrences(head) > 1) {
      var before = bounds.filter(function (x) { return x < start; }).reverse();
      for (i = 0; i < before.length && occurrences(prefix + head) > 1; i++) prefix = text.slice(before[i], start);
      if (occurrences(prefix + head) > 1 && parts.length === 1) {
        var after = bounds.filter(function (x) { return x > end; });
        for (i = 0; i < after.length && occurrences(prefix + head + suffix) > 1; i++) suffix = text.slice(end, after[i]);
      }
    }
    var terms = [];
    if (norm(prefix)) terms.push(encodeTerm(norm(prefix)) + "-");
    parts.forEach(function (t) { terms.push(encodeTerm(t)); });
    if (norm(suffix)) terms.push("-" + encodeTerm(norm(suffix)));
    return paragraphUrl(p) + ":~:text=" + terms.join(",");
  }

  function selectionButton() {
    var button = document.getElementById("cite-selection");
    if (!button) {
      button = el("button", "cite-ui cite-selection", "複製選取文字連結");
      button.id = "cite-selection";
      button.type = "button";
      button.hidden = true;
      // keep the selection when the button is pressed
      button.addEventListener("mousedown", function (e) { e.preventDefault(); });
      document.body.appendChild(button);
    }
    return button;
  }

  var pending = 0;
  function onSelectionChange() {
    window.clearTimeout(pending);
    pending = window.setTimeout(updateSelectionButton, 120);
  }

  function updateSelectionButton() {
    var button = selectionButton();
    var sel = paragraphSelection();
    var link = sel && fragmentLink(sel);
    if (!link) {
      button.hidden = true;
      return;
    }
    button.setAttribute("data-clipboard-text", link);
    button.setAttribute("data-para", sel.p.id);
    button.hidden = false;
    var rects = sel.range.getClientRects();
    var rect = rects.length ? rects[rects.length - 1] : sel.range.getBoundingClientRect();
    var width = button.offsetWidth;
    var left = Math.min(rect.right, document.documentElement.clientWidth - width - 8);
    button.style.left = Math.max(8, left) + window.scrollX + "px";
    button.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  /* ---------- global listeners (once) ---------- */

  function onKeydown(event) {
    if (event.key !== "Escape") return;
    var node = document.getElementById(PANEL_ID);
    if (state.trigger && node && !node.hidden) {
      var inside = node.contains(document.activeElement) || document.activeElement === state.trigger;
      closePanel(inside);
      if (inside) event.stopPropagation();
    }
    var button = document.getElementById("cite-selection");
    if (button) button.hidden = true;
  }

  function onPointerDown(event) {
    var node = document.getElementById(PANEL_ID);
    if (!state.trigger || !node || node.hidden) return;
    if (node.contains(event.target) || state.trigger.contains(event.target)) return;
    closePanel(false);
  }

  function onFallbackClick(event) {
    var button = event.target.closest && event.target.closest(".cite-ui[data-clipboard-text], .cite-ui [data-clipboard-text]");
    if (button) copyFallback(button.getAttribute("data-clipboard-text"));
  }

  function onResize() {
    var node = document.getElementById(PANEL_ID);
    if (state.trigger && node && !node.hidden) place(node, state.trigger);
  }

  function listen() {
    if (listening) return;
    listening = true;
    window.addEventListener("resize", onResize);
    document.addEventListener("copy", onCopy);
    document.addEventListener("selectionchange", onSelectionChange);
    document.addEventListener("keydown", onKeydown, true);
    document.addEventListener("pointerdown", onPointerDown);
    if (!materialCopies()) document.addEventListener("click", onFallbackClick);
  }

  function init() {
    if (!citationData() || !document.querySelector("p.para[id] > " + BUTTON)) return;
    pageTextCache = null;
    state.trigger = null;
    state.para = null;
    activateButtons();
    liveRegion();
    watchMaterialNotice();
    listen();
  }

  // Nothing is needed before the reader does something: the buttons start working at the
  // first pointer, touch, key or focus event (keydown comes before Tab moves the focus, a
  // pointerdown or touchstart before the click), so that a page that is only read pays
  // nothing at load. This script is fetched after the first paint (overrides/main.html); if
  // the reader did something before it came, <html data-interacted> says so: start now.
  var FIRST_USE = ["pointerover", "pointerdown", "touchstart", "keydown", "focusin"];

  function initOnFirstUse() {
    if (document.documentElement.hasAttribute("data-interacted")) return init();
    function go() {
      FIRST_USE.forEach(function (type) { document.removeEventListener(type, go, true); });
      init();
    }
    FIRST_USE.forEach(function (type) { document.addEventListener(type, go, { capture: true, passive: true }); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initOnFirstUse);
  } else {
    initOnFirstUse();
  }
})();
