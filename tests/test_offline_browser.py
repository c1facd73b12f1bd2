"""Reading anywhere: the built site in a real browser, served over HTTP and opened from disk.

Chromium runs without --allow-file-access-from-files: a reader who double-clicks
site/index.html has no such flag, and Material's offline plugin (search index as a
script, iframe-worker shim) is meant to need none.

* Every page asks no host but its own: every request of the browser is routed; one to
  any other host is aborted and fails the test (so does a local file that is missing,
  a script error or a console error).
* Navigation works: sidebar, logo, back button and a link into another page's anchor.
* Search returns results, from file:// too.
* A glossary term's gloss pops up on hover (reading.js), and a footnote's text (Material's tooltip).
* The text reads comfortably: a measure of at most 40 Han characters a line and a line
  height of at least 1.5 (WCAG 1.4.8 for CJK), paragraph numbers in the margin, and a
  paragraph selected and copied gives the text alone, without numbers or marks.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browsing import open_search, pages, search
from conftest import ROOT
from lxml import html as lhtml

WHERE = ["http", "file"]
QUERIES = ["蒲亭", "Putin"]  # the article's Han spelling of Putin, and the English abstract's






def base_of(where, site, http_base):
    return http_base if where == "http" else site.resolve().as_uri() + "/"


class Watched:
    """A browser page whose every request is checked: other hosts are aborted and noted,
    as are failed or missing local files, uncaught script errors and console errors."""

    LOCAL = {"data", "blob", "about"}

    def __init__(self, browser, base, **options):
        self.base = urlsplit(base)
        self.foreign, self.broken, self.errors = [], [], []
        self.context = browser.new_context(**options)
        self.context.route("**/*", self._route)
        self.context.on("request", lambda r: self._own(r.url) or self._note_foreign(r.url))
        self.context.on("requestfailed", self._failed)
        self.context.on("response", self._response)
        self.expected_status = {}
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self._note_foreign(ws.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"script error: {e}"))
        self.page.on("console", self._console)

    def _own(self, url):
        parts = urlsplit(url)
        if parts.scheme in self.LOCAL:
            return True
        if self.base.scheme == "file":
            return parts.scheme == "file"
        return parts.scheme == self.base.scheme and parts.netloc == self.base.netloc

    def _note_foreign(self, url):
        if url not in self.foreign:
            self.foreign.append(url)

    def _route(self, route):
        if self._own(route.request.url):
            route.continue_()
        else:
            self._note_foreign(route.request.url)
            route.abort("blockedbyclient")

    def _failed(self, request):
        # ERR_ABORTED: the page was left while it loaded (the search index, say); not a fault
        if self._own(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            self.broken.append(f"{request.url} ({request.failure})")

    def _console(self, message):
        expected = message.location.get("url") in self.expected_status and "status of" in message.text
        if message.type == "error" and not expected:  # the deliberate 404 is logged too
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _response(self, response):
        if self._own(response.url) and response.status >= 400 \
                and self.expected_status.get(response.url) != response.status:
            self.broken.append(f"{response.url} (HTTP {response.status})")

    def open(self, url):
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.page.wait_for_function("document.documentElement.classList.contains('js')")  # Material ran
        return self.page

    def problems(self):
        return {k: v for k, v in (("requests to other hosts", self.foreign), ("missing or failed", self.broken),
                                  ("errors", self.errors)) if v}

    def close(self):
        self.context.close()


def nav_pages():
    """The pages of mkdocs.yml's nav, in order, as built HTML files."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    return [Path(next(iter(item.values()))).with_suffix(".html").name for item in nav]


# --- every page, its own host only -----------------------------------------------------------

