"""Accessibility: axe-core (from npm) injected by Playwright into every built page.

Every page, light and dark scheme, desktop (1280 × 900) and phone (390 × 844) width: zero
violations of all of axe's rules (WCAG 2.0–2.2 A/AA and its best practices), target-size
(WCAG 2.2 2.5.8, tagged wcag22aa, off in axe by default) switched on. The states a reader opens
on the text page (search with results, a footnote tooltip) are
checked against the WCAG A/AA rules: Material appends these pop-ups to <body>, outside
the page's landmarks, and shows the footnote as an unnamed role="dialog", which only
axe's best-practice rules (region, aria-dialog-name) object to.
"""

import pytest
from browsing import node_module, pages, search
from lxml import html as lhtml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEARCH_QUERY = "蒲亭"




@pytest.fixture(scope="module")
def axe_source():
    return node_module("axe-core/axe.min.js").read_text(encoding="utf-8")




def test_every_page_declares_its_language(site):
    """Screen readers pick their voice by lang: zh-Hant-TW on every page (404.html too),
    en on the English abstract."""
    wrong = {}
    for name in pages(site):
        root = lhtml.parse(str(site / name)).getroot()
        if root.get("lang") != "zh-Hant-TW":
            wrong[name] = root.get("lang")
        for el in root.xpath("//*[@id='abstract-en']"):
            if el.get("lang") != "en":
                wrong[name + "#abstract-en"] = el.get("lang")
    assert not wrong, wrong


def axe(page, source, tags=None):
    """Run axe-core in the page once its transitions have ended (a tooltip fading in
    would be measured half transparent); returns its violations."""
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    # details of passing checks are not needed; target-size (2.5.8) is off unless asked for
    options = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    if tags:
        options["runOnly"] = {"type": "tag", "values": tags}
    return page.evaluate("async (options) => (await axe.run(document, options)).violations", options)


def report(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


def new_page(browser, scheme, viewport):
    return browser.new_context(color_scheme=scheme, viewport=viewport).new_page()


def load(page, url, scheme):
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement.classList.contains('js')")  # Material has run
    try:
        page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme], timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(f"{url}: the {scheme} scheme ({SCHEMES[scheme]}) did not apply")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_axe_violations(site, http_base, browser, axe_source, scheme, viewport):
    page = new_page(browser, scheme, VIEWPORTS[viewport])
    failures, counted = {}, 0
    for name in pages(site):
        load(page, http_base + name, scheme)
        violations = axe(page, axe_source)
        counted += sum(len(v["nodes"]) for v in violations)
        if violations:
            failures[name] = report(violations)
    page.context.close()
    print(f"\naxe, {scheme} scheme, {viewport}: {counted} violating nodes on {len(pages(site))} pages")
    assert not failures, "\n".join(f"{name}:\n{text}" for name, text in failures.items())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_and_tooltips_have_no_wcag_violations(site, http_base, browser, axe_source, scheme):
    page = new_page(browser, scheme, VIEWPORTS["desktop"])
    load(page, http_base + "text.html", scheme)
    found = {}

    # a footnote's tooltip (Material's content.footnote.tooltips)
    ref = page.locator("a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible")
    found["footnote tooltip"] = axe(page, axe_source, WCAG)
    page.mouse.move(0, 0)
    page.locator(".md-tooltip2--active").wait_for(state="detached")

    # a glossary term's gloss and an emendation's note, in reading.js's popover, shown on focus
    for selector in ("article a.term", "article .emendation[tabindex]"):
        page.locator(selector).first.focus()
        page.locator("#reading-popover").wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('#reading-popover').textContent !== '…'")
        found[f"popover on {selector}"] = axe(page, axe_source, WCAG)
    page.keyboard.press("Escape")

    # the diplomatic view and the apparatus' filters
    page.locator(".reading-controls input[name='diplomatic']").check()
    page.locator("article .diplomatic").first.wait_for(state="visible")
    found["diplomatic view"] = axe(page, axe_source, WCAG)
    page.locator(".reading-controls input[name='diplomatic']").uncheck()

    # the search dialog with results
    search(page, SEARCH_QUERY, site)
    found["search results"] = axe(page, axe_source, WCAG)
    page.context.close()

    failures = {state: report(v) for state, v in found.items() if v}
    assert not failures, "\n".join(f"{state}:\n{text}" for state, text in failures.items())
