"""The third real edition: editions/sac-106-pan-49, a judgment of the Supreme Administrative Court
(最高行政法院106年度判字第49號判決), a Chrome print of the Judicial Yuan's judgment system, extracted
from its PDF with pdftotext.

Built with the real CLI and MkDocs (EDITION_DIR and DOCS_DIR pick the edition, in a temporary
folder). The expectations are the surveyor's reading of the extraction, in
editions/sac-106-pan-49/DAMAGE.md, not the build's output: which lines are running heads and feet,
page numbers and margin line numbers, which paragraphs a page break cut, where the wrap split a number.
"""

import hashlib
import json
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, TEI_NS, edition_fixtures, run_cli, tables_in_source_order
from lxml import etree
from lxml import html as lhtml

sys.path.insert(0, str(ROOT / "scripts"))
from editkit.search_index import read_data_script  # noqa: E402

EDITION = ROOT / "editions" / "sac-106-pan-49"
SOURCE = EDITION / "source" / "sac-106-pan-49.txt"
PDF = EDITION / "source" / "sac-106-pan-49.pdf"

# DAMAGE.md, Summary and Page furniture
PAGE_NUMBER_LINES = [107, 231, 355, 479, 603, 727, 851, 940]  # 1/8 … 8/8
PAGE_STARTS = [1, 109, 233, 357, 481, 605, 729, 853]  # each page's first line: the date of printing
RUNNING_HEADS = {"2025/11/16": 0, "晚上10:18": 2, "最高行政法院 106 年度判字第 49 號判決": 4}  # offset from the page start
RUNNING_FEET = {"判": [103, 227, 351, 475, 599, 723, 847, 936],
                "address": [105, 229, 353, 477, 601, 725, 849, 938]}
PAGE_ONE_HEADER = {7: "司法院裁判書系統", 8: "列印時間：114.11.16 22:18"}
# The court's margin line numbers 1 … 310; lines holding only a number that are not margin numbers:
DATE_DIGIT_LINES = [881, 890, 909, 911]  # the month 1 and the day 25 of the two dates at the end
MARGIN_LIKE_DATES = {15: "1", 77: "25"}  # the margin numbers 1 and 25: only their place in the count tells them
# DAMAGE.md: the seven paragraphs a page break cut, (last line before, first line after)
CUT_BY_PAGES = [(98, 115), (220, 239), (344, 363), (468, 487), (592, 611), (716, 735), (840, 859)]
HEADINGS = ["最 高 行 政 法 院 判 決", "主 文", "理 由", "相關法條"]
PARAGRAPHS = 33
# DAMAGE.md's 295, less the two joins into the margin numbers 1 (15 → 16) and 25 (73 → 77 → 79), less the
# 21 joins of the signature block when it was 8 paragraphs (its 29 lines of text: 876–882, 888, 890, 892,
# 894–904, 906–911, 917, 919), now a table
JOINS = 272
# DAMAGE.md, Tables: the signature block, source lines 876–919, the court's printed lines 300–309, read
# from the source by hand (a cell of several lines joined: 中/華/民/國/106 年/1; "" an empty cell)
SIGNATURES = "signatures"
SIGNATURE_RUN = (876, 919)
SIGNATURE_ROWS = [  # (printed line, [cells: left, middle, right]), each cell its source lines
    (300, [(876, 877, 878, 879, 880, 881), (888,), (890, 892)]),
    (301, [(882,), (), ()]),
    (302, [(), (894,), ()]),
    (303, [(), (895,), ()]),
    (304, [(), (896,), ()]),
    (305, [(897,), (), (906,)]),
    (306, [(898,), (), (907,)]),
    (307, [(899,), (), (908,)]),
    (308, [(900, 901, 902, 903, 904), (909, 910, 911), (917,)]),
    (309, [(), (919,), ()]),
]
SIGNATURE_TEXT = [
    ["中華民國106 年1", "月", "25日"], ["最高行政法院第二庭", "", ""], ["", "審判長法官 侯 東 昇", ""],
    ["", "法官 林 樹 埔", ""], ["", "法官 江 幸 垠", ""], ["法官", "", "沈 應 南"], ["法官", "", "楊 得 君"],
    ["以 上 正 本 證 明 與 原 本", "", "無 異"], ["中華民國106 年", "1月25", "日"], ["", "書記官 吳 玫 瑩", ""]]
