// citeproc-js, the reference CSL processor, as a small command for the tests.
//
// stdin:  {"style": path, "lang": "en-US", "locales": {"en-US": path, ...},
//          "items": [CSL-JSON item, ...], "locator": {"locator": "12", "label": "paragraph"}}
// stdout: {"<item id>": {"reference": html, "citation": html (with the locator)}, ...}
//
// Each item gets its own engine, as the edition renders each item on its own
// (no disambiguation between items), so that the two processors see the same input.
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

function render(request, item) {
  const sys = {
    retrieveLocale: (lang) => {
      const path = request.locales[lang];
      return path ? fs.readFileSync(path, "utf8") : false;
    },
    retrieveItem: (id) => (id === item.id ? item : undefined),
  };
  const style = fs.readFileSync(request.style, "utf8");
  const engine = new CSL.Engine(sys, style, request.lang, true);
  engine.setOutputFormat("html");
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  const cite = Object.assign({ id: item.id }, request.locator || {});
  const citation = engine.makeCitationCluster([cite]);
  return { reference: entries.join("").trim(), citation: citation };
}

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const item of request.items) out[item.id] = render(request, item);
process.stdout.write(JSON.stringify(out));
