"""Printing the text page gives the article: numbers, notes and title kept; the website around it gone.
The build's PDF (the text and the apparatus) holds the edition's words, a CJK font, and ships in the zip."""

import copy
import re
import sys
import zipfile
from pathlib import Path

from lxml import html as lhtml

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # editkit

A4 = {"width": 794, "height": 1123}  # CSS pixels

STYLE = """(sel) => [...document.querySelectorAll(sel)].map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {display: s.display, visibility: s.visibility, x: r.x, right: r.right, width: r.width, height: r.height};
})"""


@pytest.fixture(scope="module")
def printed(site, browser):
    """The text page as the print stylesheet lays it out, and its PDF."""
    page = browser.new_page(viewport=A4)
    page.goto((site / "text.html").as_uri())
    page.emulate_media(media="print")
    yield page, page.pdf(format="A4")
    page.close()


def styles(page, selector):
    found = page.evaluate(STYLE, selector)
    assert found, f"no {selector} on the text page"
    return found


def test_the_website_around_the_article_is_not_printed(printed):
    page, _ = printed
    for selector in (".md-header", ".md-tabs", ".md-search", ".md-sidebar", ".md-nav", ".md-footer", ".md-top"):
        for el in page.evaluate(STYLE, selector):
            assert el["display"] == "none" or el["width"] == 0, f"{selector} is printed"
    # the cite buttons and panels: those the cite script made, and one put in a paragraph here
    page.evaluate("""() => { const b = document.createElement('button'); b.className = 'cite-ui';
                             b.id = 'probe-cite-ui'; document.querySelector('#p12').append(b); }""")
    for el in styles(page, ".cite-ui"):
        assert el["display"] == "none", ".cite-ui is printed"
    page.evaluate("() => document.querySelector('#probe-cite-ui').remove()")


def test_paragraph_numbers_are_printed_inside_the_page(printed):
    page, _ = printed
    numbers = styles(page, ".para > .pnum")
    assert len(numbers) >= 45
    for n in numbers:
        assert n["display"] != "none" and n["visibility"] == "visible" and n["width"] > 0
        assert n["x"] >= 0 and n["right"] <= A4["width"], "the number is on the page, not in a margin outside it"
    text = page.evaluate("() => document.querySelector('#p12 .pnum').textContent")
    assert text.strip() == "12"


def test_title_lost_notes_and_their_texts_are_printed(printed):
    page, _ = printed
    title = styles(page, "article h1")[0]
    assert title["display"] != "none" and title["height"] > 0
    assert page.evaluate("() => document.querySelector('article h1').textContent").strip().startswith("〔")
    for selector in ("div.footnote", ".footnote-ref"):
        for el in styles(page, selector):
            assert el["display"] != "none" and el["visibility"] == "visible" and el["height"] > 0, selector
    notes = page.evaluate("() => [...document.querySelectorAll('div.footnote li')].map(li => li.innerText)")
    refs = page.evaluate("() => document.querySelectorAll('.footnote-ref').length")
    assert len(notes) == refs >= 10 and all("原注佚" in n for n in notes)


def test_paragraphs_do_not_break_across_pages(printed):
    page, _ = printed
    assert {el["breakInside"] for el in page.evaluate(
        "() => [...document.querySelectorAll('p.para')].map(e => ({breakInside: getComputedStyle(e).breakInside}))")} \
        == {"avoid"}


def test_the_text_page_prints_to_a_pdf_of_plausible_length(printed):
    _, pdf = printed
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # about 12,000 characters of text and the notes: a few A4 pages, not one, not dozens
    assert 3 <= pages <= 30, f"{pages} pages"


# --- the PDF the build makes (scripts/hooks/pdf.py) --------------------------------------------

RADICAL = re.compile("[\u2e80-\u2fdf]")  # CJK Radicals Supplement and Kangxi Radicals
# Where Noto CJK's 'locl' feature draws a character with another's glyph (— with ―'s, ・ with
# ·'s), chromium names the glyph's own character in /ToUnicode and the page's in /ActualText.
# pdftotext reads /ActualText; pypdf does not, so its text has these there.
PYPDF_IGNORES_ACTUALTEXT = str.maketrans("―·", "—・")


def squeeze(text):
    """Text as a PDF gives it back, without the whitespace of its line breaks. Nothing else is
    folded: a radical named instead of the Han character (⽂ for 文) is another word."""
    return re.sub(r"\s+", "", text)


def found_in(words, got):
    """Whether ``words`` are in ``got`` (a squeezed PDF text), character for character."""
    return squeeze(words) in got


def visible_text(el):
    """An element's words as printed: without the paragraph number and what print hides."""
    el = copy.deepcopy(el)
    for deletion in el.xpath(".//*[contains(@class,'deletion')]"):  # printed: the deleted words, struck
        deletion.text = deletion.get("data-original")
    for drop in el.xpath(".//*[contains(@class,'pnum') or contains(@class,'src-link') or contains(@class,'ce-date')]"):
        drop.drop_tree()
    return el.text_content()


