"""What the text page fetches before its first paint (issue 9: Lighthouse performance).

The first paint waits for the page's head: its stylesheets and its scripts. What no reader
needs to see the text is fetched later (overrides/main.html, mkdocs.yml `extra.after_paint`):

* cite.js and reading.js are requested only after the first contentful paint, and still
  start on a reader who does something before they came (cite.js's buttons, reading.js's
  switch);
* the iframe-worker shim is not in the head: over http no page fetches it; from file://
  search.js loads it when search opens, and search works (test_search_browser also runs
  every query kind from file://);
* the print stylesheet is linked with media="print", which a screen does not wait for.

Orders are compared (a request's start against the paint), never durations.
"""

from __future__ import annotations

from lxml import html as lhtml

AFTER_PAINT = ("assets/javascripts/cite.js", "assets/javascripts/reading.js")
SHIM = "assets/vendor/iframe-worker/shim.js"

# the first contentful paint, and each resource's request start, from the page's own timeline
TIMELINE = """() => new Promise(done => {
  const read = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const loaded = performance.getEntriesByType('resource').map(e => [e.name, e.startTime]);
    if (fcp && loaded.some(([name]) => name.endsWith('reading.js'))) done({fcp: fcp.startTime, loaded});
    else setTimeout(read, 50);
  };
  read();
})"""


def test_the_head_holds_no_script_file_and_print_css_waits_for_no_screen(site):
    head = lhtml.parse(str(site / "text.html")).getroot().find("head")
    scripts = [s.get("src") for s in head.iter("script") if s.get("src")]
    assert scripts == [], scripts
    # search.js comes just before Material's bundle, which takes its stand-in worker
    tail = [s.get("src") for s in lhtml.parse(str(site / "text.html")).getroot().find("body").iter("script")
            if s.get("src")]
    assert tail[0] == "assets/javascripts/search.js" and "/bundle." in tail[1], tail
    sheets = {link.get("href"): link.get("media") for link in head.iter("link") if link.get("rel") == "stylesheet"}
    assert sheets["assets/stylesheets/print.css"] == "print"
    assert "assets/stylesheets/edition.css" in sheets and sheets["assets/stylesheets/edition.css"] is None
    body = lhtml.parse(str(site / "text.html")).getroot().find("body")
    assert not [s.get("src") for s in body.iter("script") if s.get("src", "").endswith(AFTER_PAINT)], \
        "cite.js and reading.js are not script tags of the page: the page fetches them after its first paint"


