"""The edition's citations (editkit.citation, editkit.csl): each style's rules, checked on the
rendered strings and against citeproc-js for the same item, style and locale files.

No expected string here is copied from the edition's own output: each check is either a rule
of the style (what it must or must not contain) or equality with citeproc-js.
"""

import functools
import re

import pytest

from citeproc_js import ROOT, render as render_js
from editkit import address, citation, csl, work
from editkit.build import read_meta

URL = "https://example.org/edition/"
N = 12
ACCESSED = [2026, 12, 2]


@pytest.fixture
def meta(monkeypatch):
    monkeypatch.delenv(address.ENV, raising=False)
    return read_meta(ROOT / "edition")


@pytest.fixture
def meta_with_url(monkeypatch):
    monkeypatch.setenv(address.ENV, URL)
    return read_meta(ROOT / "edition")


def at(monkeypatch, url):
    """The edition's meta with the canonical address `url` configured (None: none). The address
    is read from the environment when citations are made: use the result before calling again."""
    if url:
        monkeypatch.setenv(address.ENV, url)
    else:
        monkeypatch.delenv(address.ENV, raising=False)
    return read_meta(ROOT / "edition")


def filled(meta, accessed="2026-12-02"):
    """{style: (reference, in_text)} for paragraph 12, as the cite panel fills them."""
    page = citation.text_page_url(meta)
    url = f"{page}#p{N}" if page else ""
    return {key: (citation.fill(t["reference"], N, url, accessed), citation.fill(t["in_text"], N, url, accessed))
            for key, t in citation.templates(meta).items()}


def js_forms(meta):
    """The same citation by citeproc-js: the edition item with the paragraph's URL and access date."""
    page = citation.text_page_url(meta)
    item = citation.cited_item(meta, f"{page}#p{N}" if page else None, ACCESSED)
    return {key: render_js([item], key, ("paragraph", str(N)))[item["id"]] for key in csl.styles()}


@pytest.mark.parametrize("with_url", [False, True], ids=["no-address", "address"])
def test_every_form_is_what_citeproc_js_renders(with_url, monkeypatch):
    if with_url:
        monkeypatch.setenv(address.ENV, URL)
    else:
        monkeypatch.delenv(address.ENV, raising=False)
    meta = read_meta(ROOT / "edition")
    js = js_forms(meta)
    for key, (reference, in_text) in filled(meta).items():
        assert reference == js[key]["reference"], key
        assert in_text == js[key]["citation"], key


@pytest.mark.parametrize("with_url", [False, True], ids=["no-address", "address"])
def test_an_abstract_is_cited_as_the_whole_edition_as_citeproc_js_renders_it(with_url, monkeypatch):
    """The abstracts are outside the paragraph numbering: their in-text citation has no locator;
    their address (the reference's URL) is the abstract's own, text.html#abstract-zh."""
    meta = at(monkeypatch, URL if with_url else None)
    page = citation.text_page_url(meta)
    url = f"{page}#abstract-zh" if page else ""
    item = citation.cited_item(meta, url or None, ACCESSED)
    for key, t in citation.templates(meta).items():
        js = render_js([item], key, None)[item["id"]]
        assert "{n}" not in t["in_text_whole"], key
        assert t["in_text_whole"] == js["citation"], key
        assert citation.fill(t["reference"], "", url, "2026-12-02") == js["reference"], key
        if with_url and key == "gbt":
            assert js["reference"].endswith(f"{url}."), "GB/T names the abstract's own address"


def test_the_canonical_url_is_the_paragraph_on_the_current_versions_text_page(meta_with_url):
    want = f"{URL}{meta_with_url['edition']['version']}/text.html#p{N}"
    for key, (reference, _) in filled(meta_with_url).items():
        assert want in reference, key
        assert "file:" not in reference and "?h=" not in reference


def test_without_an_address_no_form_has_a_url(meta):
    for key, t in citation.templates(meta).items():
        assert "{url}" not in t["reference"] + t["in_text"], key
        assert "{accessed}" not in t["reference"], "no access date without an address to access"
        assert not re.search(r"https?:|file:|www\.", t["reference"] + t["in_text"]), key


def test_no_form_gives_the_article_a_publication_year(monkeypatch):
    for url in (None, URL):
        m = at(monkeypatch, url)
        orig = m["original"]
        article_years = {str(orig["submitted"])[:4], str(orig["accepted"])[:4]}
        edition_year = str(m["edition"]["date"])[:4]
        for key, (reference, in_text) in filled(m).items():
            for year in article_years - {edition_year}:
                assert year not in reference + in_text, (key, year)
            assert edition_year in reference, f"{key}: the edition's own date is its date"