@pytest.fixture(scope="module")
def pdf(site):
    from pypdf import PdfReader
    path = site / "downloads" / "edition.pdf"
    assert path.is_file(), "the build writes downloads/edition.pdf"
    reader = PdfReader(str(path))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, text


@pytest.fixture(scope="module")
def pdftotext(site):
    """The PDF's text as poppler's pdftotext (Debian's poppler-utils) reads it."""
    import shutil
    import subprocess
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: apt-get install poppler-utils (make test installs it)"
    return subprocess.run([tool, "-enc", "UTF-8", str(site / "downloads" / "edition.pdf"), "-"],
                          capture_output=True, text=True, encoding="utf-8", check=True).stdout


def test_the_pdf_is_linked_from_the_home_page_and_in_the_offline_zip(site):
    home = lhtml.parse(str(site / "index.html")).getroot()
    assert home.xpath("//article//a[@href='downloads/edition.pdf']")
    with zipfile.ZipFile(site / "downloads" / "edition-offline.zip") as archive:
        inside = archive.read("edition-offline/downloads/edition.pdf")
    assert inside == (site / "downloads" / "edition.pdf").read_bytes()


def test_the_pdf_embeds_a_cjk_font(pdf):
    from pypdf.generic import IndirectObject
    reader, _ = pdf
    embedded = set()
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if not hasattr(obj, "get") or obj.get("/Type") != "/Font":
                continue
            descriptor = obj.get("/FontDescriptor")
            if descriptor is None:
                continue
            descriptor = descriptor.get_object()
            # a font program (FontFile*), or the glyphs drawn in the file (Type 3, as chromium
            # writes CFF-flavoured OpenType fonts such as Noto CJK)
            if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) \
                    or (obj.get("/Subtype") == "/Type3" and len(obj.get("/CharProcs") or {}) > 0):
                embedded.add(str(descriptor["/FontName"]))
    print(f"\nPDF: {len(reader.pages)} pages; fonts embedded: {sorted(embedded)}")
    assert any("SerifCJKtc" in name for name in embedded), embedded  # the text face, Noto Serif CJK TC


def edition_blocks(site):
    """Every block of the text (numbered paragraphs with their marks), every note and every
    apparatus entry, in the words of the built pages."""
    root = lhtml.parse(str(site / "text.html")).getroot()
    apparatus = lhtml.parse(str(site / "apparatus.html")).getroot()
    parts = {}
    for el in root.xpath("//article//*[contains(concat(' ',@class,' '),' para ')][@id]"):
        parts[el.get("id")] = visible_text(el)
    for i, li in enumerate(root.xpath("//div[contains(@class,'footnote')]//li")):
        parts[f"note {i + 1}"] = visible_text(li).replace("\u21a9", "")
    for li in apparatus.xpath("//li[contains(@class,'app-entry')]"):
        parts[f"apparatus {li.get('id')}"] = visible_text(li)
    return parts


@pytest.mark.parametrize("reader", ["pypdf", "pdftotext"])
def test_the_pdfs_text_is_the_editions(site, pdf, pdftotext, reader):
    """Every block of the edition is in the PDF's text as pypdf and as pdftotext read it,
    character for character: no radical stands for a Han character (chromium's /ToUnicode
    named ⻑ for 長 and ⽂ for 文, because Noto CJK draws both with one glyph; only readers
    that honour /ActualText, as pdftotext does, read the page's character there)."""
    text = pdf[1].translate(PYPDF_IGNORES_ACTUALTEXT) if reader == "pypdf" else pdftotext
    radicals = sorted(set(RADICAL.findall(text)))
    assert not radicals, f"{reader}: the PDF's text names radicals {radicals}"
    got = squeeze(text)
    parts = edition_blocks(site)
    missing = [name for name, words in parts.items() if not found_in(words, got)]
    print(f"\n{reader}: {len(parts)} blocks compared, {len(missing)} not found: {missing}")
    assert len(parts) >= 50 + 12 and not missing
    # words that chromium named by a radical before the text layer was fixed
    for word in ("長", "民", "文"):
        assert word in got


def test_no_font_of_the_pdf_names_a_radical(pdf):
    """The text layer itself, not only what a reader makes of it: pdftotext read the words right
    before this was fixed (chromium wraps each such glyph in /ActualText), pypdf, and readers like
    it, did not. No /ToUnicode CMap names a radical."""
    from pypdf.generic import IndirectObject
    from editkit.pdf_text import parse_tounicode
    reader, _ = pdf
    named, fonts = [], 0
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if hasattr(obj, "get") and obj.get("/Type") == "/Font" and "/ToUnicode" in obj:
                fonts += 1
                named += RADICAL.findall("".join(t for _, t in parse_tounicode(obj["/ToUnicode"].get_object().get_data())))
    assert fonts > 10 and not named, sorted(set(named))