@pytest.mark.parametrize("where", WHERE)
def test_every_page_asks_only_its_own_host(site, http_base, browser, where):
    base = base_of(where, site, http_base)
    watched = Watched(browser, base, viewport={"width": 1280, "height": 900})
    checked = []
    for name in pages(site):
        if name == "404.html":
            continue  # below: a server sends it for a missing URL
        page = watched.open(base + name)
        open_search(page, site)  # its index and worker load too
        page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        checked.append(name)
    if where == "http":
        # what a host sends for a missing page, deeper than the site root
        missing = base + "no/such/page.html"
        watched.expected_status[missing] = 404
        page = watched.open(missing)
        assert page.locator("h1").count() and "404" in page.locator("h1").inner_text()
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static", \
            "the 404 page loads Material's stylesheet"
        checked.append("404.html")
    watched.close()
    print(f"\n{where}: {len(checked)} pages, no request to another host")
    assert not watched.problems(), watched.problems()
    assert len(checked) == len(pages(site)) - (where == "file")


def test_no_page_links_to_the_404_page(site):
    """404.html links its assets from the server root (/assets/...), as it must to work for a
    missing URL at any depth, so it cannot work from disk; no page leads a reader there."""
    for name in pages(site):
        hrefs = lhtml.parse(str(site / name)).getroot().xpath("//a/@href")
        assert not [h for h in hrefs if urlsplit(h).path.endswith("404.html")], name


def test_the_request_guard_catches_another_host(site, browser, tmp_path):
    """The guard itself: a copy of a page that loads a script from another host is caught."""
    probe = tmp_path / "probe.html"
    probe.write_text((site / "index.html").read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://unpkg.com/iframe-worker/shim"></script></head>', 1), encoding="utf-8")
    watched = Watched(browser, tmp_path.resolve().as_uri() + "/")
    watched.page.goto(probe.resolve().as_uri())
    watched.close()
    assert watched.foreign == ["https://unpkg.com/iframe-worker/shim"]


# --- navigation ------------------------------------------------------------------------------

@pytest.mark.parametrize("where", WHERE)
def test_navigation_works(site, http_base, browser, where):
    base = base_of(where, site, http_base)
    order = nav_pages()
    watched = Watched(browser, base, viewport={"width": 1280, "height": 900})
    page = watched.open(base + order[0])

    def arrived(name):
        page.wait_for_url(lambda url: urlsplit(url).path.endswith("/" + name))
        page.wait_for_function("document.documentElement.classList.contains('js')")
        assert page.locator("article h1").count() == 1, f"{name} shows its article"

    # the sidebar leads to every page of the nav, in order
    for name in order[1:]:
        page.locator(f"nav.md-nav--primary a.md-nav__link[href='{name}']").first.click()
        arrived(name)
    # the logo leads home from any page, and the browser's back button returns
    page.locator(f"nav.md-nav--primary a.md-nav__link[href='{order[1]}']").first.click()
    arrived(order[1])
    page.locator("a.md-header__button.md-logo").click()
    arrived(order[0])
    page.go_back()
    arrived(order[1])
    # a glossary term in the text leads to its entry on the glossary page
    page.goto(base + "text.html")
    href = page.locator("article .para a.term").first.get_attribute("href")
    page.locator(f"article .para a.term[href='{href}']").first.click()
    target = urlsplit(href).fragment
    arrived(urlsplit(href).path)
    assert urlsplit(page.url).fragment == target
    assert page.locator(f"[id='{target}']").is_visible()
    assert page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top") < 900, \
        "the glossary entry is scrolled into view"
    watched.close()
    assert not watched.problems(), watched.problems()


# --- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("where", WHERE)
def test_search_returns_results(site, http_base, browser, where, query):
    base = base_of(where, site, http_base)
    watched = Watched(browser, base, viewport={"width": 1280, "height": 900})
    page = watched.open(base + "index.html")
    items = search(page, query, site)
    assert items.count() >= 1
    # the first result that leads to a place in a page (a section or a paragraph)
    link = items.locator("a.md-search-result__link[href*='#']").first
    href = urlsplit(link.evaluate("a => a.href"))
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == href.path)
    page.wait_for_load_state("load")
    place = page.locator(f"[id='{href.fragment}']")
    assert query.lower() in place.inner_text().lower(), \
        f"the first result for {query!r} ({href.path.rsplit('/', 1)[-1]}#{href.fragment}) leads to the words"
    watched.close()
    assert not watched.problems(), watched.problems()


