"""Search as a reader meets it: queries typed into the built site's own search box (Debian's
chromium driven by Playwright), over http and from file://.

For every kind of query the edition promises -- whole glossary terms, fragments of compounds,
Simplified script, English names and abbreviations, later spellings, toneless pinyin, phrases,
dates and numbers as written, pinyin typed syllable by syllable, queries that start inside a
number or an English word, brackets typed in, words of two scripts -- and for the shared
acceptance set, one of the first three result
links, opened, lands on a numbered paragraph (class ``para``) that holds the term.  A result
shows its paragraph number (¶); opening one scrolls the paragraph into view and highlights
it (``.para:target``); the words that matched are marked in the result's context.

Search costs nothing until it is used (issue 9): a page loads no search data (nor the search
worker) until the reader opens search; the requests of the page are watched, over http and
from file://.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# the shared acceptance set lives beside the project (../shared/; from a worktree, further up)
ACCEPTANCE = next((p / "shared" / "acceptance" / "search-queries.tsv" for p in Path(ROOT).parents
                   if (p / "shared" / "acceptance" / "search-queries.tsv").is_file()),
                  Path(ROOT).parent / "shared" / "acceptance" / "search-queries.tsv")
TOP = 3

# query -> strings of which the paragraph must hold one (as the article writes it)
KINDS = {
    "whole term": [
        ("葉爾辛", "葉爾辛"),
        ("第二階段削減進攻性戰略武器條約", "第二階段削減進攻性戰略武器條約"),
        ("卡內基國際和平基金會", "卡內基國際和平基金會"),
    ],
    "fragment": [
        ("合作組織", "合作組織"),
        ("東擴", "東擴"),
        ("公約組織", "公約組織"),
        ("反恐聯盟", "反恐聯盟"),
    ],
    "Simplified": [
        ("上海合作组织", "上海合作組織"),
        ("叶尔辛", "葉爾辛"),
        ("独立国协", "獨立國協"),
        ("车臣危机", "車臣危機"),
    ],
    "English": [
        ("Yeltsin", "葉爾辛"),
        ("NATO", "北約|北大西洋公約組織"),
        ("Kosovo", "科索沃"),
        ("Munich", "慕尼黑"),
        ("Carnegie", "卡內基|Carnegie"),
        ("CIS", "獨立國協"),
    ],
    "later spelling": [
        ("普丁", "蒲亭"),
        ("普京", "蒲亭"),
        ("葉利欽", "葉爾辛"),
        ("獨聯體", "獨立國協"),
    ],
    "pinyin": [
        ("yeerxin", "葉爾辛"),
        ("puting", "蒲亭"),
        ("kesuowo", "科索沃"),
        ("beiyue dongkuo", "北約東擴"),
    ],
    "phrase": [
        ("美國猛烈抨擊俄羅斯在車臣進行的戰爭", "美國猛烈抨擊俄羅斯在車臣進行的戰爭"),
        ("國際社會與美國不能再以冷戰結束時的觀點看待俄羅斯", "不能再以冷戰結束時的觀點看待俄羅斯"),
    ],
    "date or number": [
        ("434億美元", "434億美元"),
        ("1993年1月3日", "1993年1月3日"),
        ("1999年12月31日", "1999年12月31日"),
    ],
    # fragment and mixed queries (issue 9): pinyin typed syllable by syllable, a query that
    # starts inside a number or an English word, brackets typed in, two words of two scripts
    "pinyin by syllable": [
        ("pu ting", "蒲亭"),
        ("ye er xin", "葉爾辛"),
        ("shang hai he zuo zu zhi", "上海合作組織"),
        ("bei yue dong kuo", "北約東擴"),
    ],
    "inside a number": [
        ("34億美元", "434億美元"),
        ("993年1月3日", "1993年1月3日"),
        ("007年2月10日", "2007年2月10日"),
    ],
    "inside an English word": [
        ("iscontentedness", "discontentedness"),
        ("ladimir Put", "Vladimir Putin"),
        ("eltsin", "葉爾辛"),
        ("arnegie", "卡內基|Carnegie"),
    ],
    "brackets typed in": [
        ("《莫斯科條約》", "莫斯科條約"),
        ("「和平使命—2007」", "和平使命—2007"),
        ("（Vladimir Putin）", "Vladimir Putin"),
        ("〔反彈道導彈條約〕", "反彈道導彈條約"),
    ],
    "mixed": [
        ("普京 慕尼黑", "慕尼黑"),
        ("Putin 慕尼黑", "慕尼黑"),
        ("NATO 東擴", "北約東擴"),
    ],
}

# the element a link's fragment names: is it a paragraph, and its text as a reader sees it
TARGET = """(frag) => {
  const el = document.getElementById(decodeURIComponent(frag));
  return el ? {para: el.classList.contains('para'), text: el.innerText} : null;
}"""

# the deep result links in the order the result list shows them, with their headings
RESULTS = """() => [...document.querySelectorAll('.md-search-result__item a[href]')]
  .filter(a => a.hash)
  .map(a => ({href: a.href, title: (a.querySelector('h1, h2') || {}).textContent || ''}))"""


def acceptance_queries():
    rows = []
    for line in ACCEPTANCE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, needles = line.split("\t")[:2]
            rows.append((query, needles))
    return rows


class SearchBox:
    """The search box of index.html, and a second tab that opens result links."""

    def __init__(self, browser, base):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # result links open in a tab of their own: what they point at is in the HTML
        # (the last test opens one from the search box, with every script of the page)
        self.target_context = browser.new_context(java_script_enabled=False)
        self.target = self.target_context.new_page()
        self.open()

    def close(self):
        self.context.close()
        self.target_context.close()

    def open(self):
        self.page.goto(self.base + "index.html")
        self.page.click(".md-search__input")
        self.shown = self.last = None
        # the index is built in a worker (from file://, once the box is used): ready when a
        # query gets results
        for _ in range(60):
            if self.query("蒲亭", timeout=1000):
                return
        raise AssertionError(f"search never answered on {self.base}index.html")

    def _type(self, text):
        self.page.fill(".md-search__input", "")
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("End")   # Material reads the box on keyup

    def query(self, text, timeout=10000):
        """Type ``text``; the deep result links (href, heading), in the order shown."""
        if text == self.last:              # Material ignores a query repeated: clear first
            self._type("")
            self.page.wait_for_function(
                "() => !document.querySelector('.md-search-result__item')", timeout=timeout)
            self.shown = None
        self._type(text)
        self.last = text
        # each result link carries the query's terms (?h=...): wait for links of this query
        try:
            self.page.wait_for_function(
                """(shown) => {
                  const a = document.querySelector('.md-search-result__item a[href*="#"]');
                  return a && a.href !== shown;
                }""", arg=self.shown, timeout=timeout)
        except PlaywrightTimeout:
            return []
        links = self.page.evaluate(RESULTS)
        self.shown = links[0]["href"] if links else None
        return links

    def lands(self, href, needles):
        """Open ``href``: does it land on a paragraph holding one of ``needles``?"""
        frag = href.partition("#")[2]
        self.target.goto(href, wait_until="commit")
        self.target.wait_for_load_state("domcontentloaded")
        found = self.target.evaluate(TARGET, frag)
        return bool(found and found["para"] and any(n in found["text"] for n in needles))

    def finds(self, text, needles):
        links = self.query(text)[:TOP]
        return any(self.lands(link["href"], needles.split("|")) for link in links), links






@pytest.fixture(scope="module", params=["http", "file"])
def box(request, site, browser, http_base):
    base = http_base if request.param == "http" else site.resolve().as_uri() + "/"
    box = SearchBox(browser, base)
    yield box
    box.close()
    assert not box.errors, f"script errors on the page: {box.errors}"


def check(box, queries):
    misses = []
    for text, needles in queries:
        ok, links = box.finds(text, needles)
        if not ok:
            misses.append(f"{text!r}: {[l['href'].rsplit('/', 1)[-1] for l in links]}")
    return misses


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_query_lands_on_a_paragraph(box, kind):
    misses = check(box, KINDS[kind])
    assert not misses, f"{kind} queries whose first {TOP} results hold no paragraph with the term: {misses}"


def test_acceptance_queries_land_on_a_paragraph(box):
    queries = acceptance_queries()
    assert len(queries) >= 16
    misses = check(box, queries)
    assert not misses, f"acceptance queries that miss: {misses}"


def test_paragraph_comes_first_and_shows_its_number(box):
    links = box.query("車里雅賓斯克")
    assert links, "no result"
    first = links[0]
    assert re.match(r"¶\s*36\b", first["title"]), f"the first result is ¶ 36, numbered: {first}"
    assert first["href"].split("#")[-1] == "p36"


def test_matching_words_are_marked_in_context(box):
    box.query("普丁")
    marked = box.page.evaluate("""() => [...document.querySelectorAll(
        '.md-search-result__item a[href*="#p"] .edition-search-snippet mark')].map(m => m.textContent)""")
    assert "蒲亭" in marked, "a search for a later spelling marks the article's own spelling"
    snippet = box.page.evaluate("""() => document.querySelector(
        '.md-search-result__item a[href*="#p"] .edition-search-snippet').textContent""")
    assert len(snippet) < 200, "a result shows the passage around the match, not the whole paragraph"


def test_opening_a_result_scrolls_to_the_highlighted_paragraph(box):
    links = box.query("金蘭灣")
    assert links and links[0]["href"].endswith("#p26"), links[:1]
    with box.page.expect_navigation():
        box.page.click(".md-search-result__item a[href$='#p26']")
    box.page.wait_for_load_state("load")
    state = box.page.evaluate("""() => {
      const el = document.getElementById('p26');
      const box = el.getBoundingClientRect();
      return {target: el.matches(':target'), top: box.top, bottom: box.bottom,
              height: innerHeight, scrolled: scrollY,
              background: getComputedStyle(el).backgroundColor,
              para: el.classList.contains('para')};
    }""")
    assert state["para"] and state["target"], state
    assert state["scrolled"] > 0 and 0 <= state["top"] < state["height"], \
        f"the paragraph is scrolled into view: {state}"
    assert state["background"] not in ("transparent", "rgba(0, 0, 0, 0)"), \
        f"the paragraph is highlighted: {state}"
    box.open()   # back to the search box for the next tests


# ------------------------------------------------------------------------------ loading

def _search_requests(urls, base):
    """The requests for search data or the search worker among ``urls`` (paths from the site root)."""
    paths = [u[len(base):].split("?")[0] for u in urls if u.startswith(base)]
    return [p for p in paths if p.startswith("search/") or p.endswith("search-worker.js")]


@pytest.mark.parametrize("how", ["click", "shortcut"])
@pytest.mark.parametrize("where", ["http", "file"])
def test_no_search_data_until_the_reader_opens_search(browser, site, http_base, where, how):
    base = http_base if where == "http" else site.resolve().as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen, errors = [], []
    page.on("request", lambda r: seen.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "text.html", wait_until="networkidle")
        page.mouse.wheel(0, 2000)               # reading: scrolling loads nothing either
        page.wait_for_load_state("networkidle")
        assert not _search_requests(seen, base), \
            f"loading the page fetched search files: {_search_requests(seen, base)}"
        if how == "click":
            page.click(".md-search__input")
        else:
            page.keyboard.press("/")             # Material's shortcut focuses the search box
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        page.keyboard.insert_text("東擴")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item a[href*='#p']", timeout=20000)
        loaded = _search_requests(seen, base)
        assert "search/manifest.js" in loaded and any(p.startswith("search/shard-") for p in loaded), loaded
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_tap_on_the_phones_search_button_opens_search(browser, site, http_base, where):
    base = http_base if where == "http" else site.resolve().as_uri() + "/"
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    try:
        page.goto(base + "text.html", wait_until="networkidle")
        assert not _search_requests(seen, base)
        page.tap("label.md-header__button[for=__search]")
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        page.keyboard.insert_text("蒲亭")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item a[href*='#p']", timeout=20000)
    finally:
        context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_link_with_a_query_opens_search_with_its_results(browser, site, http_base, where):
    """Material's ?q= deep link: the search opens with the query, and its results follow."""
    base = http_base if where == "http" else site.resolve().as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "index.html?q=%E9%87%91%E8%98%AD%E7%81%A3")   # 金蘭灣
        page.wait_for_selector(".md-search-result__item a[href$='#p26']", timeout=20000)
    finally:
        context.close()


