"""Tables and lists kept as blocks, not numbered as paragraphs (structure.yml `tables`, and
`lists` with `numbered: false` / `wraps: true`; scripts/editkit/blocks.py).

tests/data/tables_lists/ is an invented report in the shape pdftotext's default mode gives:
hard-wrapped lines, a list whose items (a)–(c) run over several lines, and a table whose
cells come out one a line, column after column, between empty lines. Its real site is built
here (the CLI, then MkDocs --strict) and read as a reader and their tools meet it: the HTML,
the TEI through jing, the search box in chromium.

What the source holds, read by hand from source/report.txt:
  p1 lines 3–6, p2 line 7, the list `rules` (items lines 8–9, 10–11, 12), p3 line 13,
  the table `opening-hours` (caption line 15; header cells lines 17, 23, 29; three rows of
  cells below each, lines 19–21, 25–27, 31–33), p4 lines 37–38.
"""

import hashlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ENV, ROOT, TEI_NS, TEI_RNG, build_edition_site, run_cli, tables_in_source_order
from lxml import etree
from lxml import html as lhtml
from test_accessibility import SCHEMES, VIEWPORTS, axe, load, new_page, report
from test_nothing_lost import flatten
from test_tei import source_from_tei

sys.path.insert(0, str(ROOT / "scripts"))
from editkit.anchors import number  # noqa: E402
from editkit.blocks import item_ids  # noqa: E402
from editkit.breaks import assemble  # noqa: E402
from editkit.structure import Layout  # noqa: E402

DATA = ROOT / "tests" / "data" / "tables_lists"
SOURCE = DATA / "source" / "report.txt"

