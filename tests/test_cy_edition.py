"""The fourth real edition: editions/cy-112-nei-zheng-0004, a correction of the Control Yuan
(監察院 112 內正 0004 糾正案文, the Lin family murders), a Word-made PDF of 40 pages with 60 footnotes,
extracted with pdftotext. Its note markers came out as lines holding only the number
(structure.yml `notes.marker_lines`), and its justified lines are letter-spaced (`despace`).

Built with the real CLI and MkDocs. The expectations are the surveyor's reading of the extraction
(editions/cy-112-nei-zheng-0004/DAMAGE.md), written here by hand from the source and the PDF page,
not the build's output: where each marker line stands, which words a marker follows, how each note
begins, which lines are page numbers.
"""

import hashlib
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TEI_NS, edition_fixtures, run_cli
from lxml import etree

sys.path.insert(0, str(ROOT / "scripts"))
from editkit import word_space  # noqa: E402
from editkit.build import make_edition, read_inputs  # noqa: E402

EDITION = ROOT / "editions" / "cy-112-nei-zheng-0004"
SOURCE = EDITION / "source" / "cy-112-nei-zheng-0004.txt"
PDF = EDITION / "source" / "cy-112-nei-zheng-0004.pdf"

PAGES = 40
PARAGRAPHS = 86
# DAMAGE.md: the lines holding only a marker's number, markers 1 … 60 in order
MARKER_LINES = [150, 152, 168, 199, 222, 230, 238, 381, 408, 418, 443, 452, 455, 492, 496, 548, 557, 561, 571,
                592, 649, 677, 688, 725, 735, 765, 770, 777, 783, 833, 864, 866, 878, 917, 959, 996, 1037, 1075,
                1081, 1100, 1124, 1128, 1131, 1143, 1201, 1227, 1247, 1252, 1276, 1341, 1373, 1382, 1413, 1417,
                1504, 1512, 1540, 1620, 1623, 1647]
# Where a marker stands, read from the next text line (and, for 5, 12 and 28, from the PDF page):
# (words just before it, words just after it), as the reading has them (justification spaces out)
MARKER_PLACES = {
    1: ("所載內容相同", "（見本案報告"),   # line 151 `同 （見本案報告…`
    4: ("應由司法機關追訴、審判", "。故69年"),  # line 200 `…審判 。故69年`
    5: ("督導偵辦", "。各情治單位"),        # line 224; the PDF: 5 at x=405-409 between 偵辦 and 。
    9: ("乘亂奪權的目的。……」", "。"),  # line 409 `。` alone: the printed line broke before it
    11: ("假設前提均屬虛構。", "有關「林奐均"),   # line 444 `虛構。 有關`
    12: ("警總總司令汪敬煦", "所謂：「林宅"),   # line 453, letter-spaced: the PDF, 12 at x=310-319
    13: ("瞭解案情背景」", "等不實假設"),
    28: ("均未獲准", "。該指導會報"),        # lines 778-779 `目標」` / `，均未獲准 。`; the PDF: x=296-305
    58: ("錄音帶。」", "；高檢署於98年"),
    60: ("國家機密保護法第12條", "，稱該局"),
}
# How notes begin and end, despaced by hand from their lines (DAMAGE.md, Notes out of place)
NOTE_STARTS = {
    1: "林濁水先生以筆名「林南窗」撰寫",
    4: "行政院56年4月1日公布之臺灣地區戒嚴時期軍法機關自行審判及交法院審判案件劃分辦法",
    12: "汪敬煦為警總第五任警總司令，任期1978年6月1日至1981年11月30日",   # lines 466-468; number line 487
    13: "汪敬煦於72年3月在國史館出版《口述歷史叢書㈠》",
    39: "警總表示，凡對林義雄母親林游阿妹",   # lines 1105-1108; number line 1119
    47: "中國時報，69年2月29日，二版及七版。",  # line 1257; number line 1262
    58: "軍管局司令部及海岸巡防司令部86年6月12日慮剛字第2649號函。",
    59: "高檢署《林宅血案、陳文成命案重啟調查偵查報告》，第12頁。",
}
NOTE_RUNS_ON = {40: "清查「現場附近可資觀察林宅動態之住", 48: "問：你按電鈴多久，才來開門？",
                56: "對本案可能涉及較多政治意味及國際因素則非所長。」"}