# Numbers the wrap split over two lines: the join must not leave a space inside them
SPLIT_NUMBERS = {(199, 200): "財政部100年5月6日函", (217, 218): "第10條之2", (431, 432): "第810號"}
JUDGMENT_DATE = "2017-01-25"  # ORIGIN.md: source line 11 裁判日期：民國 106 年 01 月 25 日 (ROC 106 = 2017)


def source_lines():
    return SOURCE.read_text(encoding="utf-8").split("\n")


def margin_number_lines():
    """The lines that hold only a margin number and are set aside: every number-only line but the dates'."""
    return [n for n, line in enumerate(source_lines(), start=1)
            if line.strip().isdigit() and n not in DATE_DIGIT_LINES]


def furniture_lines():
    lines = source_lines()
    heads = [start + offset for start in PAGE_STARTS for offset in RUNNING_HEADS.values()]
    for text, offset in RUNNING_HEADS.items():
        assert all(lines[start + offset - 1].strip() == text for start in PAGE_STARTS), text
    return sorted({*PAGE_NUMBER_LINES, *heads, *RUNNING_FEET["判"], *RUNNING_FEET["address"], *PAGE_ONE_HEADER,
                   *margin_number_lines()})


sac, text_page, paragraphs = edition_fixtures(EDITION, "sac")


def test_the_extraction_is_reproducible_from_the_kept_pdf(tmp_path):
    """ORIGIN.md's command, run again on the committed PDF, writes the committed source byte for byte."""
    assert shutil.which("pdftotext"), "pdftotext is missing: `make debian` installs poppler-utils"
    sums = dict(reversed(line.split("  ")) for line in (EDITION / "source" / "SHA256SUMS").read_text().splitlines())
    assert hashlib.sha256(PDF.read_bytes()).hexdigest() == sums["sac-106-pan-49.pdf"]
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == sums["sac-106-pan-49.txt"]
    shutil.copy(PDF, tmp_path / PDF.name)
    subprocess.run(["pdftotext", PDF.name, "out.txt"], cwd=tmp_path, check=True)
    assert (tmp_path / "out.txt").read_bytes() == SOURCE.read_bytes()


