"""The second real edition: editions/psi-agreement, the WTO Agreement on Preshipment Inspection
(Traditional Chinese), extracted from its PDF with pdftotext.

Built with the real CLI and MkDocs (EDITION_DIR and DOCS_DIR pick the edition, in a temporary
folder). The expectations are the surveyor's reading of the extraction, in
editions/psi-agreement/DAMAGE.md, not the build's output: which lines are page furniture,
which are note texts, where the markers stand, which paragraphs a page break cut.
"""

import json

from conftest import ROOT, TEI_NS, edition_fixtures, run_cli
from lxml import etree
from lxml import html as lhtml

EDITION = ROOT / "editions" / "psi-agreement"
SOURCE = EDITION / "source" / "psi-agreement.txt"

# DAMAGE.md: page furniture (the header line 1 and the 11 page numbers 10-1 … 10-11)
HEADER_LINE = 1
PAGE_NUMBER_LINES = [30, 75, 118, 160, 194, 235, 286, 316, 350, 378, 404]
# DAMAGE.md, Notes: marker line and how the marker stands; the note's lines (number line first)
MARKERS = {1: (40, "機構。1"), 2: (68, "標準。2"), 3: (175, "限。3"), 4: (204, "查證4時"), 5: (311, "達成5。")}
NOTE_LINES = {1: [69, 71, 72], 2: [73, 74, 117], 3: [188, 190, 191, 192, 193], 4: [231, 233, 234], 5: [313, 315]}
# DAMAGE.md: the five paragraphs a page break cut, (last line before, first line after)
CUT_BY_PAGES = [(29, 32), (115, 120), (186, 196), (285, 288), (349, 352)]
# DAMAGE.md, Summary: 34 headings, less 會員 (line 3), which this edition keeps as the preamble's
# first paragraph: 33 headings; 66 items + 10 preamble clauses + 6 paragraphs + 會員 = 83 paragraphs.
HEADINGS = 33
PARAGRAPHS = 83


def source_lines():
    return SOURCE.read_text(encoding="utf-8").split("\n")


psi, text_page, paragraphs = edition_fixtures(EDITION, "psi")