# Letter-spaced lines of running text, read despaced (line 22 `院 迄 未 回 應 本 院 86 年 函 請 …`)
DESPACED = {22: "院迄未回應本院86年函請重行調查情治", 185: "(二)本案雖發生在戒嚴時期，但非軍法機關訴追之案",
            242: "年2月28日至72年1月28日計召開專案會議134"}


def source_lines():
    return SOURCE.read_text(encoding="utf-8").split("\n")


def page_last_lines():
    """Each page's last non-empty line, read straight from the form feeds (the text ends with one)."""
    lines, ends, last = source_lines(), [], None
    for n, line in enumerate(lines, start=1):
        if line.startswith("\f") and last:
            ends.append(last)
        if line.strip():
            last = n
    return list(dict.fromkeys(ends + [last]))


cy, text_page, paragraphs = edition_fixtures(EDITION, "cy")


@pytest.fixture(scope="module")
def edition():
    return make_edition(read_inputs(EDITION))


def test_the_extraction_is_reproducible_from_the_kept_pdf(tmp_path):
    assert shutil.which("pdftotext"), "pdftotext is missing: `make debian` installs poppler-utils"
    sums = dict(reversed(line.split("  ")) for line in (EDITION / "source" / "SHA256SUMS").read_text().splitlines())
    assert hashlib.sha256(PDF.read_bytes()).hexdigest() == sums[PDF.name] == \
        "a091b1ce1fe62d454444514feaa86e470309363eba09f33f31f66026868faef3"
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == sums[SOURCE.name]
    shutil.copy(PDF, tmp_path / PDF.name)
    subprocess.run(["pdftotext", PDF.name, "out.txt"], cwd=tmp_path, check=True)
    assert (tmp_path / "out.txt").read_bytes() == SOURCE.read_bytes()


