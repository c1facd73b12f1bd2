"""Nothing lost: the edition, stripped of its editorial layer, gives back the source."""

import html
import re

from lxml import html as lhtml


def flatten(text):
    """The source's characters with line breaks and the leading spaces of lines set aside."""
    return "".join(line.lstrip(" ") for line in text.split("\n")).rstrip(" ")


def test_text_page_html_gives_back_the_source(site, source_text):
    page = lhtml.parse(str(site / "text.html")).getroot()
    article = page.find_class("md-content__inner")[0]
    drop = [
        "//h1", "//*[contains(@class,'supplied-note')]", "//*[contains(@class,'pnum')]",
        "//*[contains(@class,'ed-mark')]", "//sup[starts-with(@id,'fnref')]", "//div[contains(@class,'footnote')]",
        "//*[@id='notes']", "//*[contains(@class,'notes-intro')]", "//*[contains(@class,'ce-date')]",
        "//*[contains(@class,'headerlink')]", "//*[contains(@class,'quote-source')]",
        "//form[contains(@class,'reading-controls')]",
    ]
    for xpath in drop:
        for el in article.xpath("." + xpath):
            el.drop_tree()
    reversed_ = 0
    for el in article.xpath(".//*[contains(concat(' ',@class,' '),' emendation ')]"):
        original, tail = el.get("data-original"), el.tail
        el.clear()
        el.text, el.tail = original, tail
        reversed_ += 1
    assert reversed_ >= 4, "the emendations should be in the page, each with its original reading"
    # whitespace-only text with a line break is the template's layout, not the text
    text = "".join(t for t in article.itertext() if t.strip() or "\n" not in t).replace("\n", "")
    assert text == flatten(source_text)


def unmark_markdown(md):
    """Undo the edition's Markdown: front matter, ids, numbers, marks, notes; reverse emendations."""
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    md = md.split("\n## 原注（佚）")[0]  # the lost notes section and its definitions
    md = re.sub(r"^# .*$", "", md, count=1, flags=re.M)  # the supplied title
    md = re.sub(r'<p class="supplied-note">.*?</p>', "", md)
    md = re.sub(r'<a [^>]*class="pnum"[^>]*>[0-9]+</a>', "", md)
    md = re.sub(r'<a class="ed-mark"[^>]*>[校按]</a>', "", md)
    md = re.sub(r"\[\^n[0-9]+\]", "", md)
    md = re.sub(r'<form class="reading-controls".*?</form>', "", md, flags=re.S)
    md = re.sub(r'<span class="emendation(?: deletion)?" data-original="([^"]*)"[^>]*>[^<]*</span>',
                lambda m: html.unescape(m.group(1)), md)
    md = re.sub(r'<span class="annotation"[^>]*>(.*?)</span>', r"\1", md)
    md = re.sub(r'<span class="ce-date">.*?</span>', "", md)
    md = re.sub(r'<p class="quote-source">.*?</p>', "", md)
    md = re.sub(r"<[^>]+>", "", md)  # remaining tags: blockquote, time, abbr, p
    md = re.sub(r"^ *\{: [^}]*\}$", "", md, flags=re.M)
    md = re.sub(r" \{: [^}]*\}$", "", md, flags=re.M)
    md = re.sub(r"^#+ ", "", md, flags=re.M)
    md = re.sub(r"^1\. ", "", md, flags=re.M)
    md = re.sub(r"\\(.)", r"\1", md)
    return html.unescape(md).replace("\n", "")


def test_text_markdown_gives_back_the_source(docs, source_text):
    md = (docs / "text.md").read_text(encoding="utf-8")
    assert unmark_markdown(md) == flatten(source_text)


def test_emendations_keep_the_original_visible(site):
    page = lhtml.parse(str(site / "text.html")).getroot()
    marks = page.xpath("//span[contains(concat(' ',@class,' '),' emendation ')]")
    originals = {m.get("data-original") for m in marks}
    assert "新" in originals and "，，" in originals
    for m in marks:
        marker = m.xpath("following::a[contains(@class,'ed-mark')][1]")
        assert marker, "an editorial marker follows the reading"
        assert m.get("data-original") in marker[0].get("title"), "the marker (and its popover) gives the original reading"