def test_a_heading_finds_its_section_not_every_paragraph_under_it(box):
    """A paragraph's result title names its section; the title is a label, not its text."""
    links = box.query("前言")
    assert links and links[0]["href"].endswith("#qianyan"), links[:3]
    assert not [link for link in links if "#p" in link["href"]], \
        f"paragraphs without 前言 in their text: {[l['href'] for l in links if '#p' in l['href']]}"


ENTRY_TARGET = """(frag) => {
  const el = document.getElementById(decodeURIComponent(frag));
  return el ? {kind: el.className, text: el.innerText} : null;
}"""


@pytest.mark.parametrize("query, page, kind", [
    # words only an annotation's reason holds (the apparatus)
    ("始於2005年1月20日", "apparatus.html", "app-entry"),
    # the publication-data line, which no numbered paragraph holds: its source line is found
    # (a line a paragraph holds is found through that paragraph, which links to its lines)
    ("投稿日期：96年8月15日", "source.html", "src-line"),
])
def test_apparatus_and_source_hits_land_on_their_entry_marked(box, query, page, kind):
    """A hit in the apparatus or the source page is the entry or line itself, not the whole
    list: its result shows the entry's words with the match marked, and opens at it."""
    links = box.query(query)
    hits = [link for link in links if link["href"].split("?")[0].split("#")[0].endswith(page)]
    assert hits and "#" in hits[0]["href"], f"{query!r}: no result on {page}: {links[:5]}"
    href = hits[0]["href"]
    marked = box.page.evaluate("""(href) => [...document.querySelectorAll('.md-search-result__item a[href]')]
        .filter(a => a.href === href).flatMap(a => [...a.querySelectorAll('mark')]).map(m => m.textContent)""", href)
    assert "".join(marked).replace(" ", "") and "".join(marked) in query, f"the match is marked: {marked}"
    box.target.goto(href, wait_until="commit")
    box.target.wait_for_load_state("domcontentloaded")
    found = box.target.evaluate(ENTRY_TARGET, href.partition("#")[2])
    assert found and kind in found["kind"] and query[:6] in found["text"], (href, found)