# --- tooltips --------------------------------------------------------------------------------

def squash(text):
    return " ".join(text.replace("\u21a9", "").split())


@pytest.mark.parametrize("where", WHERE)
def test_glossary_and_footnote_tooltips_appear_on_hover(site, http_base, browser, where):
    base = base_of(where, site, http_base)
    watched = Watched(browser, base, viewport={"width": 1280, "height": 900})
    page = watched.open(base + "text.html")

    # a glossary term: its gloss in reading.js's popover on hover, from generated/glosses.js
    # (a script, so that it loads from file:// too); not in a title, so never shown twice
    term = page.locator("article .para a.term").first
    assert term.get_attribute("title") is None, "the gloss is not repeated in the link's title"
    glosses = {e["id"]: e for e in json.loads((site / "downloads" / "glossary.json").read_text(encoding="utf-8"))}
    term.scroll_into_view_if_needed()
    term.hover()
    popover = page.locator("#reading-popover")
    popover.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#reading-popover').textContent !== '…'")
    assert glosses[term.get_attribute("data-term")]["gloss_zh"] in popover.inner_text()
    page.mouse.move(0, 0)

    # a footnote (a lost-note placeholder): its text in a tooltip (content.footnote.tooltips)
    ref = page.locator("a.footnote-ref").first
    note = squash(page.locator(f"[id='{ref.get_attribute('href')[1:]}']").inner_text())
    ref.scroll_into_view_if_needed()
    ref.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    assert squash(tip.inner_text()) == note
    watched.close()
    assert not watched.problems(), watched.problems()


# --- reading ---------------------------------------------------------------------------------

MEASURE = """() => [...document.querySelectorAll('article .para')].map(p => {
  const style = getComputedStyle(p), size = parseFloat(style.fontSize);
  const box = p.getBoundingClientRect(), num = p.querySelector(':scope > .pnum');
  return {id: p.id, ems: (box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / size,
          leading: parseFloat(style.lineHeight) / size,
          pnumRight: num ? num.getBoundingClientRect().right : null, textLeft: box.left};
})"""


@pytest.mark.parametrize("width", [412, 1280, 1920])
def test_the_text_has_a_comfortable_measure_for_chinese(http_base, browser, width):
    """Han characters are one em wide, so a line holds width/font-size of them, whatever the font."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(http_base + "text.html")
    paras = page.evaluate(MEASURE)
    page.close()
    assert len(paras) >= 45
    for p in paras:
        assert p["ems"] <= 40.5, f"{p['id']}: {p['ems']:.1f} characters a line at {width}px"
        assert p["leading"] >= 1.5, f"{p['id']}: line height {p['leading']:.2f}"
        if width >= 1280 and p["pnumRight"] is not None:
            assert p["pnumRight"] <= p["textLeft"], f"{p['id']}: the number stands in the margin at {width}px"


def test_a_copied_paragraph_is_the_text_alone(site, http_base, browser):
    """Selecting a whole paragraph selects its reading text: no paragraph number, no editorial
    mark, no lost-note number (these are not selectable); compared with paragraphs.json."""
    expected = {p["id"]: p["text"] for p in
                json.loads((ROOT / "docs" / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]}
    page = browser.new_page()
    page.goto(http_base + "text.html")
    selected = page.evaluate("""(ids) => Object.fromEntries(ids.map(id => {
        const el = document.getElementById(id), range = document.createRange();
        if (!el) return [id, null];
        range.selectNodeContents(el);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return [id, getSelection().toString().trim()];
    }))""", list(expected))
    page.close()
    wrong = {i: selected[i] for i in expected if selected[i] != expected[i]}
    assert not wrong, f"{len(wrong)} paragraphs copy differently, e.g. " + \
        "; ".join(f"{i}: {(v or '')[:40]!r}" for i, v in list(wrong.items())[:3])
