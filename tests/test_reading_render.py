"""The reading layer's pure functions, on small hand-made cases: how glossary terms are linked
(once per section), how interventions are marked, what the diplomatic view is given."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from editkit import inline, reading_data  # noqa: E402
from editkit.model import Block, Edition, Span  # noqa: E402
from editkit.pages import apparatus  # noqa: E402


def look(span):
    if span.kind == "term":
        return {"href": f"glossary.html#{span.ref.removeprefix(inline.MORE)}"}
    if span.kind == "mention":
        return {"href": f"bibliography.html#{span.ref}", "title": "doc"}
    return {"original": "乙", "title": "校改", "label": "校", "href": f"apparatus.html#{span.ref}"}


def block(text, spans):
    return Block(kind="paragraph", lines=[1], source=text, id="p1", n=1, text=text, spans=spans)


def test_a_term_is_linked_at_its_first_occurrence_and_marked_at_the_others():
    b = block("甲乙甲", [Span(0, 1, "term", "t"), Span(2, 3, "term", "t")])
    html = inline.render(b, b.spans, look)
    assert html == ('<a class="term" href="glossary.html#t" data-term="t">甲</a>乙'
                    '<!--t t-->甲<!--/t-->')
    assert inline.terms_linked(b, b.spans) == {"t"}


def test_a_term_linked_earlier_in_the_section_is_not_linked_again():
    b = block("甲乙", [Span(0, 1, "term", "t")])
    assert inline.render(b, b.spans, look, frozenset({"t"})) == '<!--t t-->甲<!--/t-->乙'
    assert inline.terms_linked(b, b.spans, frozenset({"t"})) == set()


def test_a_term_only_inside_another_link_is_not_counted_as_linked():
    b = block("甲乙丙", [Span(0, 3, "mention", "doc"), Span(0, 1, "term", "t")])
    html = inline.render(b, b.spans, look)
    assert html.startswith('<a class="mention"') and '<!--ti t-->甲<!--/t-->' in html
    assert inline.terms_linked(b, b.spans) == set(), "the next paragraph of the section may still link it"


def test_a_deletion_is_a_visible_focusable_mark_and_a_reading_in_a_link_takes_no_focus():
    b = block("甲乙", [Span(1, 1, "emendation", "e1")])
    html = inline.render(b, b.spans, look)
    assert '<span class="emendation deletion" data-original="乙" data-ed="e1" tabindex="0" role="img"' in html
    assert 'aria-label="刪去「乙」"' in html
    b = block("甲乙", [Span(0, 2, "term", "t"), Span(1, 2, "emendation", "e2")])
    html = inline.render(b, b.spans, look)
    assert '<span class="emendation" data-original="乙" data-ed="e2">' in html, "no tabindex inside <a>"


def test_the_diplomatic_view_gets_each_blocks_lines_as_they_are():
    edition = Edition(meta={}, source_text=" 甲乙，\n丙丁。\n戊", source_name="x.txt", decisions=[],
                      blocks=[Block(kind="paragraph", lines=[1, 2], source="甲乙，丙丁。", id="p1"),
                              Block(kind="paragraph", lines=[3], source="戊", id="p2")])
    assert reading_data.source_lines(edition) == {"p1": [[1, " 甲乙，"], [2, "丙丁。"]], "p2": [[3, "戊"]]}
    script = reading_data.files(edition)[reading_data.SOURCE_LINES]
    assert script.startswith("window.editionSourceLines = {") and script.endswith(";\n")


def test_lost_notes_are_filtered_as_one_kind():
    class D:
        kind = "break-note"
    assert apparatus.group(D()) == "lost-note"
    D.kind = "join"
    assert apparatus.group(D()) == "join"