def test_every_style_that_prints_the_version_names_it(meta):
    version = f"Version {meta['edition']['version']}"
    forms = filled(meta)
    for key in ("apa", "chicago", "mla"):
        assert version in forms[key][0], key
    # GB/T 7714-2015's CSL style has no place for a version: that is the style's rule
    assert 'variable="version"' not in csl.styles()["gbt"].path.read_text(encoding="utf-8")
    assert meta["edition"]["version"] not in forms["gbt"][0]


def test_paragraph_locators_as_each_style_labels_them(meta):
    forms = filled(meta)
    assert forms["apa"][1].endswith(f", para. {N})")
    assert forms["chicago"][1].endswith(f", para. {N})")
    assert forms["mla"][1].endswith(f", par. {N})")
    # GB/T 7714 author-date: the in-text citation is (author, year), without locators
    assert str(N) not in forms["gbt"][1] and forms["gbt"][1].startswith("(")


def test_apa_no_author_editor_in_authors_place_publisher_not_repeated(meta):
    body = meta["edition"]["editor"]["name"]
    reference, in_text = filled(meta)["apa"]
    assert reference.startswith(f"{body} (Ed.). (")
    assert reference.count(body) == 1, "APA omits a publisher that is the author (here the editor)"
    assert in_text.startswith(f"({body}, ")
    assert "[Author unknown]" not in reference + in_text and "佚名" not in reference + in_text


def test_apa_with_neither_author_nor_editor_moves_the_title_to_the_authors_place(meta):
    """citeproc-py issue 91: the substituted title must not be printed a second time."""
    item = {k: v for k, v in work.edition_item(meta).items() if k not in ("editor", "publisher")}
    ours = csl.render(item, "apa", ("paragraph", str(N)))
    reference = csl.plain(ours.reference)
    title = meta["edition"]["title"]
    assert reference.startswith(title) and reference.count(title) == 1, reference
    js = render_js([item], "apa")[item["id"]]
    assert reference == js["reference"] and csl.plain(ours.citation) == js["citation"]


def test_mla_abbreviates_the_months_it_prints():
    items = [{"id": "m", "type": "document", "title": "A Statement", "issued": {"date-parts": [[2001, 11, 13]]},
              "author": [{"family": "Doe", "given": "Jane"}]},
             {"id": "s", "type": "document", "title": "Another", "issued": {"date-parts": [[2007, 9, 25]]},
              "author": [{"literal": "A Body"}]}]
    js = render_js(items, "mla")
    for item, month in ((items[0], "Nov."), (items[1], "Sept.")):
        reference = csl.plain(csl.render(item, "mla").reference)
        assert month in reference and reference == js[item["id"]]["reference"]


def test_gbt_type_code_responsible_party_and_access_date(monkeypatch):
    meta = at(monkeypatch, None)
    body = meta["edition"]["editor"]["name"]
    without = citation.templates(meta)["gbt"]["reference"]
    with_url = citation.templates(at(monkeypatch, URL))["gbt"]["reference"]
    assert without.startswith(body + ", ") and with_url.startswith(body + ", "), "the responsible party first"
    assert "[M]." in without, "a book without an online address: [M]"
    assert "[M/OL]." in with_url, "a book online: [M/OL]"
    assert "[{accessed}]. {url}." in with_url, "GB/T: [access date]. URL"
    filled_in = citation.fill(with_url, N, "https://x.example/text.html#p12", "2026-12-02")
    assert re.search(r"\[2026-12-02\]\. https://x\.example/text\.html#p12\.$", filled_in)


def test_only_gbt_needs_the_readers_access_date(meta_with_url):
    templates = citation.templates(meta_with_url)
    assert [k for k, t in templates.items() if "{accessed}" in t["reference"] + t["in_text"]] == ["gbt"]