CAPTION = "表一　各分館的夜間開放時數"
HEADER = ["分館", "每週夜數", "閉館時間"]
ROWS = [["東灣分館", "2", "21:00"], ["北岸分館", "3", "21:30"], ["西嶼分館", "1", "20:30"]]  # 份 emended to 分
READING_ORDER = ["p1", "p2", "rules", "rules-1", "rules-2", "rules-3", "p3", "opening-hours", "p4"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tables")
    docs, site = build_edition_site(DATA, tmp)
    return docs, site


@pytest.fixture(scope="module")
def text_page(built):
    return lhtml.parse(str(built[1] / "text.html")).getroot()


def texts(nodes):
    return ["".join(n.itertext()).strip() for n in nodes]


# ----------------------------------------------------------------------------- the text page

def test_the_table_is_one_html_table_with_its_caption_header_and_cells(text_page):
    [figure] = text_page.xpath("//figure[@id='opening-hours']")
    [table] = figure.xpath(".//table")
    assert "".join(figure.xpath("./figcaption")[0].itertext()).strip().startswith(CAPTION)
    assert table.get("aria-labelledby") == figure.xpath("./figcaption/@id")[0]
    assert texts(table.xpath("./thead/tr/th")) == HEADER
    assert [t.get("scope") for t in table.xpath("./thead/tr/th")] == ["col"] * 3
    body = [[c for c in texts(tr.xpath("./td"))] for tr in table.xpath("./tbody/tr")]
    assert [[c.replace("校", "") for c in row] for row in body] == ROWS  # 校: the emendation's marker


def test_no_paragraph_number_on_the_table_or_the_list(text_page):
    for block in text_page.xpath("//figure[@id='opening-hours'] | //div[@id='rules']"):
        assert not block.xpath(".//*[contains(concat(' ',@class,' '),' pnum ')]")
        ids = block.xpath(".//@id") + [block.get("id")]
        assert not [i for i in ids if i[:1] == "p" and i[1:].isdigit()], ids


def test_numbering_continues_across_the_blocks(text_page):
    wanted = set(READING_ORDER)
    order = [i for i in text_page.xpath("//article//@id") if i in wanted]
    assert order == READING_ORDER
    numbers = texts(text_page.xpath("//article//*[contains(concat(' ',@class,' '),' pnum ')]"))
    assert numbers == ["1", "2", "3", "4"]


def test_the_list_items_are_whole_and_addressable(text_page):
    items = text_page.xpath("//div[@id='rules']//li")
    assert len(items) == 3
    assert [li.xpath(".//p/@id")[0] for li in items] == ["rules-1", "rules-2", "rules-3"]
    # each item's wrapped lines are one item: its last words are in it
    assert texts(items)[0].endswith("志工不得單獨處理借閱以外的事務；")
    assert texts(items)[1].startswith("(b) 志工的保險費用") and texts(items)[1].endswith("公告於館內；")


def test_the_text_page_gives_back_the_source(text_page):
    """Nothing lost: the article, its editorial layer removed, is the source; a table's cells
    come back in source-line order (data-line), whatever order the page shows them in."""
    article = text_page.find_class("md-content__inner")[0]
    for xpath in ("//h1", "//*[contains(@class,'supplied-note')]", "//*[contains(@class,'pnum')]",
                  "//*[contains(@class,'ed-mark')]", "//form[contains(@class,'reading-controls')]",
                  "//*[contains(@class,'headerlink')]"):
        for el in article.xpath("." + xpath):
            el.drop_tree()
    for el in article.xpath(".//*[contains(concat(' ',@class,' '),' emendation ')]"):
        original, tail = el.get("data-original"), el.tail
        el.clear()
        el.text, el.tail = original, tail
    tables_in_source_order(article)
    text = "".join(t for t in article.itertext() if t.strip() or "\n" not in t).replace("\n", "")
    assert text == flatten(SOURCE.read_text(encoding="utf-8"))


def test_the_source_page_keeps_the_lines_as_they_are(built):
    page = lhtml.parse(str(built[1] / "source.html")).getroot()
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    shown = texts(page.xpath("//li[@class='src-line']/span[@class='src-line__text']"))
    assert shown == [line.strip() for line in lines]
    assert page.xpath("//li[@id='L20']/span[@class='src-line__where']/a/@href")[0] == "text.html#opening-hours-r3c1"


# ----------------------------------------------------------------------------- the TEI

@pytest.fixture(scope="module")
def tei(built):
    return built[0] / "downloads" / "edition.tei.xml"


def test_the_tei_has_the_table_and_the_list(tei):
    ns = TEI_NS
    tree = etree.parse(str(tei))
    [table] = tree.xpath("//t:table[@xml:id='opening-hours']", namespaces=ns)
    assert (table.get("rows"), table.get("cols")) == ("4", "3")
    assert "".join(table.xpath("./t:head", namespaces=ns)[0].itertext()) == CAPTION
    rows = table.xpath("./t:row", namespaces=ns)
    assert rows[0].get("role") == "label" and rows[1].get("role") is None

    def reading(cell):  # the edition's reading: <corr>, not <sic>
        return "".join(t for t in cell.xpath(".//text()[not(ancestor::t:sic)]", namespaces=ns))

    assert [[reading(c) for c in r.xpath("./t:cell", namespaces=ns)] for r in rows] == [HEADER, *ROWS]
    items = tree.xpath("//t:list[@xml:id='rules']/t:item", namespaces=ns)
    assert [i.get("{http://www.w3.org/XML/1998/namespace}id") for i in items] == ["rules-1", "rules-2", "rules-3"]
    assert all(i.get("n") is None for i in items)
    assert [p.get("n") for p in tree.xpath("//t:body//t:p[@n]", namespaces=ns)] == ["1", "2", "3", "4"]


def test_the_source_comes_back_from_the_tei(tei):
    lines = source_from_tei(etree.parse(str(tei)))
    source = SOURCE.read_text(encoding="utf-8").split("\n")
    assert sorted(lines) == list(range(1, len(source) + 1))
    assert ["".join(lines[n]) for n in range(1, len(source) + 1)] == source


# ----------------------------------------------------------------------------- search

def test_search_finds_a_cell_in_its_table(built, browser):
    from browsing import search
    site = built[1]
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        search(page, "西嶼分館", site)
        link = page.wait_for_selector(".md-search-result__item a[href*='text.html'][href$='#opening-hours']",
                                      timeout=20000)
        href = link.evaluate("a => a.href")
        page.goto(href)
        assert "西嶼分館" in page.locator("#opening-hours").inner_text()
    finally:
        page.close()


def test_a_list_item_is_cited_by_its_own_address(built, browser):
    """The items take no paragraph number but are addressable: the cite panel of (b) names
    the edition at text.html#rules-2."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((built[1] / "text.html").as_uri())
        page.locator("#rules-2 > .cite-btn").click()
        panel = page.locator(".cite-panel")
        panel.first.wait_for(state="visible")
        assert "text.html#rules-2" in panel.first.inner_text()
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_table_and_the_list_have_no_axe_violations(built, browser, scheme):
    """axe-core over the text page (as test_accessibility does for the article), both schemes."""
    from browsing import node_module, serve
    source = node_module("axe-core/axe.min.js").read_text(encoding="utf-8")
    with serve(built[1]) as base:
        page = new_page(browser, scheme, VIEWPORTS["desktop"])
        try:
            load(page, base + "text.html", scheme)
            assert page.locator("#opening-hours table").count() == 1
            violations = axe(page, source)
        finally:
            page.context.close()
    assert not violations, report(violations)


# ----------------------------------------------------------------------------- bad specs

@pytest.mark.parametrize("spec, said", [
    ("  - from: '^表九'\n    to: '^20:30$'\n    columns: 3\n",
     "table table-2: `from` pattern '^表九' matches no line of the source — "),
    ("  - lines: [19, 33]\n    columns: 4\n",
     "table table-2 (source lines 19–33) overlaps table opening-hours — "),
    ("  - id: rules-again\n    lines: [8, 12]\n    columns: 1\n",
     "table rules-again (source lines 8–12) overlaps list rules (line 8) — "),
])
def test_a_bad_table_spec_is_one_clear_line(tmp_path, spec, said):
    edition = tmp_path / "edition"
    shutil.copytree(DATA, edition)
    structure = edition / "structure.yml"
    before = structure.read_text(encoding="utf-8")
    structure.write_text(before + spec, encoding="utf-8")
    entry_line = before.count("\n") + 1
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {structure}:{entry_line}: {said}"), line


def test_every_bad_block_spec_at_once(tmp_path):
    """A table pattern that matches nothing and a list pattern that matches nothing: both named."""
    edition = tmp_path / "edition"
    shutil.copytree(DATA, edition)
    structure = edition / "structure.yml"
    text = structure.read_text(encoding="utf-8").replace("from: '^表一'", "from: '^表九'")
    structure.write_text(text.replace(r"match: '^\([a-h]\) '", "match: '^（甲）'"), encoding="utf-8")
    result = run_cli("check", edition, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert "table opening-hours: `from` pattern '^表九' matches no line" in lines[0]
    assert "list rules: pattern '^（甲）' matches no line of the source" in lines[1]


def test_cells_that_do_not_fill_the_columns_are_named(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(DATA, edition)
    structure = edition / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").replace("columns: 3", "columns: 5"), encoding="utf-8")
    result = run_cli("build", edition, tmp_path / "docs", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert str(structure) in line and "table opening-hours (source lines 15–33): 12 cells do not fill rows of 5" in line


# ----------------------------------------------------------------------------- pure functions

def classify(text, structure):
    return Layout(structure, "structure.yml").classify(text)


def test_cells_in_row_order():
    text = "表\n\nA\nB\nC\nD\n\n後文"
    lines = classify(text, {"tables": [{"lines": [1, 6], "caption": True, "columns": 2, "order": "rows",
                                        "header": 1}]})
    assert [(line.role, line.cell) for line in lines[:6]] == [
        ("caption", ()), ("blank", ()), ("cell", (1, 1, True)), ("cell", (1, 2, True)),
        ("cell", (2, 1, False)), ("cell", (2, 2, False))]
    assert lines[7].role == "body"


def test_a_list_that_wraps_in_a_source_without_a_wrap_policy():
    """`wraps: true`: an item's next lines join it (a Latin join keeps its space); an empty line
    ends the list; the items take ids of their own, not paragraph numbers."""
    text = "(a) first item that\nruns on\n(b) second\n\nA paragraph."
    structure = {"lists": [{"match": r"^\([a-h]\) ", "id": "terms", "numbered": False, "wraps": True}]}
    layout = Layout(structure, "structure.yml")
    blocks, _ = assemble(layout.classify(text), {}, layout)
    item_ids(blocks, layout.unnumbered_lists)
    number(blocks)
    assert [(b.kind, b.source, b.lines, b.id, b.n) for b in blocks] == [
        ("item", "(a) first item that runs on", [1, 2], "terms-1", 0), ("item", "(b) second", [3], "terms-2", 0),
        ("paragraph", "A paragraph.", [5], "p1", 1)]


# ----------------------------------------------------------------------------- pdftotext -layout

# The same table as `pdftotext -layout` prints it: a row a line, columns apart by runs of
# spaces, the rows indented, one with trailing spaces.
LAYOUT = ["表一　各分館的夜間開放時數", "", "  分館        每週夜數    閉館時間", "  東灣分館    2           21:00   ",
          "  北岸份館    3           21:30", "  西嶼分館    1           20:30"]


def layout_edition(tmp):
    """tests/data/tables_lists with its table (source lines 15–33) as -layout gives it."""
    edition = tmp / "edition"
    shutil.copytree(DATA, edition)
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[:14] + LAYOUT + lines[33:])
    (edition / "source" / "report.txt").write_text(text, encoding="utf-8")
    meta = edition / "edition.yml"
    meta.write_text(re.sub(r"sha256: \w+", "sha256: " + hashlib.sha256(text.encode("utf-8")).hexdigest(),
                           meta.read_text(encoding="utf-8")), encoding="utf-8")
    structure = edition / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").replace("    order: columns\n", "    split: '\\s{2,}'\n")
                         .replace("to: '^20:30$'", "to: '20:30$'"), encoding="utf-8")
    return edition, text


@pytest.fixture(scope="module")
def layout_built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layout")
    edition, text = layout_edition(tmp)
    docs, site = tmp / "docs", tmp / "site"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    result = run_cli("build", edition, docs, cwd=tmp)
    assert result.returncode == 0, result.stderr
    made = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT,
                          env={**ENV, "EDITION_DIR": str(edition), "DOCS_DIR": str(docs)},
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return docs, site, text


def test_layout_rows_are_cut_into_their_cells(layout_built):
    page = lhtml.parse(str(layout_built[1] / "text.html")).getroot()
    [table] = page.xpath("//figure[@id='opening-hours']//table")
    assert texts(table.xpath("./thead/tr/th")) == HEADER
    body = [[c.replace("校", "") for c in texts(tr.xpath("./td"))] for tr in table.xpath("./tbody/tr")]
    assert body == ROWS
    assert table.xpath("./thead/tr/th/@data-at") == ["0", "10", "18"]


def test_layout_table_gives_back_the_source(layout_built):
    """From the HTML: each line from its cells, placed where they stand in it (the model keeps a
    line's words, not its trailing spaces, as for every paragraph); from the TEI: character for
    character."""
    docs, site, text = layout_built
    page = lhtml.parse(str(site / "text.html")).getroot()
    article = page.find_class("md-content__inner")[0]
    for el in article.xpath(".//*[contains(concat(' ',@class,' '),' emendation ')]"):
        original, tail = el.get("data-original"), el.tail
        el.clear()
        el.text, el.tail = original, tail
    for el in article.xpath(".//*[contains(@class,'ed-mark')]"):
        el.drop_tree()
    rebuilt = {}
    for cell in article.xpath(".//figure//*[@data-line]"):
        line = rebuilt.setdefault(int(cell.get("data-line")), "")
        at = int(cell.get("data-at") or 0)
        rebuilt[int(cell.get("data-line"))] = line + " " * (at - len(line)) + "".join(cell.itertext())
    source = text.split("\n")
    assert rebuilt == {n: source[n - 1].strip() for n in range(15, 21) if source[n - 1].strip()}
    assert subprocess.run(["jing", str(TEI_RNG), str(docs / "downloads" / "edition.tei.xml")],
                          capture_output=True).returncode == 0
    lines = source_from_tei(etree.parse(str(docs / "downloads" / "edition.tei.xml")))
    assert ["".join(lines[n]) for n in range(1, len(source) + 1)] == source


def test_a_row_that_does_not_split_into_the_columns_is_named(tmp_path):
    edition, _ = layout_edition(tmp_path)
    structure = edition / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").replace("split: '\\s{2,}'", "split: '\\s{5,}'"),
                         encoding="utf-8")
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {structure}:")
    assert "table opening-hours (source lines 15–20): source line 17 splits into 2 cells, not 3 — " in line


def test_the_text_page_is_valid_html(built):
    """The table and the list as the Nu Html Checker reads them (vnu-jar, as test_html_valid)."""
    from test_html_valid import allowed, is_problem, nu_messages
    messages = nu_messages(built[1] / "text.html")
    assert any(allowed(m) for m in messages), "vnu read the page (Material's two known messages)"
    problems = [m for m in messages if is_problem(m) and not allowed(m)]
    assert not problems, problems


# ----------------------------------------------------------------------------- init drafts them

def init(source, folder, cwd):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "edition.py"), "init", str(source), str(folder)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=ENV, timeout=60)


def test_init_drafts_a_table_it_sees_and_check_asks_for_its_columns(tmp_path):
    """Default mode: init finds the run of short cells (and its caption), drafts it with
    `columns: null`, and check lists that beside the other open points; the column of small
    numbers is not taken for page numbers."""
    folder = tmp_path / "new"
    result = init(SOURCE, folder, tmp_path)
    assert result.returncode == 0, result.stderr
    structure = yaml.safe_load((folder / "structure.yml").read_text(encoding="utf-8"))
    assert structure["tables"] == [{"lines": [15, 33], "caption": True, "columns": None, "order": "columns"}]
    assert "furniture" not in structure
    checked = run_cli("check", folder, cwd=tmp_path)
    lines = checked.stderr.splitlines()
    assert any("edition.yml" in line for line in lines), "the other open points are listed too"
    [table] = [line for line in lines if "structure.yml" in line]
    assert "table table-1 (source lines 15–33): `columns` is not given yet — " in table


def test_init_drafts_a_layout_table_whole(tmp_path):
    edition, text = layout_edition(tmp_path)
    folder = tmp_path / "new"
    assert init(edition / "source" / "report.txt", folder, tmp_path).returncode == 0
    structure = yaml.safe_load((folder / "structure.yml").read_text(encoding="utf-8"))
    assert structure["tables"] == [{"lines": [15, 20], "caption": True, "columns": 3, "split": r"\s{2,}"}]
    checked = run_cli("check", folder, cwd=tmp_path)
    assert not [line for line in checked.stderr.splitlines() if "structure.yml" in line], checked.stderr


def test_a_tables_cells_are_never_read_as_notes():
    """A cell holding a small number is not a note's number line, and a note's text that runs
    down the page does not take the table's lines."""
    text = "正文1。\n1\n注文\n\n表\n\n甲\n2\n乙\n3"
    structure = {"notes": {"marker": r"(?<=文)([1-9])", "number": r"^([1-9])$"},
                 "tables": [{"lines": [5, 10], "caption": True, "columns": 2, "order": "rows"}]}
    roles = [(line.role, line.group) for line in classify(text, structure)]
    assert roles[2] == ("note", "1")
    assert roles[4:] == [("caption", "table-1"), ("blank", ""), ("cell", "table-1"), ("cell", "table-1"),
                         ("cell", "table-1"), ("cell", "table-1")]
