/* Search costs nothing until the reader opens it (issue 9).
 *
 * Material's bundle creates its search worker at page load; the page's __config names the
 * edition's worker (assets/javascripts/search-worker.js, see overrides/main.html).  This
 * script, loaded before the bundle (extra.polyfills, after the iframe-worker shim that
 * stands in for workers from file://), hands the bundle a stand-in for that worker: it
 * keeps what the bundle sends, and starts the real worker only when the reader opens
 * search -- focus on the search box (a click, a tap, the / s f shortcuts, a ?q= link) or
 * the header's search button.  The worker then loads the search data and says "ready",
 * and Material sends it the query typed so far.  Other workers are left alone.
 */
(function () {
  "use strict";

  var Base = window.Worker;          // the browser's, or the iframe-worker shim from file://
  var NAME = "search-worker.js";
  if (!Base) return;

  function dataURL() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/") + "search/", location.href).href;
  }

  function StandIn(url, options) {
    var self = document.createElement("span");   // an EventTarget that can carry listeners
    var real = null;
    var queue = [];
    self.postMessage = function (message) {
      if (real) real.postMessage(message); else queue.push(message);
    };
    self.terminate = function () {
      if (real) real.terminate();
    };
    self.start = function () {
      if (real) return;
      real = new Base(url, options);
      real.addEventListener("message", function (ev) {
        var copy = new MessageEvent("message", { data: ev.data });
        self.dispatchEvent(copy);
        if (typeof self.onmessage === "function") self.onmessage(copy);
      });
      real.postMessage({ type: "edition-data", data: dataURL() });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    };
    return self;
  }

  var pending = [];
  function open() {
    pending.splice(0).forEach(function (worker) { worker.start(); });
  }

  window.Worker = function (url, options) {
    if (String(url).indexOf(NAME) < 0) return new Base(url, options);
    var worker = StandIn(url, options);
    pending.push(worker);
    var input = document.querySelector(".md-search__input");
    if (input && (document.activeElement === input || input.value)) setTimeout(open);
    return worker;
  };
  window.Worker.prototype = Base.prototype;

  document.addEventListener("focusin", function (ev) {
    if (ev.target && ev.target.matches && ev.target.matches(".md-search__input")) open();
  }, true);
  document.addEventListener("change", function (ev) {
    if (ev.target && ev.target.id === "__search" && ev.target.checked) open();
  }, true);
})();
