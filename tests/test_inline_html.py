"""scripts/hooks/inline_html.py: inline HTML stashed before Python-Markdown's HTML parser reads it.

The hook is a shortcut (issue 9: the text page at ×100 spent most of its build in
``html.parser``), so what it must prove is that it changes nothing: every page of every
edition, and a page written to hold the cases where a tag is *not* inline HTML (code spans,
headings, raw HTML blocks, comments that open a line, backslash escapes), converts with the
site's Markdown extensions to the same HTML and the same table of contents with and without
it, as Python-Markdown itself converts them; and that MkDocs finds the same anchors in it, for
its validation of links. And that it does stash: the parser no longer sees the text page's
inline tags, nor the source page's lines.
"""

import re
import sys

import markdown
import pytest
import yaml
from conftest import ROOT, run_cli
from mkdocs.structure.pages import _RawHTMLPreprocessor
from mkdocs.utils.meta import get_data
from test_every_edition import EDITIONS

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
import inline_html  # noqa: E402


def site_extensions():
    """mkdocs.yml's markdown_extensions: (names, configs)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def convert(text, stash):
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names + ([inline_html.InlineHtml()] if stash else []),
                           extension_configs=configs)
    return md.convert(text), getattr(md, "toc_tokens", None)


def same_with_and_without(text):
    with_hook, without = convert(text, stash=True), convert(text, stash=False)
    assert with_hook[0] == without[0]
    assert with_hook[1] == without[1]
    return with_hook[0]


@pytest.fixture(scope="module", params=EDITIONS, ids=[p.relative_to(ROOT).as_posix() for p in EDITIONS])
def pages(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inline-html")
    built = run_cli("build", request.param, tmp / "docs", cwd=tmp)
    assert built.returncode == 0, built.stderr
    return {p.name: get_data(p.read_text(encoding="utf-8"))[0] for p in sorted((tmp / "docs").glob("*.md"))}


def test_every_page_of_every_edition_converts_to_the_same_html(pages):
    assert "text.md" in pages and "glossary.md" in pages
    for name, text in pages.items():
        html = same_with_and_without(text)
        assert html, name


def mkdocs_anchor_ids(text, stash):
    """The anchors MkDocs finds in a page's raw HTML (which links from other pages may name)."""
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names + ([inline_html.InlineHtml()] if stash else []),
                           extension_configs=configs)
    raw = _RawHTMLPreprocessor()
    raw._register(md)  # as mkdocs.structure.pages.Page.render registers it
    md.convert(text)
    return raw.present_anchor_ids


def test_mkdocs_finds_the_same_anchors_in_the_stashed_html(pages):
    for name, text in pages.items():
        assert mkdocs_anchor_ids(text, stash=True) == mkdocs_anchor_ids(text, stash=False), name
    # the source page's line anchors live in a raw block stashed whole; the apparatus's entries too
    assert {"L1", "L2"} <= mkdocs_anchor_ids(pages["source.md"], stash=True)
    entries = re.findall(r'<li class="app-entry" id="([^"]+)"', pages["apparatus.md"])
    assert entries and set(entries) <= mkdocs_anchor_ids(pages["apparatus.md"], stash=True)


CASES = """\
# A heading with <span class="x">a tag</span> {: #h }

A paragraph with <a class="term" href="glossary.html#x" data-term="x">a link</a>, a
<span class="annotation" data-original="a\\*b" data-ed="a1" tabindex="0">mark</span> whose
attribute holds an escape, <!--t x-->a later occurrence<!--/t--> and `<code>in a span</code>`.
{: #p1 .para }

<!-- a comment that opens a line is a raw block -->

<div class="raw">
<p>A raw block with <em>inline</em> tags <!-- and a comment --> inside.</p>
</div>

<figure markdown="1">
A cell with <span lang="en">Markdown</span> **inside** a raw block.
</figure>

<span class="lead">A line that starts with an inline tag</span> and goes on.

1. A list item with <a href="#p1">a link</a>[^1]
    {: #i1 }

| a | b |
|---|---|
| <span>x</span> | y |

[^1]: A note with <span class="n">a tag</span>.

An autolink <https://example.org/a_b> and a mail <name@example.org>.

Text after a block: <div>block-level, mid-line</div> and <br> a void tag.
"""


BLOCKS = """\
A paragraph.

<ol class="lines">
<li id="L1"><a href="#L1">1</a><span>a line with <em>inline</em> tags</span></li>
<li id="L2"><ol><li>a list inside</li></ol></li>
</ol>

<div class="outer"><div class="inner">nested</div>
<p>the same tag inside</p></div>

<div>closed mid-line</div> and text after it

<div>closed mid-line</div> then <div>another that ends the line</div>

<div>
not followed by a blank line</div>
Text right after.

<div>a block with <!-- a comment --> in it</div>

<ul><li>unclosed

<table>
<tr><td><span>a cell</span></td></tr>
</table>
"""


def test_whole_raw_blocks_convert_to_the_same_html():
    html = same_with_and_without(BLOCKS)
    same_with_and_without(BLOCKS.rstrip("\n"))  # the last block ends the page
    assert '<li id="L2"><ol><li>a list inside</li></ol></li>\n</ol>' in html


def test_where_a_tag_is_not_inline_html_the_output_is_still_the_same():
    html = same_with_and_without(CASES)
    assert "<code>&lt;code&gt;in a span&lt;/code&gt;</code>" in html  # a tag in a code span stays text
    assert "<!-- a comment that opens a line is a raw block -->" in html
    assert '<a href="https://example.org/a_b">' in html  # an autolink is a link, not a tag


def parser_input(text):
    """The lines the HTML block parser gets, and how many pieces of HTML were stashed before it."""
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names + [inline_html.InlineHtml()], extension_configs=configs)
    lines = text.split("\n")
    for processor in md.preprocessors:
        if processor is md.preprocessors["html_block"]:
            break
        lines = processor.run(lines)
    return lines, md.htmlStash.html_counter


def test_the_parser_no_longer_reads_the_source_pages_lines(pages):
    """The source page is one raw HTML list: stashed whole, none of its lines is parsed."""
    lines, stashed = parser_input(pages["source.md"])
    assert pages["source.md"].count("<li") > 10
    assert stashed > 0 and not [line for line in lines if line.startswith("<li")]


def test_the_parser_no_longer_reads_the_text_pages_inline_tags(pages):
    """What the HTML block parser gets: no inline tag or comment left in a paragraph of the text page."""
    lines, stashed = parser_input(pages["text.md"])
    paragraphs = [line for line in lines if line and line[0] not in "#<{"]
    assert stashed > 0
    left = [line for line in paragraphs if "<a " in line or "<span" in line or "<!--" in line]
    assert not left, left[:3]