def test_cite_and_reading_are_fetched_after_the_first_paint_and_the_shim_not_at_all(http_base, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(http_base + "text.html")
    timeline = page.evaluate(TIMELINE)
    started = {name.removeprefix(http_base): t for name, t in timeline["loaded"]}
    interacted = page.evaluate("() => document.documentElement.hasAttribute('data-interacted')")
    for name in AFTER_PAINT:
        # (an event the page took for the reader's, e.g. a pointer the browser moved, also fetches them)
        assert started[name] > timeline["fcp"], (name, started[name], timeline["fcp"], f"interacted: {interacted}")
    assert SHIM not in started
    # they work: reading.js marks the first occurrences, cite.js starts at the reader's first move
    page.wait_for_selector("article a.term[data-first]", state="attached")
    page.mouse.move(5, 5)
    page.wait_for_selector("#p12 > button.cite-btn[aria-controls]", state="attached")
    context.close()


def test_a_reader_who_acts_before_cite_js_came_finds_the_buttons_working(http_base, browser):
    """The reader's first event comes before the scripts (here: before the page has loaded):
    the page fetches them at once, and cite.js, which waits for that event, starts anyway."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(http_base + "text.html", wait_until="commit")
    page.wait_for_selector("#p12", state="attached")
    page.mouse.move(5, 5)
    page.mouse.move(300, 300)
    page.wait_for_selector("#p12 > button.cite-btn[aria-controls]", state="attached")
    assert page.evaluate("() => document.documentElement.hasAttribute('data-interacted')")
    context.close()


def test_a_tap_on_a_cite_button_before_cite_js_came_opens_its_panel(http_base, browser):
    """The first tap is not lost: cite.js is held back (routed with a delay) while the reader taps
    引用 on paragraph 12 at once; when cite.js has started, the tap is given to it and the panel
    for that paragraph opens."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    release = []

    def hold(route):
        release.append(route)

    page.route("**/assets/javascripts/cite.js", hold)
    page.goto(http_base + "text.html", wait_until="domcontentloaded")
    page.click("#p12 > button.cite-btn")
    page.wait_for_timeout(300)  # the tap has happened; cite.js is still held
    assert release, "the tap fetched cite.js"
    assert not page.evaluate("() => !!document.querySelector('#p12 > button.cite-btn[aria-controls]')")
    release[0].continue_()
    page.wait_for_selector("#p12 > button.cite-btn[aria-expanded='true']")
    panel = page.locator("#" + page.get_attribute("#p12 > button.cite-btn", "aria-controls"))
    panel.wait_for(state="visible")
    assert "12" in panel.inner_text()
    context.close()


def test_a_term_reached_by_the_keyboard_before_reading_js_came_shows_its_gloss(http_base, browser):
    """reading.js is held back while the reader tabs onto a glossary term (the key fetches it);
    when it has started, the term that has the keyboard's focus shows its gloss, as it would
    have had the script been there."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    release = []
    page.route("**/assets/javascripts/reading.js", lambda route: release.append(route))
    page.goto(http_base + "text.html", wait_until="domcontentloaded")
    term = page.locator("#abstract-zh a.term").first
    page.keyboard.press("Shift")  # a key: the reader is on the keyboard
    term.focus()
    page.wait_for_timeout(300)
    assert release, "the first key fetched reading.js"
    assert page.evaluate("() => !document.getElementById('reading-popover')")
    release[0].continue_()
    popover = page.locator("#reading-popover")
    popover.wait_for(state="visible")
    assert term.get_attribute("aria-describedby") == "reading-popover"
    context.close()


def test_from_disk_the_shim_comes_when_search_opens(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((site / "text.html").resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert not [u for u in requested if u.endswith(SHIM)], "no page fetches the shim before search opens"
    page.click(".md-search__input")
    page.keyboard.insert_text("蒲亭")  # the query arrives as one input (as from an IME)…
    page.keyboard.press("End")         # …and its keystroke sends it, however soon the worker was ready
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    assert [u for u in requested if u.endswith(SHIM)], "from file:// search runs its worker through the shim"
    context.close()


def test_material_starts_on_a_page_already_styled_for_it_and_its_palette_still_works(http_base, browser):
    """overrides/main.html sets what Material's bundle sets as it starts (<html class="js">, the
    palette's no-transition mark) before anything is styled, so that its start restyles nothing.
    Held back here: before the bundle runs the page is already so; once it has run, Material
    has taken the mark away again (transitions are back) and its light/dark toggle switches."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto(http_base + "text.html", wait_until="commit")
    page.wait_for_selector("#p12", state="attached")
    page.wait_for_function("() => document.readyState === 'interactive'")  # parsed; the bundle still held
    assert held
    before = page.evaluate("""() => [document.documentElement.className,
                                     document.body.hasAttribute('data-md-color-switching')]""")
    assert before == ["js", True], before
    held[0].continue_()
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "default"
    page.click("label[for='__palette_1']")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    context.close()


def test_without_scripts_the_page_keeps_material_no_js_styles(http_base, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(http_base + "text.html")
    assert page.locator("html.no-js").count() == 1 and page.locator("html.js").count() == 0
    assert page.locator("body[data-md-color-switching]").count() == 0
    assert not page.locator("#p12 > button.cite-btn").is_visible()  # cite needs its script: hidden
    context.close()
