"""citeproc-js (npm `citeproc`, pinned in package.json), the reference CSL processor, for the tests:
renders items in one of the edition's styles from the same style and locale files
(scripts/editkit/csl/) through tests/citeproc_js.cjs. Not a test module."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from browsing import node_module  # noqa: E402
from editkit import csl  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "citeproc_js.cjs"


def render(items, key, locator=("paragraph", "12")):
    """{id: {"reference": text, "citation": text}} for CSL items in style `key`, as citeproc-js
    renders them (plain text, whitespace normalised), each item on its own."""
    node_module("citeproc/citeproc_commonjs.js")   # fails with "run npm ci" when missing
    node = shutil.which("node")
    assert node, "node is needed for citeproc-js: install nodejs (make test's npm step needs it too)"
    style = csl.styles()[key]
    locales = {p.name[len("locales-"):-len(".xml")]: str(p) for p in csl.HERE.glob("locales-*.xml")}
    request = {"style": str(style.path), "lang": style.locale, "locales": locales,
               "items": [csl.prepare(item, style) for item in items],
               "locator": {"label": locator[0], "locator": locator[1]} if locator else None}
    result = subprocess.run([node, str(SCRIPT)], input=json.dumps(request), capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, f"citeproc-js failed:\n{result.stderr}"
    out = json.loads(result.stdout)
    return {key_: {"reference": csl.plain(v["reference"]), "citation": csl.plain(v["citation"])}
            for key_, v in out.items()}
