"""Printing the text page gives the article: numbers, notes and title kept; the website around it gone."""

import re

import pytest

A4 = {"width": 794, "height": 1123}  # CSS pixels

STYLE = """(sel) => [...document.querySelectorAll(sel)].map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {display: s.display, visibility: s.visibility, x: r.x, right: r.right, width: r.width, height: r.height};
})"""


@pytest.fixture(scope="module")
def printed(site, browser):
    """The text page as the print stylesheet lays it out, and its PDF."""
    page = browser.new_page(viewport=A4)
    page.goto((site / "text.html").as_uri())
    page.emulate_media(media="print")
    yield page, page.pdf(format="A4")
    page.close()


def styles(page, selector):
    found = page.evaluate(STYLE, selector)
    assert found, f"no {selector} on the text page"
    return found


def test_the_website_around_the_article_is_not_printed(printed):
    page, _ = printed
    for selector in (".md-header", ".md-tabs", ".md-search", ".md-sidebar", ".md-nav", ".md-footer", ".md-top"):
        for el in page.evaluate(STYLE, selector):
            assert el["display"] == "none" or el["width"] == 0, f"{selector} is printed"
    # the cite buttons and panels: those the cite script made, and one put in a paragraph here
    page.evaluate("""() => { const b = document.createElement('button'); b.className = 'cite-ui';
                             b.id = 'probe-cite-ui'; document.querySelector('#p12').append(b); }""")
    for el in styles(page, ".cite-ui"):
        assert el["display"] == "none", ".cite-ui is printed"
    page.evaluate("() => document.querySelector('#probe-cite-ui').remove()")


def test_paragraph_numbers_are_printed_inside_the_page(printed):
    page, _ = printed
    numbers = styles(page, ".para > .pnum")
    assert len(numbers) >= 45
    for n in numbers:
        assert n["display"] != "none" and n["visibility"] == "visible" and n["width"] > 0
        assert n["x"] >= 0 and n["right"] <= A4["width"], "the number is on the page, not in a margin outside it"
    text = page.evaluate("() => document.querySelector('#p12 .pnum').textContent")
    assert text.strip() == "12"


def test_title_lost_notes_and_their_texts_are_printed(printed):
    page, _ = printed
    title = styles(page, "article h1")[0]
    assert title["display"] != "none" and title["height"] > 0
    assert page.evaluate("() => document.querySelector('article h1').textContent").strip().startswith("〔")
    for selector in ("div.footnote", ".footnote-ref"):
        for el in styles(page, selector):
            assert el["display"] != "none" and el["visibility"] == "visible" and el["height"] > 0, selector
    notes = page.evaluate("() => [...document.querySelectorAll('div.footnote li')].map(li => li.innerText)")
    refs = page.evaluate("() => document.querySelectorAll('.footnote-ref').length")
    assert len(notes) == refs >= 10 and all("原注佚" in n for n in notes)


def test_paragraphs_do_not_break_across_pages(printed):
    page, _ = printed
    assert {el["breakInside"] for el in page.evaluate(
        "() => [...document.querySelectorAll('p.para')].map(e => ({breakInside: getComputedStyle(e).breakInside}))")} \
        == {"avoid"}


def test_the_text_page_prints_to_a_pdf_of_plausible_length(printed):
    _, pdf = printed
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # about 12,000 characters of text and the notes: a few A4 pages, not one, not dozens
    assert 3 <= pages <= 30, f"{pages} pages"
