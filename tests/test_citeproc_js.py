"""Every citation the edition prints, checked against citeproc-js, the reference CSL processor.

Every item of edition/bibliography.json and the edition itself (with and without a canonical
address), in all four styles: the reference and the in-text citation with a paragraph locator,
rendered by the edition's engine (citeproc-py with editkit/csl/fixes.py) and by citeproc-js
from the same style and locale files, compared as plain text.

Where the two still differ, the difference is named below with the reason; the test checks
that citeproc-js's output holds exactly the named text, puts the edition's text in its place,
and then requires equality. A named difference that no longer occurs fails the test too, so
the list stays as short as the facts.
"""

import json
from collections import Counter
from dataclasses import dataclass

import pytest

from citeproc_js import ROOT, render as render_js
from editkit import citation, csl
from editkit.build import read_meta

LOCATOR = ("paragraph", "12")


@dataclass(frozen=True)
class Difference:
    name: str
    styles: tuple
    js: str       # as citeproc-js prints it
    edition: str  # as the edition prints it
    why: str


DIFFERENCES = [
    Difference(
        "institutions-and",
        ("apa", "chicago", "mla"),
        "U.S. Department of State & U.S. Agency", "U.S. Department of State, & U.S. Agency",
        "Two institutional (literal) authors: these styles set delimiter-precedes-last=\"always\", "
        "which the CSL specification applies to any two names; citeproc-js leaves the delimiter out "
        "between institutions (its own handling of institutional names)."),
    Difference(
        "institutions-and-text",
        ("chicago", "mla"),
        "U.S. Department of State and U.S. Agency", "U.S. Department of State, and U.S. Agency",
        "As institutions-and, where the style joins with the word \"and\"."),
    Difference(
        "institutions-and-states",
        ("mla",),
        "United States of America and Russian Federation.", "United States of America, and Russian Federation.",
        "As institutions-and-text, for two states as the authors of a treaty."),
    Difference(
        "institutions-and-states-ussr",
        ("mla",),
        "United States of America and Union of Soviet Socialist Republics.",
        "United States of America, and Union of Soviet Socialist Republics.",
        "As institutions-and-text, for two states as the authors of a treaty."),
    Difference(
        "cjk-et-al-space",
        ("gbt",),
        "等,", " 等,",
        "GB/T 7714's zh-CN et-al term 等 after a Latin-script name: the CSL specification joins the "
        "et-al term with a space; citeproc-js drops the space before a CJK term (its own CJK spacing)."),
]


@pytest.fixture(scope="module")
def items():
    bibliography = json.loads((ROOT / "edition" / "bibliography.json").read_text(encoding="utf-8"))
    meta = read_meta(ROOT / "edition")
    url = "https://example.org/edition/1.1/text.html#p12"
    with_url = citation.cited_item(meta, url, [2026, 12, 2])
    with_url["id"] = "edition-with-url"
    without_url = citation.cited_item(meta)
    without_url["id"] = "edition-without-url"
    return [with_url, without_url] + bibliography


@pytest.fixture(scope="module")
def comparison(items):
    """Both engines over every item and style: ({style: [mismatch, ...]}, Counter of named differences used)."""
    used = Counter()
    mismatches = {}
    for key in csl.styles():
        js = render_js(items, key, LOCATOR)
        assert set(js) == {i["id"] for i in items}
        found = mismatches[key] = []
        for item in items:
            ours = csl.render(item, key, LOCATOR)
            for part, text in (("reference", csl.plain(ours.reference)), ("citation", csl.plain(ours.citation))):
                expected = js[item["id"]][part]
                assert expected, f"citeproc-js rendered no {part} for {item['id']}"
                for d in DIFFERENCES:
                    if key in d.styles and d.js in expected and d.edition in text:
                        expected = expected.replace(d.js, d.edition, 1)   # the first (author) place only
                        used[d.name] += 1
                if text != expected:
                    found.append(f"{item['id']} {part}:\n  edition:     {text}\n  citeproc-js: {expected}")
    return mismatches, used


@pytest.mark.parametrize("key", list(csl.styles()))
def test_the_edition_without_a_locator_renders_as_citeproc_js_renders_it(key, items):
    """The abstracts' in-text citation: the whole edition, no locator (cite panel, in_text_whole)."""
    editions = [i for i in items if i["id"].startswith("edition-")]
    js = render_js(editions, key, None)
    for item in editions:
        ours = csl.render(item, key)
        assert csl.plain(ours.citation) == js[item["id"]]["citation"], item["id"]
        assert csl.plain(ours.reference) == js[item["id"]]["reference"], item["id"]


@pytest.mark.parametrize("key", list(csl.styles()))
def test_every_item_renders_as_citeproc_js_renders_it(key, comparison):
    mismatches = comparison[0][key]
    assert not mismatches, f"{key}: the engines differ\n" + "\n".join(mismatches)


def test_every_named_difference_still_occurs(comparison):
    used = comparison[1]
    stale = [d.name for d in DIFFERENCES if not used[d.name]]
    assert not stale, f"these named differences no longer occur: remove them from DIFFERENCES: {stale}"


def test_the_comparison_covers_the_edition_and_every_bibliography_item(items):
    bibliography = json.loads((ROOT / "edition" / "bibliography.json").read_text(encoding="utf-8"))
    assert {i["id"] for i in items} == {"edition-with-url", "edition-without-url"} | {i["id"] for i in bibliography}
    assert len(csl.styles()) == 4
