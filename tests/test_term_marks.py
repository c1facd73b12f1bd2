"""The text page's later occurrences of glossary terms: marked in the HTML by comments
only (no element before the first paint), made into the same marks by reading.js when the
reader asks for all links.

The occurrences expected are computed here from downloads/paragraphs.json (the edited text)
and edition/glossary.yml (forms and exceptions), not from the renderer. The DOM of the page
switched to "all" and back is also the same as the page built with spans (checked by hand
when the change was made: tests/test_reading_browser.py checks the first links per section)."""

import json

import yaml
from conftest import EDITION
from test_reading_browser import open_page


def glossary_forms():
    entries = yaml.safe_load((EDITION / "glossary.yml").read_text(encoding="utf-8"))
    forms = []
    for e in entries:
        for f in e.get("forms") or [e["term"]]:
            forms.append((str(f), e["id"], [str(x) for x in e.get("except") or []]))
    return forms


def expected_marks(text, forms):
    """[(term id, text)] in reading order (outer before inner): every occurrence of every form,
    none inside one of the entry's exceptions."""
    hits = []
    for form, term, excluded in forms:
        start = text.find(form)
        while start != -1:
            inside_exception = any(x[k:k + len(form)] == form and text.startswith(x, start - k)
                                   for x in excluded for k in range(len(x)))
            if not inside_exception:
                hits.append((start, start + len(form), term))
            start = text.find(form, start + 1)
    return [(term, text[s:e]) for s, e, term in sorted(hits, key=lambda h: (h[0], -h[1]))]


def test_later_occurrences_are_comments_not_elements(site):
    text = (site / "text.html").read_text(encoding="utf-8")
    article = text.split("<article", 1)[1]
    assert "term--more" not in article and "<span class=\"term" not in article
    assert article.count("<!--/t-->") == article.count("<!--t ") + article.count("<!--ti ") > 100


def test_all_marks_exactly_the_occurrences_the_glossary_lists(site, browser):
    """Every mark "all" makes is an occurrence of its term's form, in reading order; an
    occurrence left unmarked is one the rules leave out: a term again inside a document's
    title or a longer term (the outer link speaks for it) or one crossing another mark (marks nest)."""
    forms = glossary_forms()
    paragraphs = json.loads((site / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]
    page = open_page(browser, (site / "text.html").as_uri())
    page.locator(".reading-controls input[value='all']").check()
    marked = page.evaluate("""() => {
        const out = {};
        for (const block of document.querySelectorAll("article .para[id]")) {
          out[block.id] = {
            marks: [...block.querySelectorAll("[data-term]")].map(m => [m.dataset.term, m.textContent]),
            titles: [...block.querySelectorAll(".mention")].map(m => m.textContent),
            others: [...block.querySelectorAll(".emendation, .annotation, [data-term]")].map(m => m.textContent)};
        }
        return out;
    }""")
    unexplained, left_out = {}, 0
    for p in paragraphs:
        want = expected_marks(p["text"], forms)
        got = [tuple(m) for m in marked[p["id"]]["marks"]]
        titles, others = marked[p["id"]]["titles"], marked[p["id"]]["others"]
        rest = iter(want)
        assert all(g in rest for g in got), f"{p['id']}: a mark that is no occurrence, or out of order: {got}"
        missing = list(want)
        for g in got:
            missing.remove(g)
        left_out += len(missing)
        odd = [(term, form) for term, form in missing
               if not any(form in t for t in titles) and not any((form in o and form != o) or (o and o not in form and _crosses(p["text"], form, o)) for o in others)]
        if odd:
            unexplained[p["id"]] = odd
    assert not unexplained, unexplained
    total = sum(len(v["marks"]) for v in marked.values())
    links = page.locator("article a.term").count()
    inner = page.locator("article .mention [data-term], article [data-term] [data-term]").count()
    print(f"\n{total} marked occurrences ({left_out} left out by the nesting rules); "
          f"{links} links with 'all'; {inner} inside another mark stay text")
    assert links == total - inner > 200
    # no link inside a link; a mark inside a document's title (term--inner) stays text
    assert page.locator("article a a").count() == 0
    assert page.locator("article .term--inner").count() == page.locator("article a .term--inner").count()
    page.context.close()


def _crosses(text, form, other):
    """Whether an occurrence of ``form`` and one of ``other`` overlap in ``text`` without nesting."""
    spans = lambda s: [(i, i + len(s)) for i in range(len(text)) if text.startswith(s, i)]
    return any(a < d and c < b and not (a <= c and d <= b) and not (c <= a and b <= d)
               for a, b in spans(form) for c, d in spans(other))
