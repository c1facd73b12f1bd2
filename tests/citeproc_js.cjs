// citeproc-js, the reference CSL processor, as a small command for the tests.
//
// stdin:  {"style": path, "lang": "en-US", "locales": {"en-US": path, ...},
//          "items": [CSL-JSON item, ...], "locator": {"locator": "12", "label": "paragraph"} or null}
// stdout: {"<item id>": {"reference": html, "citation": html (with the locator)}, ...}
//
// One engine per style (building one is slow); before each item the registry is reset to that
// item alone, as the edition renders each item on its own (no disambiguation between items).
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = new Map(request.items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => {
    const path = request.locales[lang];
    return path ? fs.readFileSync(path, "utf8") : false;
  },
  retrieveItem: (id) => byId.get(id),
};
const engine = new CSL.Engine(sys, fs.readFileSync(request.style, "utf8"), request.lang, true);
engine.setOutputFormat("html");

const out = {};
for (const item of request.items) {
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  const cite = Object.assign({ id: item.id }, request.locator || {});
  out[item.id] = { reference: entries.join("").trim(), citation: engine.makeCitationCluster([cite]) };
}
process.stdout.write(JSON.stringify(out));
