"""Reading the edition as a reader does, in chromium, at a desk (1280 × 900) and on a phone
(390 × 844, touch emulated), light and dark.

What is checked, against data read independently of the code that renders it (the source
file, downloads/paragraphs.json, downloads/glossary.json, edition/emendations.yml):
the face the text is set in; glossary links once per section and the reader's switch,
remembered from disk; glosses and interventions as popovers on focus and touch, in the
passage's language; the marks reachable by keyboard; lost-note marks of their own; the
diplomatic view equal to the source line by line; the apparatus' filters and links both
ways; the source page; no horizontal overflow on a phone; no layout shift on a first touch.
"""

import json
import re

import pytest
import yaml
from browsing import pages
from conftest import EDITION, SOURCE
from lxml import html as lhtml

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCHEMES = {"light": "default", "dark": "slate"}
POPOVER = "#reading-popover"


def open_page(browser, url, viewport=DESKTOP, scheme="light", touch=False, context=None):
    if context is None:
        context = browser.new_context(viewport=viewport, color_scheme=scheme, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])
    return page


def source_lines():
    return SOURCE.read_text(encoding="utf-8").split("\n")


def paragraphs(site):
    return json.loads((site / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]


def glossary(site):
    return {e["id"]: e for e in json.loads((site / "downloads" / "glossary.json").read_text(encoding="utf-8"))}


def html(site, name):
    return lhtml.parse(str(site / name)).getroot()


def popover_text(page):
    pop = page.locator(POPOVER)
    pop.wait_for(state="visible")
    page.wait_for_function("(sel) => document.querySelector(sel).textContent !== '…'", arg=POPOVER)
    return pop.inner_text()


# --- type -----------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_text_is_set_in_a_traditional_chinese_face(site, http_base, browser, scheme):
    page = open_page(browser, http_base + "text.html", scheme=scheme)
    family = page.evaluate("() => getComputedStyle(document.querySelector('#p12')).fontFamily")
    assert family.startswith('"Noto Serif CJK TC"'), family
    ui = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert ui.startswith('"PingFang TC", "Noto Sans CJK TC"'), f"Material's own stack won on body: {ui}"
    # the font chromium actually drew the paragraph's characters with
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#p12"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    used = max(fonts, key=lambda f: f["glyphCount"])
    print(f"\n{scheme}: #p12 drawn in {used['familyName']} ({used['glyphCount']} glyphs); body stack {ui[:40]}…")
    assert used["familyName"] == "Noto Serif CJK TC", fonts
    page.context.close()


# --- glossary links: once per section, and the reader's switch -------------------------------------

def sections(root):
    """{section id: [term elements in reading order]} over the text page's article."""
    out, current = {}, "front"
    for el in root.xpath("//article//*[self::h2 or self::h3][@id] | //article//*[@data-term]"):
        if el.tag in ("h2", "h3"):
            current = el.get("id")
        else:
            out.setdefault(current, []).append(el)
    return out


def test_terms_are_linked_at_their_first_occurrence_in_each_section(site, browser):
    # the later occurrences are comments in the HTML: the page as reading.js makes their
    # marks, switched to all links and back to the first ones
    page = open_page(browser, (site / "text.html").as_uri())
    page.locator(".reading-controls input[value='all']").check()
    page.locator(".reading-controls input[value='first']").check()
    root = lhtml.fromstring(page.content())
    page.context.close()
    counts, occurrences = {}, 0
    for section, marks in sections(root).items():
        free = [m for m in marks if "term--inner" not in m.get("class")]
        links = [m for m in free if m.tag == "a"]
        linked = [m.get("data-term") for m in links]
        assert len(linked) == len(set(linked)), f"{section}: a term linked twice: {linked}"
        for term in {m.get("data-term") for m in free}:
            first = next(m for m in free if m.get("data-term") == term)
            inner_before = any(m.get("data-term") == term for m in marks[:marks.index(first)]
                               if "term--inner" in m.get("class"))
            assert first.tag == "a" or inner_before, f"{section}: {term} is not linked where it first occurs"
        for m in links:
            assert m.get("href") == f"glossary.html#{m.get('data-term')}"
        counts[section] = len(links)
        occurrences += len(free)
    print("\nglossary links per section: " + ", ".join(f"{s} {n}" for s, n in counts.items())
          + f"; {sum(counts.values())} links for {occurrences} marked occurrences")
    assert 0 < sum(counts.values()) < occurrences


def test_the_glossary_page_says_how_terms_are_linked(site):
    intro = html(site, "glossary.html").xpath("string(//article//h1/following-sibling::p[1])")
    assert "每一節首次出現處" in intro and "全部連結或不連結" in intro, intro


def test_the_glosses_are_not_in_the_text_page(site):
    text = (site / "text.html").read_text(encoding="utf-8")
    for entry in glossary(site).values():
        assert entry["gloss_zh"] not in text and entry["gloss_en"] not in text, entry["id"]
    assert "title=" not in re.sub(r'<a class="(ed-mark|mention)[^>]*>', "", text.split("<article")[1]).split(
        'class="footnote"')[0].replace('title="行首空格"', ""), "no gloss left in a title"


def test_the_readers_switch_links_all_first_or_no_terms_and_is_remembered_from_disk(site, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = open_page(browser, (site / "text.html").as_uri(), context=context)
    first = page.locator("article a.term").count()
    page.locator(".reading-controls input[value='all']").check()
    # every mark but one inside another (no link in a link) is a link
    free = page.locator("article [data-term]:not(.term--inner)").count()
    nested = page.locator("article [data-term] [data-term]:not(.term--inner)").count()
    assert 30 <= first < free - nested == page.locator("article a.term").count()
    page.locator(".reading-controls input[value='none']").check()
    assert page.locator("article a.term").count() == 0
    # another page of the site opened from disk, then the text again: still none
    page.goto((site / "about.html").as_uri())
    page.goto((site / "text.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.documentElement.dataset.terms === 'none'")
    assert page.locator("article a.term").count() == 0
    assert page.locator(".reading-controls input[value='none']").is_checked()
    page.locator(".reading-controls input[value='first']").check()
    assert page.locator("article a.term").count() == first
    context.close()


# --- popovers -------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
def test_glosses_pop_up_on_keyboard_focus_in_the_language_of_the_passage(site, http_base, browser, scheme):
    entries = glossary(site)
    page = open_page(browser, http_base + "text.html", scheme=scheme)
    loaded = "() => performance.getEntriesByType('resource').some(e => e.name.includes('glosses.js'))"
    assert not page.evaluate(loaded), "the glosses load with the page"
    for where, lang, field in (("#abstract-zh", "zh-Hant-TW", "gloss_zh"), ("#abstract-en", "en", "gloss_en")):
        term = page.locator(f"{where} a.term").first
        page.keyboard.press("Escape")
        term.focus()
        text = popover_text(page)
        entry = entries[term.get_attribute("data-term")]
        assert entry[field] in text, f"{where}: {text!r}"
        assert page.locator(POPOVER).get_attribute("lang") == lang
        assert page.locator(POPOVER).get_attribute("role") == "tooltip"
        assert term.get_attribute("aria-describedby") == "reading-popover"
    assert page.evaluate(loaded)
    page.keyboard.press("Escape")
    assert page.locator(POPOVER).is_hidden()
    page.context.close()


def test_glosses_and_interventions_pop_up_on_touch(site, http_base, browser):
    entries = glossary(site)
    page = open_page(browser, http_base + "text.html", viewport=PHONE, touch=True)
    term = page.locator("article p.para[id^='p'] a.term").first
    term.scroll_into_view_if_needed()
    term.tap()
    text = popover_text(page)
    assert entries[term.get_attribute("data-term")]["gloss_zh"] in text
    assert page.url.endswith("text.html"), "the first tap shows the gloss, it does not leave the page"
    term.tap()  # the second tap follows the link
    page.wait_for_url(re.compile(r"glossary\.html#"))
    page.goto(http_base + "text.html")
    page.wait_for_load_state("load")
    reading = page.locator("article .emendation[tabindex]").first
    reading.scroll_into_view_if_needed()
    reading.tap()
    shown = popover_text(page)
    assert reading.get_attribute("data-original") in shown and "校改" in shown
    page.context.close()


def emendation_reasons():
    return {e["original"]: e["reason"] for e in yaml.safe_load((EDITION / "emendations.yml").read_text(encoding="utf-8"))}


def test_every_intervention_is_reached_by_the_keyboard_and_says_why(site, http_base, browser):
    page = open_page(browser, http_base + "text.html")
    wanted = page.evaluate("""() => [...document.querySelectorAll(
        'article .emendation[tabindex], article .annotation[tabindex], article a.ed-mark')]
        .map((el, i) => (el.dataset.probe = String(i), String(i)))""")
    assert len(wanted) >= 20
    reached, told = set(), {}
    page.locator("body").focus()
    for _ in range(800):
        page.keyboard.press("Tab")
        probe = page.evaluate("() => document.activeElement && document.activeElement.dataset.probe")
        if probe is None:
            continue
        reached.add(probe)
        kind = page.evaluate("() => document.activeElement.className")
        if "deletion" in kind:
            told["deletion"] = popover_text(page)
        if len(reached) == len(wanted):
            break
    assert reached == set(wanted), f"{len(set(wanted) - reached)} marks not reached by Tab"
    # the deletion: a visible mark, its popover gives the source's reading and the reason
    deletion = page.locator("article .deletion").first
    box = deletion.bounding_box()
    assert box["width"] >= 4 and box["height"] >= 8, box
    original = deletion.get_attribute("data-original")
    assert original in told["deletion"] and emendation_reasons()[original] in told["deletion"]
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_interventions_look_different_from_glossary_links(site, http_base, browser, scheme):
    page = open_page(browser, http_base + "text.html", scheme=scheme)
    look = """(el) => { const s = getComputedStyle(el);
        return {border: s.borderBottomStyle + ' ' + s.borderBottomColor, deco: s.textDecorationStyle + ' ' + s.textDecorationColor,
                bg: s.backgroundColor}; }"""
    term = page.locator("article a.term").first.evaluate(look)
    inside = page.locator("article a.term .emendation").first  # an emendation inside a glossary link
    outside = page.locator("article .emendation[tabindex]").first
    for el in (inside, outside):
        mine = el.evaluate(look)
        assert mine["border"].startswith("solid") and mine["border"] != term["border"], (mine, term)
        assert mine["border"].split(" ", 1)[1] != term["deco"].split(" ", 1)[1], "the same colour as the link"
    assert term["deco"].startswith("dotted")
    page.context.close()


# --- lost notes -----------------------------------------------------------------------------

def test_lost_note_marks_are_the_editions_and_never_stack(site, http_base, browser):
    root = html(site, "text.html")
    refs = root.xpath("//a[contains(@class,'footnote-ref')]")
    assert len(refs) >= 10
    for ref in refs:
        assert re.fullmatch(r"〔注佚\d+〕", ref.text_content()), ref.text_content()
    page = open_page(browser, http_base + "text.html")
    overlaps = page.evaluate("""() => [...document.querySelectorAll('article sup[id^="fnref"]')].flatMap(sup => {
        const r = sup.getBoundingClientRect(), out = [];
        if (getComputedStyle(sup).verticalAlign !== 'baseline') out.push(sup.id + ' is raised');
        for (const other of sup.parentElement.querySelectorAll('a.ed-mark, sup[id^="fnref"], .deletion')) {
          if (other === sup) continue;
          const o = other.getBoundingClientRect();
          if (r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom) out.push(sup.id);
        }
        return out; })""")
    assert not overlaps, overlaps
    # ¶35: the 校 of an emendation and a lost note's mark at one place, side by side
    assert page.locator("#p35 a.ed-mark + sup[id^='fnref']").count() == 1
    page.context.close()


def test_lost_notes_keep_the_join_apart_from_the_guess_about_their_content(site):
    notes = [li.text_content() for li in html(site, "text.html").xpath("//div[contains(@class,'footnote')]//li")]
    assert len(notes) >= 10
    for note in notes:
        assert re.search(r"此判斷：(確定|推測)", note), note
        if "所引或為" in note:
            assert "注文內容無從得知" in note and "此屬推測" in note, note


# --- text and source ----------------------------------------------------------------------------

def test_every_paragraph_links_to_its_source_lines(site):
    root, src = html(site, "text.html"), html(site, "source.html")
    lines = source_lines()
    for p in paragraphs(site):
        link = root.xpath(f"//*[@id='{p['id']}']//a[contains(@class,'src-link')]")
        assert link, p["id"]
        first = min(p["source_lines"])
        assert link[0].get("href") == f"source.html#L{first}", p["id"]
        target = src.xpath(f"//*[@id='L{first}']//*[contains(@class,'src-line__text')]")[0].text_content()
        assert target.replace("·", " ") == lines[first - 1]
        assert link[0].text_content() == "", "the link's words are CSS, outside the paragraph's text"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_diplomatic_view_gives_the_source_line_by_line(site, browser, viewport):
    lines = source_lines()
    page = open_page(browser, (site / "text.html").as_uri(), viewport=DESKTOP if viewport == "desktop" else PHONE)
    page.locator(".reading-controls input[name='diplomatic']").check()
    expected = {p["id"]: [[n, lines[n - 1]] for n in p["source_lines"]] for p in paragraphs(site)}
    page.wait_for_function("(n) => document.querySelectorAll('article .diplomatic').length >= n", arg=len(expected))
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('article .para[id]')].map(b => {
        const box = b.tagName === 'LI' ? b.querySelector(':scope > .diplomatic') : b.nextElementSibling;
        return [b.id, [...box.querySelectorAll('li')].map(li => [Number(li.querySelector('a').textContent),
                                                              li.querySelector('.diplomatic__line').textContent,
                                                              li.querySelector('a').getAttribute('href')])]; }))""")
    for pid, rows in expected.items():
        assert [r[:2] for r in shown[pid]] == rows, pid
        assert all(r[2] == f"source.html#L{r[0]}" for r in shown[pid])
    covered = sorted(n for rows in expected.values() for n, _ in rows)
    print(f"\ndiplomatic view: {len(expected)} blocks, {len(covered)} source lines, equal line by line")
    # remembered: the next visit opens with it; switched off, it is gone
    page.goto((site / "text.html").as_uri())
    page.wait_for_function("(n) => document.querySelectorAll('article .diplomatic').length >= n", arg=len(expected))
    assert page.locator("article .diplomatic").first.is_visible()
    page.locator(".reading-controls input[name='diplomatic']").uncheck()
    assert page.evaluate("() => [...document.querySelectorAll('article .diplomatic')].every(d => !d.offsetParent)")
    page.context.close()


# --- the apparatus and the source page --------------------------------------------------------------

def test_apparatus_filters_by_kind_and_certainty(site, http_base, browser):
    page = open_page(browser, http_base + "apparatus.html", viewport=PHONE)
    entries = page.locator(".app-entry")
    total = entries.count()
    assert total >= 20
    visible = "(sel) => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).length"
    page.locator(".app-filters input[name='kind'][value='lost-note']").uncheck()
    assert page.evaluate(visible, ".app-entry[data-group='lost-note']") == 0
    shown = page.evaluate(visible, ".app-entry")
    assert shown == total - page.locator(".app-entry[data-group='lost-note']").count() > 0
    assert page.locator(".app-filters__status").inner_text() == f"顯示 {shown} / {total} 項"
    page.locator(".app-filters input[name='certainty'][value='conjectural']").uncheck()
    assert page.evaluate(visible, ".app-entry[data-certainty='conjectural']") == 0
    assert page.evaluate(visible, ".app-entry[data-certainty='certain']:not([data-group='lost-note'])") > 0
    page.context.close()


def test_apparatus_entries_link_to_paragraph_and_line_and_back(site):
    app, text, src = html(site, "apparatus.html"), html(site, "text.html"), html(site, "source.html")
    text_ids, src_ids = set(text.xpath("//@id")), set(src.xpath("//@id"))
    entries = app.xpath("//li[contains(@class,'app-entry')]")
    ids = {e.get("id") for e in entries}
    assert len(ids) == len(entries) >= 20
    for e in entries:
        hrefs = e.xpath(".//a/@href")
        assert any(h.startswith("text.html#") and h.split("#")[1] in text_ids for h in hrefs), e.get("id")
        assert any(h.startswith("source.html#") and h.split("#")[1] in src_ids for h in hrefs), e.get("id")
        assert e.text_content().strip(), "an entry a search result can land on has words"
    back = text.xpath("//a[starts-with(@href,'apparatus.html#')]/@href") + \
        src.xpath("//a[starts-with(@href,'apparatus.html#')]/@href")
    assert {h.split("#")[1] for h in back} == ids, "every entry is reached from the text or the source page"


def test_the_source_page_shows_every_line_with_marks_every_cjk_font_has(site):
    src = html(site, "source.html")
    assert "␠" not in (site / "source.html").read_text(encoding="utf-8")
    marks = "".join(el.text_content() for el in src.xpath("//*[contains(@class,'lead-space')]"))
    assert marks
    marks.encode("big5")  # in Big5, so in every Traditional-Chinese font
    lines = source_lines()
    rows = src.xpath("//li[contains(@class,'src-line')]")
    assert [r.get("id") for r in rows] == [f"L{n}" for n in range(1, len(lines) + 1)]
    for n, row in enumerate(rows, start=1):
        assert row.xpath(".//*[contains(@class,'src-line__text')]")[0].text_content().replace("·", " ") == lines[n - 1]


# --- the phone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_overflows_a_phone_screen(site, http_base, browser, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, has_touch=True, is_mobile=True)
    page = context.new_page()
    wide = {}
    for name in pages(site):
        page.goto(http_base + name)
        page.wait_for_load_state("load")
        over = page.evaluate("""() => {
            const w = document.documentElement.clientWidth, out = [];
            if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);
            for (const el of document.querySelectorAll('article *')) {
              const r = el.getBoundingClientRect();
              if (r.width && r.right > w + 0.5) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
              if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
                out.push('scrolls: ' + el.tagName + '.' + el.className);
            }
            return out.slice(0, 5); }""")
        if over:
            wide[name] = over
    context.close()
    assert not wide, wide


def test_a_first_touch_moves_nothing_of_the_reading_layer(site, http_base, browser):
    """The reading layer (switches in the page from the start, popovers laid over the text,
    never in its flow) moves nothing on a first touch; nor does cite.js, which starts on that
    touch (its 引用 buttons are in the page from the build; test_cite_browser opens its panel)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = open_page(browser, http_base + "text.html", context=context)
    page.evaluate("""() => { window.__shifts = [];
        new PerformanceObserver(l => l.getEntries().forEach(e => window.__shifts.push(e.value)))
          .observe({type: 'layout-shift', buffered: true}); }""")
    page.wait_for_timeout(500)
    before = page.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
    page.locator("#p3").scroll_into_view_if_needed()
    box = page.locator("#p3").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] - 8)  # the text
    page.wait_for_selector("#p3 > button.cite-btn[aria-controls]", state="attached")  # cite.js has started
    term = page.locator("article p.para[id^='p'] a.term").first
    term.scroll_into_view_if_needed()
    term.tap()  # a gloss
    popover_text(page)
    page.locator(".reading-controls input[value='all']").tap()  # the switch
    page.wait_for_timeout(1000)
    after = page.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
    print(f"\nlayout shift on a phone (reading layer): {before:.4f} at load, {after - before:.4f} after touches")
    assert before == 0 and after == 0, (before, after)
    context.close()