def test_the_pdf_prints_paragraph_numbers_and_lost_note_marks(pdf):
    _, text = pdf
    numbers = re.findall(r"(?m)^\s*(\d{1,2})\s*$", text)
    assert {str(n) for n in range(1, 51)} <= set(numbers) | {m for m in re.findall(r"\d+", text)}
    assert len(re.findall(r"〔注佚\d+〕", text)) >= 2 * 10  # in the text and the apparatus


def test_no_radical_is_in_the_edition_itself(site, source_text):
    """The text layer may name the ideograph for every radical only because the edition has
    none: a radical in the source or the printed pages would be kept as it is."""
    assert not RADICAL.findall(source_text)
    for name in ("text.html", "apparatus.html"):
        assert not RADICAL.findall((site / name).read_text(encoding="utf-8")), name


# --- the text layer's pure parts (editkit.pdf_text), with the installed font's own cmap ---------

def test_the_installed_noto_cjk_draws_these_radicals_with_an_ideographs_glyph():
    """The twins come from the font file chromium prints with, not from a hand-made table."""
    import subprocess
    from fontTools.ttLib import TTFont
    from editkit.pdf_text import glyph_twins
    path, index = subprocess.run(["fc-list", "--format", "%{file}|%{index}\n", ":postscriptname=NotoSerifCJKtc-Regular"],
                                 capture_output=True, text=True, check=True).stdout.split("\n")[0].split("|")
    with TTFont(path, fontNumber=int(index), lazy=True) as font:
        cmap = font.getBestCmap()
    twins = glyph_twins(cmap, used=set("長民文一／"))
    assert {r: twins.get(r) for r in "⻑⾧⺠⽂⼀∕"} == {"⻑": "長", "⾧": "長", "⺠": "民", "⽂": "文", "⼀": "一", "∕": "／"}
    assert "長" not in twins and "⿑" not in twins  # what the pages use keeps its name; 齊 is not used here
    assert glyph_twins(cmap, used=set("長⻑")).get("⻑") is None, "a radical the pages have stays a radical"


@pytest.mark.parametrize("cmap, used, twins", [
    pytest.param({0x2ED1: "g1", 0x9577: "g1", 0x2FA7: "g1"}, set("長"), {"⻑": "長", "⾧": "長"}, id="radicals-to-ideograph"),
    pytest.param({0x2ED1: "g1", 0x9577: "g1"}, set("長⻑"), {}, id="both-used-none-renamed"),
    pytest.param({0x2ED1: "g1", 0x9577: "g1"}, set(), {}, id="neither-used"),
    pytest.param({0x5140: "g2", 0xFA0C: "g2", 0x2E8E: "g2"}, set("兀\ufa0c"), {"⺎": "兀"}, id="unified-before-compatibility"),
    pytest.param({0x2215: "g3", 0xFF0F: "g3"}, set("／"), {"∕": "／"}, id="not-only-han"),
])
def test_glyph_twins(cmap, used, twins):
    from editkit.pdf_text import glyph_twins
    assert glyph_twins(cmap, used) == twins


CMAP_HEAD = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
CMAP_TAIL = b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


@pytest.mark.parametrize("body, entries", [
    pytest.param(b"2 beginbfchar\n<01> <2ED1>\n<02> <0041>\nendbfchar", [("01", "⻑"), ("02", "A")], id="bfchar"),
    pytest.param(b"1 beginbfrange\n<10> <12> <2F00>\nendbfrange", [("10", "⼀"), ("11", "⼁"), ("12", "⼂")], id="bfrange"),
    pytest.param(b"1 beginbfrange\n<20> <21> [<2ED1> <D840DC00>]\nendbfrange", [("20", "⻑"), ("21", "\U00020000")],
                 id="bfrange-array-and-surrogates"),
])
def test_tounicode_cmaps_are_read_in_every_form(body, entries):
    from editkit.pdf_text import parse_tounicode
    assert parse_tounicode(CMAP_HEAD + body + CMAP_TAIL) == entries


def test_a_rewritten_tounicode_cmap_keeps_its_frame_and_other_mappings():
    from editkit.pdf_text import parse_tounicode, rewrite_tounicode
    data = CMAP_HEAD + b"1 beginbfchar\n<01> <2ED1>\nendbfchar\n1 beginbfrange\n<10> <11> <2F00>\nendbfrange" + CMAP_TAIL
    out = rewrite_tounicode(data, {"⻑": "長", "⼀": "一"})
    assert out.startswith(CMAP_HEAD) and out.endswith(CMAP_TAIL)
    assert parse_tounicode(out) == [("01", "長"), ("10", "一"), ("11", "⼁")]
    assert rewrite_tounicode(data, {"民": "x"}) is None, "a CMap naming none of them is left alone"
    many = CMAP_HEAD + b"1 beginbfrange\n<0000> <00FF> <2F00>\nendbfrange" + CMAP_TAIL
    sections = re.findall(rb"(\d+) beginbfchar", rewrite_tounicode(many, {"⼀": "一"}))
    assert [int(n) for n in sections] == [100, 100, 56], "at most 100 entries a section"

