"""Citing a paragraph, in a real browser (Debian's chromium driven by Playwright).

The cite panel opens by mouse and by keyboard and copies, for every style in the page's
#edition-citation data, exactly that style's template filled in with the paragraph's URL and
number and today's access date (read back from the clipboard); "copy link" gives the paragraph's
URL; Escape closes the panel; copying a selection inside a paragraph adds a citation line; the
"copy link to selection" button gives a text-fragment link that the browser follows to the
words; the panel works from file://; on a narrow touch screen the button is visible.
"""

import calendar
import json
import re
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lhtml

TZ = "Asia/Taipei"
PANEL = "#cite-panel"






@pytest.fixture(scope="module")
def server(http_base):
    """The shared http server's origin, without the trailing slash."""
    return http_base.rstrip("/")


@pytest.fixture(scope="module")
def styles(site):
    """The citation styles as the page head gives them (the only source of titles and dates)."""
    page = lhtml.parse(str(site / "text.html")).getroot()
    data = json.loads(page.xpath("//script[@id='edition-citation']")[0].text)
    assert set(data["styles"]) >= {"apa", "chicago", "mla", "gbt"}
    return data["styles"]


def expected(template, url, n):
    """A template filled in as a reader in Taipei would get it today."""
    today = datetime.now(ZoneInfo(TZ)).date()
    return (template.replace("{url}", url).replace("{n}", str(n))
            .replace("{accessed}", today.isoformat())
            .replace("{accessed_long}", f"{today.day} {calendar.month_name[today.month]} {today.year}"))


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
    url = f"{server}/text.html#p12"
    page.hover("#p12")
    page.click("button.cite-btn[data-para='p12']")
    panel = page.locator(PANEL)
    assert panel.is_visible()
    assert page.get_attribute("button.cite-btn[data-para='p12']", "aria-expanded") == "true"
    assert page.evaluate("document.getElementById('cite-panel').contains(document.activeElement)"), \
        "focus moves into the panel"
    assert "12" in page.inner_text(f"{PANEL} #cite-panel-title")
    for key, style in styles.items():
        want = expected(style["template"], url, 12)
        item = f"{PANEL} [data-style='{key}']"
        assert page.inner_text(f"{item} dt") == style["label"]
        assert page.text_content(f"{item} .cite-panel__text") == want
        page.evaluate("navigator.clipboard.writeText('')")
        page.click(f"{item} button")
        assert clipboard(page) == want, key
        # Material's own "copied" notice
        page.wait_for_selector(".md-dialog.md-dialog--active")
    assert "\n" in expected(styles["apa"]["template"], url, 12), "APA: reference, then in-text citation"
    page.click(f"{PANEL} .cite-panel__link")
    assert clipboard(page) == url
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
    assert clipboard(page) == expected(styles[second]["template"], f"{server}/text.html#p12", 12)
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
    url = f"{server}/text.html#p12"
    in_text = expected(styles["apa"]["template"], url, 12).split("\n")[-1]
    assert clipboard(page) == f"{quote}\n{in_text} {url}"

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


def test_panel_from_file_url(browser, site):
    url = (site / "text.html").as_uri()
    context, page, errors = new_page(browser, url)
    page.click("#p12")  # hover and click on the text
    page.click("button.cite-btn[data-para='p12']")
    assert page.locator(PANEL).is_visible()
    apa = page.text_content(f"{PANEL} [data-style='apa'] .cite-panel__text")
    assert f"{url}#p12" in apa and url.startswith("file:")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click(f"{PANEL} .cite-panel__link")
    page.wait_for_selector(".md-dialog.md-dialog--active")
    assert clipboard(page) == f"{url}#p12"
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
