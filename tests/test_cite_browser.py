"""Citing a paragraph, in a real browser (Debian's chromium driven by Playwright).

The cite panel opens by mouse and by keyboard and copies, for every style in the page's
#edition-citation data, that style's reference and in-text citation as rendered at build time
from the official CSL style, with the paragraph's number, its canonical address and the
reader's access date filled in (read back from the clipboard); "copy link" gives the
paragraph's link; Escape closes the panel; copying a selection inside a paragraph adds a
citation line; the "copy link to selection" button gives a text-fragment link that the browser
follows to the words; on a narrow touch screen the button is visible.

Two builds: the session's `site` (no address configured: no citation carries a URL, and
"copy link" gives the address the reader is at, without its query string), and a build with
EDITION_URL set (conftest's published_site; every URL is the canonical one — over http, from
file:// and after arriving from a search result with ?h=… alike).
"""

import json
import re
from datetime import datetime
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lhtml

from conftest import PUBLISHED_URL, ROOT

TZ = "Asia/Taipei"
PANEL = "#cite-panel"
EDITION_URL = PUBLISHED_URL


@pytest.fixture(scope="module")
def server(http_base):
    """The shared http server's origin, without the trailing slash."""
    return http_base.rstrip("/")


def citation_data(site):
    page = lhtml.parse(str(site / "text.html")).getroot()
    return json.loads(page.xpath("//script[@id='edition-citation']")[0].text)


@pytest.fixture(scope="module")
def styles(site):
    """The citation styles as the page head gives them (the only source of titles and dates)."""
    data = citation_data(site)
    assert data["page"] is None, "the session's site is built without an address"
    assert set(data["styles"]) >= {"apa", "chicago", "mla", "gbt"}
    return data["styles"]


@pytest.fixture(scope="module")
def canonical_server(published_site):
    from browsing import serve
    with serve(published_site) as url:
        yield url.rstrip("/")


def today():
    return datetime.now(ZoneInfo(TZ)).date().isoformat()


def expected(style, n, url=""):
    """A style's reference and in-text citation, filled in as a reader in Taipei gets them today."""
    fill = lambda t: t.replace("{url}", url).replace("{n}", str(n)).replace("{accessed}", today())  # noqa: E731
    return fill(style["reference"]) + "\n" + fill(style["in_text"])


