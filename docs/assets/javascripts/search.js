/* Search costs nothing until the reader opens it (issue 9).
 *
 * Material's bundle creates its search worker at page load; the page's __config names the
 * edition's worker (assets/javascripts/search-worker.js, see overrides/main.html).  This
 * script, loaded before the bundle (extra.polyfills), hands the bundle a stand-in for that
 * worker: it keeps what the bundle sends, and starts the real worker only when the reader
 * opens search -- focus on the search box (a click, a tap, the / s f shortcuts, a ?q= link)
 * or the header's search button.  The worker then loads the search data and says "ready",
 * and Material sends it the query typed so far.  Other workers are left alone.
 *
 * From file:// a page may not start a worker from a file: the iframe-worker shim
 * (assets/vendor/iframe-worker/shim.js) stands in for it.  It is loaded here, then, when
 * search opens, not by every page in its head (overrides/main.html leaves it out there).
 */
(function () {
  "use strict";

  var Base = window.Worker;          // the browser's
  var NAME = "search-worker.js";
  var SHIM = "../vendor/iframe-worker/shim.js";   // relative to this script
  var here = document.currentScript && document.currentScript.src;
  if (!Base) return;

  /* The constructor for the worker: the browser's, or from file:// the shim's (loaded once). */
  var shim = null;
  function workerClass(done) {
    if (location.protocol !== "file:") return done(Base);
    if (window.IFrameWorker) return done(window.IFrameWorker);
    if (!shim) {
      shim = [];
      var patched = window.Worker;
      var script = document.createElement("script");
      script.src = new URL(SHIM, here || location.href).href;
      script.onload = function () {
        window.Worker = patched;          // the shim installs itself as Worker: keep the stand-in
        shim.splice(0).forEach(function (f) { f(window.IFrameWorker); });
      };
      document.head.appendChild(script);
    }
    shim.push(done);
  }

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
    var starting = false;
    self.start = function () {
      if (starting) return;
      starting = true;
      workerClass(function (Class) {
        real = new Class(url, options);
        real.addEventListener("message", function (ev) {
          var copy = new MessageEvent("message", { data: ev.data });
          self.dispatchEvent(copy);
          if (typeof self.onmessage === "function") self.onmessage(copy);
        });
        real.postMessage({ type: "edition-data", data: dataURL() });
        queue.splice(0).forEach(function (message) { real.postMessage(message); });
      });
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