# Each fix of editkit/csl/fixes.py, on an item that shows it; the expected text is citeproc-js's.
FIX_CASES = {
    "1-substitute-title": ("apa", {"id": "t", "type": "webpage", "title": "Yahoo", "URL": "http://www.yahoo.com"},
                           lambda ref, cit: ref.count("Yahoo") == 1),
    "1-substitute-editor": ("chicago", {"id": "e", "type": "book", "title": "A Book", "issued": {"date-parts": [[2020]]},
                                        "editor": [{"literal": "The Editors"}]},
                            lambda ref, cit: ref.count("The Editors") == 1),
    "2-shorthand-names-label": ("chicago", {"id": "e", "type": "book", "title": "A Book",
                                            "issued": {"date-parts": [[2020]]}, "editor": [{"literal": "The Editors"}]},
                                lambda ref, cit: ref.startswith("The Editors, ed.")),
    "3-label-title-case": ("apa", {"id": "e", "type": "book", "title": "A Book", "issued": {"date-parts": [[2020]]},
                                   "editor": [{"literal": "The Editors"}], "language": "zh-Hant-TW"},
                           lambda ref, cit: "(Ed.)" in ref),
    "4-disambiguate": ("mla", {"id": "d", "type": "book", "title": "A Book", "author": [{"family": "Doe", "given": "Jane"}]},
                       lambda ref, cit: "Book" not in cit),
    "5-group-suppression": ("gbt", {"id": "g", "type": "book", "title": "A Book", "issued": {"date-parts": [[2020]]},
                                    "author": [{"family": "Doe", "given": "Jane"}]},
                            lambda ref, cit: "[M]" in ref),
    "6-initialize-false": ("chicago", {"id": "i", "type": "book", "title": "A Book", "issued": {"date-parts": [[2020]]},
                                       "author": [{"family": "Bush", "given": "George W."}]},
                           lambda ref, cit: ref.startswith("Bush, George W.")),
    "7-title-case": ("chicago", {"id": "c", "type": "article-journal", "title": "Treaty between the U.S. and Russia",
                                 "container-title": "A Journal", "issued": {"date-parts": [[2020]]},
                                 "author": [{"family": "Doe", "given": "Jane"}]},
                     lambda ref, cit: "Treaty between the U.S. and Russia" in ref),
    "8-punctuation-in-quote": ("chicago", {"id": "q", "type": "document", "title": "A Statement", "genre": "Joint statement",
                                           "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "Jane"}]},
                               lambda ref, cit: "“A Statement.”" in ref),
}


@pytest.fixture(scope="module")
def fix_cases_js():
    """citeproc-js's rendering of every case, one run per style (building an engine is slow)."""
    out = {}
    for key in {k for k, _, _ in FIX_CASES.values()}:
        cases = {name: dict(item, id=name) for name, (k, item, _) in FIX_CASES.items() if k == key}
        out.update(render_js(list(cases.values()), key, ("paragraph", str(N))))
    return out


@pytest.mark.parametrize("case", list(FIX_CASES))
def test_each_fix_of_citeproc_py(case, fix_cases_js):
    key, item, shows = FIX_CASES[case]
    item = dict(item, id=case)
    ours = csl.render(item, key, ("paragraph", str(N)))
    reference, cite = csl.plain(ours.reference), csl.plain(ours.citation)
    assert shows(reference, cite), (case, reference, cite)
    js = fix_cases_js[case]
    assert (reference, cite) == (js["reference"], js["citation"]), case


def test_panel_data_names_the_canonical_text_page_or_null(monkeypatch):
    import json
    for url in (None, URL):
        m = at(monkeypatch, url)
        page = f"{URL}{m['edition']['version']}/text.html" if url else None
        html = citation.panel_data(m)
        data = json.loads(re.fullmatch(r'<script type="application/json" id="edition-citation">(.*)</script>', html).group(1))
        assert data["page"] == page
        assert set(data["styles"]) == set(csl.styles())
        for style in data["styles"].values():
            assert set(style) == {"label", "reference", "in_text", "in_text_whole"}


def test_citeprocs_xpath_lookups_are_answered_once_and_handed_out_as_copies(meta, monkeypatch):
    """csl/lookups.py: rendering the same cite again asks lxml nothing (every lookup was kept),
    renders the same, and a caller that extends the list it got does not change the next answer."""
    from editkit import memo

    monkeypatch.setenv(memo.OFF, "1")  # render, not read the cache
    # a style read afresh: its elements have been asked nothing yet (earlier tests rendered apa)
    monkeypatch.setattr(csl, "_style", functools.lru_cache(maxsize=None)(csl._style.__wrapped__))
    item = citation.cited_item(meta, None, ACCESSED)
    csl._citeproc()
    from citeproc.model import CitationStylesElement

    asked = []
    xpath = CitationStylesElement.xpath
    monkeypatch.setattr(CitationStylesElement, "xpath", lambda self, *a, **k: asked.append(a) or xpath(self, *a, **k))
    first = csl.render(item, "apa", None)
    after_first = len(asked)
    second = csl.render(item, "apa", None)
    assert after_first > 100 and len(asked) == after_first, (after_first, len(asked))
    assert second == first

    root = csl._style("apa").root
    answer = root.xpath_search("./cs:macro")
    answer.append("extended by a caller")
    assert root.xpath_search("./cs:macro") == answer[:-1] and len(answer) > 2