def new_page(browser, url, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(timezone_id=TZ, **options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    assert not page.query_selector("button.cite-btn"), "nothing is added before the reader does something"
    page.mouse.move(5, 5)  # the reader's first move adds the buttons
    page.wait_for_selector("button.cite-btn[data-para='p12']", state="attached")
    return context, page, errors


@pytest.fixture
def page(browser, server):
    origin = server
    context, page, errors = new_page(browser, f"{server}/text.html")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    yield page
    assert not errors, errors
    context.close()


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


def opacity(page, selector):
    return float(page.eval_on_selector(selector, "el => getComputedStyle(el).opacity"))


def test_every_numbered_paragraph_has_a_button_outside_its_text(page):
    counts = page.evaluate("""() => {
        const paras = [...document.querySelectorAll('p.para')].filter(p => /^p\\d+$/.test(p.id));
        return {
            paras: paras.length,
            buttons: document.querySelectorAll('button.cite-btn').length,
            inside: paras.filter(p => p.querySelector('.cite-ui')).length,
            before: paras.filter(p => p.previousElementSibling.querySelector('button.cite-btn')).length,
            front: document.querySelectorAll('#abstract-zh .cite-ui, #abstract-en .cite-ui').length,
        };
    }""")
    assert counts["paras"] >= 45 and counts["buttons"] == counts["paras"] == counts["before"]
    assert counts["inside"] == 0, "nothing is injected into the text of a paragraph"
    assert counts["front"] == 0
    button = "button.cite-btn[data-para='p12']"
    assert opacity(page, button) == 0, "the button stays out of the way until wanted"
    page.hover("#p12")
    page.wait_for_function(f"getComputedStyle(document.querySelector(\"{button}\")).opacity === '1'")
    assert page.get_attribute(button, "aria-expanded") == "false"
    assert page.get_attribute(button, "aria-controls") == "cite-panel"


def test_panel_by_mouse_copies_each_style_and_the_link(page, server, styles):
    here = f"{server}/text.html#p12"
    page.hover("#p12")
    page.click("button.cite-btn[data-para='p12']")
    panel = page.locator(PANEL)
    assert panel.is_visible()
    assert page.get_attribute("button.cite-btn[data-para='p12']", "aria-expanded") == "true"
    assert page.evaluate("document.getElementById('cite-panel').contains(document.activeElement)"), \
        "focus moves into the panel"
    assert "12" in page.inner_text(f"{PANEL} #cite-panel-title")
    for key, style in styles.items():
        want = expected(style, 12)
        item = f"{PANEL} [data-style='{key}']"
        assert page.inner_text(f"{item} dt") == style["label"]
        assert page.text_content(f"{item} .cite-panel__text") == want
        page.evaluate("navigator.clipboard.writeText('')")
        page.click(f"{item} button")
        assert clipboard(page) == want, key
        assert not re.search(r"https?:|file:", want), "no address configured: no URL in a citation"
        # Material's own "copied" notice
        page.wait_for_selector(".md-dialog.md-dialog--active")
    page.click(f"{PANEL} .cite-panel__link")
    assert clipboard(page) == here, "no address configured: the link is where the reader is"
    page.click(f"{PANEL} .cite-panel__close")
    assert not panel.is_visible()
    assert page.get_attribute("button.cite-btn[data-para='p12']", "aria-expanded") == "false"


def test_panel_by_keyboard_and_escape(page, server, styles):
    button = "button.cite-btn[data-para='p12']"
    page.focus("#p11 .pnum")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector(\"{button}\")"):
            break
    else:
        pytest.fail("Tab never reached the cite button of p12")
    page.wait_for_function(f"getComputedStyle(document.querySelector(\"{button}\")).opacity === '1'")
    page.keyboard.press("Enter")
    assert page.locator(PANEL).is_visible()
    assert page.get_attribute(button, "aria-expanded") == "true"
    focused = page.evaluate("document.activeElement.closest('[data-style]')?.dataset.style")
    assert focused == next(iter(styles)), "focus is on the first copy button"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    second = list(styles)[1]
    assert clipboard(page) == expected(styles[second], 12)
    page.keyboard.press("Escape")
    assert not page.locator(PANEL).is_visible()
    assert page.get_attribute(button, "aria-expanded") == "false"
    assert page.evaluate(f"document.activeElement === document.querySelector(\"{button}\")"), \
        "focus returns to the button"


SELECT = """([id, nth, a, b]) => {
    const p = document.getElementById(id);
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
        acceptNode: n => n.parentElement.closest('.pnum, .ed-mark, sup') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    let node = null;
    for (let i = 0; i <= nth; i++) node = walker.nextNode();
    const r = document.createRange();
    r.setStart(node, a);
    r.setEnd(node, b);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    return node.data.slice(a, b);
}"""


def select(page, pid, nth, a, b):
    return page.evaluate(SELECT, [pid, nth, a, b])


def test_copying_a_selection_adds_its_citation(page, server, styles):
    quote = select(page, "p12", 1, 3, 20)   # the text after the first glossary term
    assert len(quote) == 17
    page.keyboard.press("Control+C")
    in_text = expected(styles["apa"], 12).split("\n")[-1]
    assert clipboard(page) == f"{quote}\n{in_text}", "the APA in-text citation; no address: no URL"

    # a selection across two paragraphs is copied as the browser copies it
    page.evaluate("""() => {
        const r = document.createRange();
        r.setStart(document.querySelector('#p12 .pnum').nextSibling, 0);
        r.setEnd(document.querySelector('#p13 .pnum').nextSibling, 2);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.keyboard.press("Control+C")
    copied = clipboard(page)
    assert "para. " not in copied
    assert copied.startswith(page.evaluate("document.querySelector('#p12 .pnum').nextSibling.textContent"))
    assert "引用" not in page.text_content("#p12") and "引用" not in copied, "the button's label is not copied"


def fragment_terms(link, base, pid):
    m = re.fullmatch(re.escape(f"{base}#{pid}:~:text=") + r"([^#&\s]+)", link)
    assert m, link
    terms = m.group(1).split(",")
    for t in terms:
        assert "-" not in t.strip("-"), "a '-' inside a term is percent-encoded"
    return [unquote(t) for t in terms]


def follow(browser, link, pid):
    """Open the link as a reader would: the browser scrolls the named words to about the middle
    of the window (a plain #pN link would put the paragraph at the top instead)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(link)
    page.wait_for_timeout(400)
    box = page.evaluate(f"(() => {{ const r = document.getElementById('{pid}').getBoundingClientRect();"
                        " return [r.top, r.bottom, innerHeight, scrollY]; })()")
    context.close()
    top, bottom, height, scrolled = box
    assert scrolled > 0 and top < 0.6 * height and bottom > 0.4 * height, f"{link} did not bring the words of {pid} into view: {box}"


def test_link_to_selection_is_a_text_fragment(page, browser, server):
    base = f"{server}/text.html"
    quote = select(page, "p12", 1, 3, 20)
    button = page.locator("#cite-selection")
    button.wait_for(state="visible")
    link = button.get_attribute("data-clipboard-text")
    terms = fragment_terms(link, base, "p12")
    words = "".join(t.strip("-") for t in terms)
    assert len(terms) == 1 and quote in words, (quote, terms)
    assert words in page.text_content("#p12")
    button.click()
    assert clipboard(page) == link
    follow(browser, link, "p12")

    # '-' in the selected words is encoded, as the text-fragment syntax requires
    mention = page.evaluate("""() => [...document.querySelectorAll('#p10 a.mention')]
        .map(a => a.textContent).find(t => t.includes('U.S.-Russian'))""")
    start = mention.index("U.S.-Russian")
    page.evaluate("""([start]) => {
        const a = [...document.querySelectorAll('#p10 a.mention')].find(a => a.textContent.includes('U.S.-Russian'));
        const r = document.createRange();
        r.setStart(a.firstChild, start); r.setEnd(a.firstChild, start + 'U.S.-Russian'.length);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""", [start])
    page.wait_for_function("document.getElementById('cite-selection').dataset.para === 'p10'")
    link = page.get_attribute("#cite-selection", "data-clipboard-text")
    assert "U.S.%2DRussian" in link
    assert "U.S.-Russian" in "".join(fragment_terms(link, base, "p10"))
    follow(browser, link, "p10")

    # a long selection (the whole paragraph) is named by its first and last words: textStart,textEnd
    page.evaluate("""() => {
        const p = document.getElementById('p12');
        const r = document.createRange();
        r.setStartAfter(p.querySelector('.pnum'));
        r.setEnd(p.lastChild, p.lastChild.length);
        getSelection().removeAllRanges(); getSelection().addRange(r);
    }""")
    page.wait_for_function("document.getElementById('cite-selection').dataset.para === 'p12'")
    link = page.get_attribute("#cite-selection", "data-clipboard-text")
    start, end = fragment_terms(link, base, "p12")[-2:]
    text = page.evaluate("document.getElementById('p12').textContent")
    assert text.index(start) < text.rindex(end) and text.rstrip().endswith(end)
    follow(browser, link, "p12")

    page.evaluate("getSelection().removeAllRanges()")
    button.wait_for(state="hidden")


def test_panel_from_file_url_without_an_address(browser, site, styles):
    url = (site / "text.html").as_uri()
    context, page, errors = new_page(browser, url)
    page.click("#p12")  # hover and click on the text
    page.click("button.cite-btn[data-para='p12']")
    assert page.locator(PANEL).is_visible()
    for key, style in styles.items():
        text = page.text_content(f"{PANEL} [data-style='{key}'] .cite-panel__text")
        assert text == expected(style, 12) and "file:" not in text, key
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click(f"{PANEL} .cite-panel__link")
    page.wait_for_selector(".md-dialog.md-dialog--active")
    assert clipboard(page) == f"{url}#p12", "no address: the only address there is, where the reader is"
    assert not errors, errors
    context.close()


def canonical_styles(published_site):
    data = citation_data(published_site)
    version = data["page"].split("/")[-2]
    assert data["page"] == f"{EDITION_URL}{version}/text.html"
    return data["page"], data["styles"]


@pytest.mark.parametrize("arrival", ["http", "file", "search"])
def test_canonical_citations_wherever_the_reader_is(browser, published_site, canonical_server, arrival):
    page_url, styles = canonical_styles(published_site)
    canonical = f"{page_url}#p12"
    if arrival == "file":
        start, origin = (published_site / "text.html").as_uri() + "#p12", None
    elif arrival == "search":
        start, origin = f"{canonical_server}/text.html?h={quote('蒲亭')}#p12", canonical_server
    else:
        start, origin = f"{canonical_server}/text.html", canonical_server
    context, page, errors = new_page(browser, start)
    if origin:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    else:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.hover("#p12")
    page.click("button.cite-btn[data-para='p12']")
    for key, style in styles.items():
        want = expected(style, 12, canonical)
        assert canonical in want, f"{key}: every style names the paragraph's canonical address"
        page.evaluate("navigator.clipboard.writeText('')")
        page.click(f"{PANEL} [data-style='{key}'] button")
        got = clipboard(page)
        assert got == want, (arrival, key)
        assert "file:" not in got and "?h=" not in got and "127.0.0.1" not in got
    assert "[" + today() + "]" in expected(styles["gbt"], 12, canonical), "GB/T: the reader's access date"
    page.click(f"{PANEL} .cite-panel__link")
    assert clipboard(page) == canonical, arrival
    # a quotation copied from the paragraph carries the canonical address too
    quote_text = select(page, "p12", 1, 3, 20)
    page.keyboard.press("Control+C")
    in_text = expected(styles["apa"], 12, canonical).split("\n")[-1]
    assert clipboard(page) == f"{quote_text}\n{in_text} {canonical}", arrival
    page.wait_for_function("document.getElementById('cite-selection')?.dataset.para === 'p12'")
    link = page.get_attribute("#cite-selection", "data-clipboard-text")
    assert link.startswith(canonical + ":~:text="), "the link to a selection is canonical too"
    assert not errors, errors
    context.close()


def test_touch_narrow_screen_shows_the_button(browser, server):
    context, page, errors = new_page(browser, f"{server}/text.html#p12", viewport={"width": 390, "height": 800},
                                     is_mobile=True, has_touch=True, device_scale_factor=2)
    button = "button.cite-btn[data-para='p12']"
    assert opacity(page, button) == 1
    box = page.locator(button).bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= 390
    page.tap(button)
    panel = page.locator(PANEL).bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
    assert not errors, errors
    context.close()


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS = """(sel) => {
    const parse = s => s.match(/[\\d.]+/g).map(Number);
    const el = document.querySelector(sel);
    let fg = parse(getComputedStyle(el).color);
    // the first opaque background behind it
    let bg = null;
    for (let n = el; n && !bg; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c.length < 4 || c[3] === 1) bg = c.slice(0, 3);
        else if (c[3] > 0) { bg = null; }
    }
    bg = bg || [255, 255, 255];
    if (fg.length === 4) fg = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    return [fg.slice(0, 3), bg];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readable_in_both_schemes(browser, server, scheme):
    context, page, errors = new_page(browser, f"{server}/text.html", color_scheme=scheme)
    page.hover("#p12")
    page.click("button.cite-btn[data-para='p12']")
    page.mouse.move(0, 0)
    for sel in ["button.cite-btn[data-para='p12']", f"{PANEL} .cite-panel__title", f"{PANEL} dt",
                f"{PANEL} .cite-panel__text", f"{PANEL} .cite-panel__copy", f"{PANEL} .cite-panel__link"]:
        fg, bg = page.evaluate(COLOURS, sel)
        assert contrast(fg, bg) >= 4.5, (scheme, sel, fg, bg)
    context.close()