def test_check_passes_with_the_decisions_written_by_hand(tmp_path):
    """Four break decisions (breaks.yml) and two annotations (emendations.yml): the rest is the
    policy's. No emendation is left that only undoes the code (margin numbers, spaces in numbers)."""
    result = run_cli("check", EDITION, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {PARAGRAPHS} paragraphs, 6 decisions"
    entries = yaml.safe_load((EDITION / "emendations.yml").read_text(encoding="utf-8"))
    assert [e.get("type") for e in entries] == ["annotation", "annotation"]


def test_numbering_follows_the_lock_and_the_survey(text_page):
    lock = json.loads((EDITION / "anchors.lock.json").read_text(encoding="utf-8"))
    ids = [p.get("id") for p in text_page.xpath("//*[contains(concat(' ',@class,' '),' para ')]")]
    assert ids == [e["id"] for e in lock["paragraphs"]] == [f"p{n}" for n in range(1, PARAGRAPHS + 1)]
    article = text_page.find_class("md-content__inner")[0]
    assert [h.text_content().replace("¶", "").strip() for h in article.xpath(".//h2|.//h3")] == HEADINGS


def test_margin_line_numbers_are_the_courts_1_to_310(paragraphs):
    """All 310 margin numbers are set aside, counted in order (structure.yml `sequence`), the 1 and 25
    among them; the same numbers in the dates at the end, behind the count, stay in the text."""
    lines = source_lines()
    margins = margin_number_lines()
    assert len(margins) == 310 and set(MARGIN_LIKE_DATES) <= set(margins)
    assert [int(lines[n - 1].strip()) for n in margins] == list(range(1, 311))
    used = {n for p in paragraphs for n in p["source_lines"]}
    assert not used & set(margins)
    assert set(DATE_DIGIT_LINES) <= used, "the month and day of the dates stay in the text"
    [case_number] = [p for p in paragraphs if 16 in p["source_lines"]]
    assert case_number["text"] == "106年度判字第49號" and case_number["source_lines"] == [16]
    assert "嗣經被上訴人查得" in "".join(p["text"] for p in paragraphs)
    # the month and day of the two dates are in the signature table, not in a numbered paragraph
    assert {n: p["id"] for p in paragraphs for n in DATE_DIGIT_LINES if n in p["source_lines"]} == {
        n: SIGNATURES for n in DATE_DIGIT_LINES}


def test_page_furniture_is_left_out_of_the_text_and_the_numbering(paragraphs):
    lines = source_lines()
    furniture = furniture_lines()
    used = {n for p in paragraphs for n in p["source_lines"]}
    assert not used & set(furniture)
    text = "".join(p["text"] for p in paragraphs)
    # (the banner 司法院裁判書系統 and the head's title are also words of the text: 資料來源, 裁判字號)
    for n in (*PAGE_NUMBER_LINES, *RUNNING_FEET["address"], 8, PAGE_STARTS[0], PAGE_STARTS[0] + 2):
        assert lines[n - 1].strip().lstrip("\f") not in text, n
    assert "\f" not in text and "/8" not in text


def test_paragraphs_cut_by_a_page_break_are_joined_across_it(paragraphs):
    for before, after in CUT_BY_PAGES:
        [p] = [p for p in paragraphs if before in p["source_lines"]]
        assert after in p["source_lines"], f"lines {before} and {after} should be one paragraph"


def test_numbers_split_over_two_lines_read_without_a_space(paragraphs):
    for (first, second), reading in SPLIT_NUMBERS.items():
        [p] = [p for p in paragraphs if first in p["source_lines"]]
        assert second in p["source_lines"] and reading in p["text"], reading


def test_nothing_lost_the_text_page_gives_back_the_source(text_page):
    """The text page without its numbers and marks is the source without its furniture and its
    empty lines, lines joined with nothing between them (no join here is between Latin words;
    the three numbers cut by the wrap take no space), and no emendation to undo anything."""
    lines = source_lines()
    set_aside = set(furniture_lines())
    expected = "".join(line.strip().lstrip("\f") for n, line in enumerate(lines, start=1)
                       if n not in set_aside and line.strip())
    article = text_page.find_class("md-content__inner")[0]
    assert not article.xpath(".//*[contains(concat(' ',@class,' '),' emendation ')]")
    for xpath in ("//h1", "//*[contains(@class,'pnum')]", "//*[contains(@class,'headerlink')]",
                  "//*[contains(@class,'ed-mark')]", "//form[contains(@class,'reading-controls')]"):
        for el in article.xpath("." + xpath):
            el.drop_tree()
    # the signature table shows its cells in reading order: back into source-line order (data-line)
    assert article.xpath(".//figure[@id='signatures']")
    tables_in_source_order(article)
    text = "".join(t for t in article.itertext() if t.strip() or "\n" not in t).replace("\n", "")
    assert text == expected


def test_a_judgment_has_no_notes(sac, text_page):
    """DAMAGE.md: no markers, no note texts; the edition invents none."""
    assert not text_page.xpath("//sup[starts-with(@id,'fnref')]") and not text_page.xpath("//*[@id='footnotes']")
    tei = etree.parse(str(sac[0] / "downloads" / "edition.tei.xml")).getroot()
    assert not tei.findall(".//t:text//t:note[@place='foot']", TEI_NS)


def test_the_source_page_keeps_the_furniture(sac):
    page = lhtml.parse(str(sac[1] / "source.html")).getroot()
    lines = source_lines()
    for n in (*PAGE_NUMBER_LINES, *RUNNING_FEET["address"], *MARGIN_LIKE_DATES, 921):  # 921: margin number 305
        row = page.xpath(f"//li[@id='L{n}']")[0]
        text = row.xpath(".//span[@class='src-line__text']")[0].text_content().strip()
        assert text.endswith(lines[n - 1].strip()), n


def test_tei_marks_the_pages_heads_feet_and_line_numbers(sac):
    """Each furniture kind as its <fw type> (the TEI Guidelines' suggested values), in source order."""
    tei = sac[0] / "downloads" / "edition.tei.xml"
    body = etree.parse(str(tei)).getroot().find("t:text", TEI_NS)
    lines = source_lines()
    assert len(body.findall(".//t:pb", TEI_NS)) == len(PAGE_NUMBER_LINES)
    assert [fw.text for fw in body.findall(".//t:fw[@type='pageNum']", TEI_NS)] == [f"{n}/8" for n in range(1, 9)]
    heads = sorted([start + offset for start in PAGE_STARTS for offset in RUNNING_HEADS.values()] + [*PAGE_ONE_HEADER])
    assert [fw.text for fw in body.findall(".//t:fw[@type='header']", TEI_NS)] == [
        lines[n - 1].strip().lstrip("\f") for n in heads]
    feet = sorted(RUNNING_FEET["判"] + RUNNING_FEET["address"])
    assert [fw.text for fw in body.findall(".//t:fw[@type='footer']", TEI_NS)] == [lines[n - 1].strip() for n in feet]
    assert [fw.text for fw in body.findall(".//t:fw[@type='lineNum']", TEI_NS)] == [str(n) for n in range(1, 311)]
    assert len(body.findall(".//t:fw", TEI_NS)) == len(furniture_lines()) == 360


def test_the_site_frame_names_this_edition_only(sac):
    _, site = sac
    page = lhtml.parse(str(site / "index.html")).getroot()
    assert page.findtext(".//title").endswith("最高行政法院106年度判字第49號判決〔校勘本〕")
    for path in site.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "美俄" not in text and "裝運前檢驗" not in text, f"{path.name} names another edition"


def test_a_known_title_is_not_called_supplied(sac, text_page):
    h1 = text_page.xpath("//h1")[0]
    assert h1.text_content().strip() == "最高行政法院106年度判字第49號判決"
    assert "supplied-title" not in (h1.get("class") or "")
    tei = etree.parse(str(sac[0] / "downloads" / "edition.tei.xml")).getroot()
    titles = tei.xpath("//t:titleStmt/t:title", namespaces=TEI_NS)
    assert titles and not any(t.get("type") == "supplied" for t in titles)


def test_the_wrap_policy_joins_what_the_surveyor_joined(paragraphs):
    """DAMAGE.md counts 272 line boundaries joined inside 33 paragraphs, 4 of them by hand (the
    signature block's lines are a table's cells: tests below)."""
    numbered = [p for p in paragraphs if p["n"]]
    assert sum(len(p["source_lines"]) - 1 for p in numbered) == JOINS
    assert len(numbered) == PARAGRAPHS
    decisions = yaml.safe_load((EDITION / "breaks.yml").read_text(encoding="utf-8"))
    assert [d["decision"] for d in decisions] == ["join"] * 4



def test_the_judgments_date_is_the_originals(sac):
    """original.date on the About and home pages, in the TEI's sourceDesc and as the datePublished
    of the JSON-LD's isBasedOn (a judgment's date is its date of issue)."""
    docs, site = sac
    tei = etree.parse(str(docs / "downloads" / "edition.tei.xml")).getroot()
    dates = tei.xpath("//t:sourceDesc//t:bibl[@type='original-article']/t:date", namespaces=TEI_NS)
    assert [(d.get("when"), d.get("type")) for d in dates] == [(JUDGMENT_DATE, None)]
    page = lhtml.parse(str(site / "text.html")).getroot()
    [script] = page.xpath("//head/script[@type='application/ld+json']")
    based_on = json.loads(script.text)["isBasedOn"]
    assert based_on["datePublished"] == JUDGMENT_DATE and "dateCreated" not in based_on
    for name in ("about.html", "index.html"):
        article = lhtml.parse(str(site / name)).getroot().find_class("md-content__inner")[0]
        assert JUDGMENT_DATE in article.text_content(), name


# --- the signature block: one table (structure.yml `tables`, a `grid`), DAMAGE.md "Tables" -----------------

def test_the_signature_grid_is_the_source_lines_read_by_hand():
    """Each cell's words are its source lines joined (no space: Chinese and a number cut in it),
    and every line of text in the run is in one cell; the margin numbers 299–304 are not."""
    lines = source_lines()
    for (_, cells), words in zip(SIGNATURE_ROWS, SIGNATURE_TEXT):
        assert ["".join(lines[n - 1].strip() for n in cell) for cell in cells] == words
    held = sorted(n for _, cells in SIGNATURE_ROWS for cell in cells for n in cell)
    first, last = SIGNATURE_RUN
    text_lines = [n for n in range(first, last + 1) if lines[n - 1].strip() and n not in furniture_lines()]
    assert held == text_lines
    assert [int(lines[n - 1]) for n in range(first, last + 1) if n in furniture_lines()] == list(range(299, 305))


def test_the_signature_grid_is_the_pdfs_printed_lines():
    """pdftotext -layout writes page 8 a printed line a line, its margin number at the end: each row
    of the grid is the printed line of its number, its cells in order from left to right."""
    assert shutil.which("pdftotext"), "pdftotext is missing: `make debian` installs poppler-utils"
    layout = subprocess.run(["pdftotext", "-layout", "-f", "8", "-l", "8", str(PDF), "-"], capture_output=True,
                            text=True, check=True).stdout.split("\n")
    for (printed, _), words in zip(SIGNATURE_ROWS, SIGNATURE_TEXT):
        [line] = [line for line in layout if line.rstrip().endswith(f" {printed}")]
        line = line.rstrip()[:-len(str(printed))]
        assert "".join(line.split()) == "".join("".join(words).split()), printed
        at = -1
        for cell in filter(None, words):
            found = line.find(cell[0], at + 1)
            assert found > at, (printed, cell)
            at = found


def test_the_signature_block_is_one_table_on_the_text_page(text_page):
    """Ten rows of three cells, in reading order; each cell its first source line (data-line) and
    its run of lines (data-lines); an empty cell holds nothing; no paragraph number inside, and
    the numbering goes on after it: p27 (lines 868–875) before, p28 (the first statute, line 929) after."""
    [figure] = text_page.xpath("//figure[@id='signatures']")
    rows = figure.xpath(".//table/tbody/tr")
    assert not figure.xpath(".//thead") and len(rows) == 10
    assert [texts(tr.xpath("./td")) for tr in rows] == SIGNATURE_TEXT
    for tr, (_, cells) in zip(rows, SIGNATURE_ROWS):
        for td, cell in zip(tr.xpath("./td"), cells):
            assert td.get("data-line") == (str(cell[0]) if cell else None)
            assert td.get("data-lines") == (f"{cell[0]}–{cell[-1]}" if len(cell) > 1 else None)
    assert not figure.xpath(".//*[contains(concat(' ',@class,' '),' pnum ')]")
    paras = text_page.xpath("//*[contains(concat(' ',@class,' '),' para ')][starts-with(@id,'p')]")
    before = [p for p in paras if p.getparent().index(p) < figure.getparent().index(figure)
              and p.getparent() is figure.getparent()]
    assert before[-1].get("id") == "p27"
    assert figure.xpath("following::*[contains(concat(' ',@class,' '),' para ')][1]/@id") == ["p28"]


def texts(nodes):
    return ["".join(n.itertext()).strip() for n in nodes]


def test_the_signature_block_is_one_search_and_export_entry(sac, paragraphs):
    [entry] = [p for p in paragraphs if p["id"] == SIGNATURES]
    assert entry["n"] is None
    assert entry["source_lines"] == sorted(n for _, cells in SIGNATURE_ROWS for cell in cells for n in cell)
    assert entry["text"].split(" ")[:3] == ["中華民國106", "年1", "月"]  # reading order, not pdftotext's
    _, manifest = read_data_script((sac[1] / "search" / "manifest.js").read_text(encoding="utf-8"))
    locations = [doc[0] for shard in manifest["shards"]
                 for doc in read_data_script((sac[1] / "search" / shard["file"]).read_text(encoding="utf-8"))[1]]
    assert locations.count(f"text.html#{SIGNATURES}") == 1
    assert not [loc for loc in locations if loc.startswith(f"text.html#{SIGNATURES}-")], "one document, not one a cell"


def test_the_signature_table_in_the_tei_gives_back_its_source_lines(sac):
    """<table rows="10" cols="3">, the cells' words by row; every line of the run 876–919 comes back
    from its <lb n> (cells of several lines and the empty lines among them too), the margin numbers
    299–304 as <fw type="lineNum"> in the table, in source order."""
    tei = etree.parse(str(sac[0] / "downloads" / "edition.tei.xml"))
    [table] = tei.xpath("//t:table[@xml:id='signatures']", namespaces=TEI_NS)
    assert (table.get("rows"), table.get("cols")) == ("10", "3")
    rows = table.xpath("./t:row", namespaces=TEI_NS)
    words = [["".join(c.xpath(".//text()[not(ancestor::t:fw)]", namespaces=TEI_NS)) for c in r.xpath("./t:cell", namespaces=TEI_NS)]
             for r in rows]
    assert words == SIGNATURE_TEXT
    assert [fw.text for fw in table.iterfind(".//t:fw", TEI_NS)] == [str(n) for n in range(299, 305)]
    got, line = {}, None
    for node in table.iter():
        tag = etree.QName(node).localname
        if tag == "lb":
            line = int(node.get("n"))
            assert line not in got, f"line {line} twice"
            got[line] = node.tail or ""
        elif tag == "fw":
            got[line] += node.tail or ""  # the words after a margin number go on the line before it
        elif tag == "space":
            got[line] += " " * int(node.get("quantity")) + (node.tail or "")
        elif tag == "cell" and node.text:
            raise AssertionError(f"words before a cell's first line: {node.text!r}")
    lines = source_lines()
    first, last = SIGNATURE_RUN
    expected = {n: lines[n - 1] for n in range(first, last + 1) if n not in furniture_lines()}
    assert got == expected


def test_the_source_page_links_a_cells_lines_to_it(sac):
    page = lhtml.parse(str(sac[1] / "source.html")).getroot()
    for n, cell in ((876, "r1c1"), (881, "r1c1"), (891, None), (892, "r1c3"), (911, "r9c2"), (919, "r10c2")):
        links = page.xpath(f"//li[@id='L{n}']/span[@class='src-line__where']/a/@href")
        assert links == ([f"text.html#{SIGNATURES}-{cell}"] if cell else []), n


def test_search_finds_the_signature_table(sac, browser):
    """In chromium: Material's search finds 第二庭 (source line 882, in no paragraph) as the table's
    one document, and the page it leads to shows the table."""
    from browsing import search
    site = sac[1]
    page = browser.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        search(page, "第二庭", site)
        link = page.wait_for_selector(f".md-search-result__item a[href*='text.html'][href$='#{SIGNATURES}']",
                                      timeout=20000)
        page.goto(link.evaluate("a => a.href"))
        table = page.locator(f"#{SIGNATURES} table")
        assert table.count() == 1 and "書記官 吳 玫 瑩" in table.inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])  # test_accessibility.SCHEMES
def test_the_text_page_with_its_table_has_no_axe_violations(sac, browser, scheme):
    """axe-core over the text page, empty cells and all (as test_tables_lists does for its table)."""
    from browsing import node_module, serve
    from test_accessibility import VIEWPORTS, axe, load, new_page, report
    with serve(sac[1]) as base:
        page = new_page(browser, scheme, VIEWPORTS["desktop"])
        try:
            load(page, base + "text.html", scheme)
            assert page.locator(f"#{SIGNATURES} table td").count() == 30
            violations = axe(page, node_module("axe-core/axe.min.js").read_text(encoding="utf-8"))
        finally:
            page.context.close()
    assert not violations, report(violations)