def test_check_passes_with_the_decisions_written_by_hand(tmp_path):
    result = run_cli("check", EDITION, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {PARAGRAPHS} paragraphs, 9 decisions"


def test_page_numbers_are_each_pages_last_line_1_to_40_and_never_a_marker(edition, paragraphs):
    lines = source_lines()
    ends = page_last_lines()
    assert len(ends) == PAGES and [lines[n - 1].strip() for n in ends] == [str(n) for n in range(1, PAGES + 1)]
    assert [f.number for f in edition.furniture] == ends
    assert not set(ends) & set(MARKER_LINES)
    # marker 7 (line 238) stands on page 7 above its page number 7 (line 270): same shape, not furniture
    assert lines[237].strip() == lines[269].strip() == "7" and 270 in ends
    used = {n for p in paragraphs for n in p["source_lines"]}
    assert not used & set(ends)


def test_marker_lines_are_the_first_of_each_number_and_run_1_to_60(edition, paragraphs):
    lines = source_lines()
    assert [lines[n - 1].strip() for n in MARKER_LINES] == [str(n) for n in range(1, 61)]
    assert sorted(edition.footnotes, key=int) == [str(n) for n in range(1, 61)]
    assert [edition.footnotes[str(n)].marker_line for n in range(1, 61)] == MARKER_LINES
    used = {n for p in paragraphs for n in p["source_lines"]}
    assert not used & set(MARKER_LINES), "a marker's line is not text"


def test_each_marker_stands_after_the_words_the_survey_reads(text_page):
    refs = text_page.xpath("//sup[starts-with(@id,'fnref')]")
    assert [sup.text_content() for sup in refs] == [str(n) for n in range(1, 61)]
    paragraphs = [sup.xpath("ancestor::p[1]")[0] for sup in refs]
    for sup in refs:  # each reference read as [n] in its paragraph's words
        number = sup.text_content()
        for child in list(sup):
            sup.remove(child)
        sup.text = f"[{number}]"
    for number, (before, after) in MARKER_PLACES.items():
        words = "".join(paragraphs[number - 1].itertext())
        mark = f"[{number}]"
        assert before + mark + after in words, (number, words[words.find(mark) - 20: words.find(mark) + 20])


def test_notes_begin_with_their_own_words_and_link_both_ways(text_page):
    for number, words in {**NOTE_STARTS}.items():
        [note] = text_page.xpath(f"//li[@id='fn:fn{number}']")
        assert note.text_content().strip().startswith(words), (number, note.text_content()[:40])
        [back] = note.xpath(".//a[contains(@class,'footnote-backref')]")
        [ref] = text_page.xpath(f"//sup[starts-with(@id,'fnref')]/a[@href='#fn:fn{number}']")
        assert back.get("href") == "#" + ref.getparent().get("id")
    for number, words in NOTE_RUNS_ON.items():
        [note] = text_page.xpath(f"//li[@id='fn:fn{number}']")
        assert words in note.text_content(), number


def test_letter_spaced_lines_read_without_their_justification_spaces(paragraphs):
    for line, reading in DESPACED.items():
        [p] = [p for p in paragraphs if line in p["source_lines"]]
        assert reading in p["text"], line
    text = "".join(p["text"] for p in paragraphs)
    assert "家博（ Bruce" in text, "a space beside a Latin word stays"


def test_nothing_lost_only_spaces_leave_the_reading_and_they_come_back(edition, text_page):
    """Every block's reading is its source less spaces (the justification's and the markers'
    traces), and word_space.restore gives the source back from reading and origin map; the text
    page, less its numbers and notes, is the source's running text less spaces, character for character."""
    for block in edition.blocks:
        dropped = [block.source[i] for i in set(range(len(block.source))) - set(block.origin)]
        assert set(dropped) <= {" "}, block.id
        assert word_space.restore(block.text, block.origin, block.source) == block.source
    for note in edition.footnotes.values():
        assert word_space.restore(note.text, note.origin, note.source) == note.source
    lines = source_lines()
    set_aside = {f.number for f in edition.furniture} | {n for f in edition.footnotes.values() for n in f.lines}
    expected = "".join(line.strip() for n, line in enumerate(lines, start=1) if n not in set_aside and line.strip())
    article = text_page.find_class("md-content__inner")[0]
    for xpath in ("//h1", "//*[contains(@class,'pnum')]", "//sup[starts-with(@id,'fnref')]",
                  "//div[contains(@class,'footnote')]", "//*[@id='footnotes']", "//*[contains(@class,'headerlink')]",
                  "//*[contains(@class,'ed-mark')]", "//form[contains(@class,'reading-controls')]"):
        for el in article.xpath("." + xpath):
            el.drop_tree()
    text = "".join(t for t in article.itertext() if t.strip() or "\n" not in t).replace("\n", "")
    assert text.replace(" ", "") == expected.replace(" ", "")
    # the two joins inside Latin words keep a space (p63, p64: `Bruce` / `Jacobs`), which no line holds
    word_spaces = sum(1 for b in edition.blocks for j in b.joins if b.source[j - 1] == " ")
    assert word_spaces == 2
    assert len(text) == len(expected) + word_spaces - sum(len(b.source) - len(b.text) for b in edition.blocks)


def test_tei_marks_pages_and_notes(cy):
    tei = cy[0] / "downloads" / "edition.tei.xml"
    body = etree.parse(str(tei)).getroot().find("t:text", TEI_NS)
    assert len(body.findall(".//t:pb", TEI_NS)) == PAGES
    assert [fw.text for fw in body.findall(".//t:fw[@type='pageNum']", TEI_NS)] == [str(n) for n in range(1, PAGES + 1)]
    notes = body.findall(".//t:note[@place='foot']", TEI_NS)
    assert [n.get("n") for n in notes] == [str(n) for n in range(1, 61)]
    assert "".join(notes[3].itertext()).startswith(NOTE_STARTS[4])



def test_the_page_of_notes_names_each_notes_own_lines(text_page):
    """A note's source lines are those at the foot (its number and text), not its marker's line."""
    [note] = text_page.xpath("//li[@id='fn:fn4']")
    links = [a.get("href") for a in note.xpath(".//a[starts-with(@href,'source.html#L')]")]
    assert links == ["source.html#L209", "source.html#L216"]  # number line 209, last text line 216