def test_check_passes_with_the_decisions_written_by_hand(tmp_path):
    """Six break decisions (breaks.yml) and two entries of emendations.yml: the rest is the policy's."""
    result = run_cli("check", EDITION, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {PARAGRAPHS} paragraphs, 8 decisions"


def test_numbering_follows_the_lock_and_the_survey(text_page):
    lock = json.loads((EDITION / "anchors.lock.json").read_text(encoding="utf-8"))
    ids = [p.get("id") for p in text_page.xpath("//*[contains(concat(' ',@class,' '),' para ')]")]
    assert ids == [e["id"] for e in lock["paragraphs"]] == [f"p{n}" for n in range(1, PARAGRAPHS + 1)]
    article = text_page.find_class("md-content__inner")[0]
    assert len(article.xpath(".//h2|.//h3")) - 1 == HEADINGS  # less the footnotes' own heading


def test_page_furniture_is_left_out_of_the_text_and_the_numbering(paragraphs):
    lines = source_lines()
    furniture = [HEADER_LINE, *PAGE_NUMBER_LINES]
    used = {n for p in paragraphs for n in p["source_lines"]}
    assert not used & set(furniture)
    for p in paragraphs:
        for n in furniture:
            assert lines[n - 1].strip() not in p["text"]
    assert all("\f" not in p["text"] for p in paragraphs)


def test_paragraphs_cut_by_a_page_break_are_joined_across_it(paragraphs):
    for before, after in CUT_BY_PAGES:
        [p] = [p for p in paragraphs if before in p["source_lines"]]
        assert after in p["source_lines"], f"lines {before} and {after} should be one paragraph"


def test_nothing_lost_the_text_page_gives_back_the_source(text_page):
    """The text page without its numbers and footnotes is the source without its furniture, note
    lines, empty lines and note markers (wrapped lines joined; no Latin word is wrapped here)."""
    lines = source_lines()
    set_aside = {HEADER_LINE, *PAGE_NUMBER_LINES, *(n for ns in NOTE_LINES.values() for n in ns)}
    kept = [line.strip() for n, line in enumerate(lines, start=1) if n not in set_aside and line.strip()]
    for number, (n, context) in MARKERS.items():
        line = lines[n - 1].strip()
        assert line.count(context) == 1
        at = line.index(context) + context.index(str(number))
        kept[kept.index(line)] = line[:at] + line[at + 1:]
    expected = "".join(kept)
    article = text_page.find_class("md-content__inner")[0]
    for xpath in ("//h1", "//*[contains(@class,'pnum')]", "//sup[starts-with(@id,'fnref')]",
                  "//div[contains(@class,'footnote')]", "//*[@id='footnotes']", "//*[contains(@class,'headerlink')]",
                  "//*[contains(@class,'supplied-note')]", "//*[contains(@class,'ed-mark')]",
                  "//form[contains(@class,'reading-controls')]"):
        for el in article.xpath("." + xpath):
            el.drop_tree()
    emended = article.xpath(".//*[contains(concat(' ',@class,' '),' emendation ')]")
    assert [e.get("data-original") for e in emended] == ["會"]  # 使用會 → 使用會員 (emendations.yml)
    for el in emended:  # the source's reading back in place of the edited one
        original, tail = el.get("data-original"), el.tail
        el.clear()
        el.text, el.tail = original, tail
    text = "".join(t for t in article.itertext() if t.strip() or "\n" not in t).replace("\n", "")
    assert text == expected


def test_notes_are_footnotes_numbered_as_the_source_numbers_them_and_linked_both_ways(text_page):
    lines = source_lines()
    refs = text_page.xpath("//sup[starts-with(@id,'fnref')]/a")
    assert [a.text_content() for a in refs] == [str(n) for n in MARKERS]
    for number, a in zip(MARKERS, refs):
        target = a.get("href").lstrip("#")
        [note] = text_page.xpath(f"//li[@id='{target}']")
        back = note.xpath(".//a[contains(@class,'footnote-backref')]")
        assert back and back[0].get("href") == "#" + a.getparent().get("id"), "the note links back to its marker"
        words = "".join(lines[n - 1].strip() for n in NOTE_LINES[number][1:])  # the text after the number line
        assert words in note.text_content()
        # the marker stood in the paragraph the survey puts it in
        paragraph = a.xpath("ancestor::p[1]")[0]
        before = MARKERS[number][1].split(str(number))[0]
        assert before in paragraph.text_content()


def test_the_source_page_keeps_the_furniture(psi):
    page = lhtml.parse(str(psi[1] / "source.html")).getroot()
    for n in PAGE_NUMBER_LINES:
        row = page.xpath(f"//li[@id='L{n}']")[0]
        assert lines_text(row).endswith(source_lines()[n - 1].strip())


def lines_text(row):
    return row.xpath(".//span[@class='src-line__text']")[0].text_content().strip()


def test_tei_marks_pages_and_notes(psi):
    tei = psi[0] / "downloads" / "edition.tei.xml"
    ns = TEI_NS
    root = etree.parse(str(tei)).getroot()
    body = root.find("t:text", ns)
    assert len(body.findall(".//t:pb", ns)) == len(PAGE_NUMBER_LINES)
    assert [fw.text for fw in body.findall(".//t:fw[@type='pageNum']", ns)] == \
        [source_lines()[n - 1].strip() for n in PAGE_NUMBER_LINES]
    notes = body.findall(".//t:note[@place='foot']", ns)
    assert [n.get("n") for n in notes] == [str(n) for n in MARKERS]


def test_the_site_frame_names_this_edition_only(psi):
    _, site = psi
    page = lhtml.parse(str(site / "index.html")).getroot()
    assert page.findtext(".//title").endswith("裝運前檢驗協定〔校勘本〕")
    for path in site.glob("*.html"):
        assert "美俄" not in path.read_text(encoding="utf-8"), f"{path.name} names the other edition"


def test_a_known_title_is_not_called_supplied(psi, text_page):
    """The source states its title (line 2): neither the text page nor the TEI calls it supplied."""
    assert source_lines()[1].strip() == "裝運前檢驗協定"
    h1 = text_page.xpath("//h1")[0]
    assert h1.text_content().strip() == "裝運前檢驗協定" and "supplied-title" not in (h1.get("class") or "")
    assert "編者擬題" not in (psi[0] / "text.md").read_text(encoding="utf-8")
    tei = etree.parse(str(psi[0] / "downloads" / "edition.tei.xml")).getroot()
    titles = tei.xpath("//t:titleStmt/t:title", namespaces=TEI_NS)
    assert titles and not any(t.get("type") == "supplied" for t in titles)



def test_the_wrap_policy_joins_what_the_surveyor_joined(paragraphs):
    """DAMAGE.md counted 163 line boundaries inside body blocks to be joined, and 116 blocks
    (headings + paragraphs): the policy and the six hand decisions give the same."""
    assert sum(len(p["source_lines"]) - 1 for p in paragraphs) == 163
    assert len(paragraphs) + HEADINGS == 116
