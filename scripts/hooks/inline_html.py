"""MkDocs hook: the pages' HTML goes past Python-Markdown's HTML parser, as it would come out of it.

The edition's pages are Markdown whose paragraphs carry inline HTML: glossary links, the
marks of emendations and annotations, the cite button, a term's later occurrences between
comments. Python-Markdown reads every one of those tags twice: its block preprocessor feeds
the whole page to ``html.parser`` to find raw HTML blocks (and, for each comment inside an
open inline tag, rescans the rest of the page: quadratic in the page), and its inline
pattern then stashes each tag and puts it back verbatim. On the text page at ×100 that is
most of the build.

This hook adds a preprocessor that stores that HTML in Markdown's own HTML stash before the
parser runs, where Markdown would store it itself, and leaves a placeholder that Markdown's
``RawHtmlPostprocessor`` puts back:

* a whole raw HTML block (the source page's list of lines, the apparatus's list), when the
  parser would read it as one block and pass it through: see ``_raw_block_end``;
* each inline tag, and each comment that does not open a line (as ``HtmlInlineProcessor``
  stores it, verbatim).

MkDocs reads the page's raw HTML for the anchors links may point to (its own parser, at
priority 21): the anchors of what was stashed are read one tag at a time with that same
parser and added to what it found in the rest.

What may start or end a raw block is left to the parser (a block-level tag, a comment that
opens a line), as are headings (whose text the toc extension reads) and lines with a
backtick (a tag in a code span is text). The output is the same, byte for byte:
tests/test_inline_html.py converts every page of every edition, and pages written to hold
the edge cases, with and without this hook, and compares the HTML, the table of contents and
the anchors MkDocs finds.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import _HTMLHandler  # the parser MkDocs reads raw HTML's anchors with

TAG = re.compile(HTML_RE)
TAG_NAME = re.compile(r"</?([a-zA-Z][^\s/>]*)")
# an autolink (<https://…>, <name@host>) is a link, which Markdown's patterns take before HTML
AUTOLINK = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
MARKDOWN_INSIDE = re.compile(r"<[a-zA-Z][^>]*\smarkdown[\s=>]")
RAW_ONLY = re.compile(r"<!--|<script|<style|<textarea|<pre")
# a tag that names an anchor (MkDocs reads `id`, and `name` on <a>)
ANCHOR_TAG = re.compile(r"<[a-zA-Z][^<>]*\s(?:id|name)\s*=[^<>]*>")
# Between whitespace normalisation (30: it strips the stash's STX/ETX from the source) and
# MkDocs' reading of the raw HTML for anchors (21), which then reads only what is left.
PRIORITY = 25
# After MkDocs' reading (21), before the raw HTML block preprocessor (20): the anchors of
# the stashed HTML are added to what MkDocs found, for its validation of links to them.
ANCHORS_PRIORITY = 20.5
MKDOCS_ANCHORS = "mkdocs_raw_html"  # MkDocs 1.6's preprocessor that collects raw HTML's anchors


class InlineHtmlStash(Preprocessor):
    """Stashes the page's HTML; ``anchor_ids``: the anchors of what it stashed, as MkDocs' own
    parser (``mkdocs.structure.pages._HTMLHandler``) reads them, one tag at a time."""

    def run(self, lines):
        md = self.md
        block_level = {}  # tag name → whether it is block-level (a few names, hundreds of thousands of tags)
        anchors = self.anchor_ids = set()

        def keep(html):
            for tag in ANCHOR_TAG.findall(html) if ("id" in html or "name" in html) else ():
                anchors.update(_anchor_ids(tag))
            return md.htmlStash.store(html)

        def store(m):
            raw = m.group(1)
            named = TAG_NAME.match(raw)
            if named:
                name = named.group(1)
                if name not in block_level:
                    block_level[name] = md.is_block_level(name.lower())
                if block_level[name] or (":" in raw or "@" in raw) and AUTOLINK.fullmatch(raw):
                    return raw
            elif not m.string[:m.start()].strip():  # a comment opening a line: a raw block
                return raw
            return keep(raw)

        # in a page with Markdown inside HTML (md_in_html), a raw block may be such an element's child
        whole_blocks = not any(MARKDOWN_INSIDE.search(line) for line in lines if "markdown" in line)
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            end = _raw_block_end(lines, i, md) if whole_blocks and line.startswith("<") else None
            if end is not None:  # a whole raw block, as the parser would store it (a blank line follows)
                out.append(keep("\n".join(lines[i:end]) + "\n"))
                i = end
                continue
            if "<" not in line or line.startswith("#") or "`" in line:
                out.append(line)
            else:
                out.append(TAG.sub(store, line))
            i += 1
        return out


def _raw_block_end(lines, start, md):
    """Where the raw HTML block that opens at ``lines[start]`` ends, if the parser would read it
    as one block and pass it through whole: a block-level element that opens the line, after a
    blank line, and closes at the end of a line followed by a blank line (Markdown ends every
    page with one), with no blank line inside and no text the parser treats apart (script,
    style, comments). Else None: the parser reads it."""
    opening = BLOCK_START.match(lines[start])
    if not opening or (start and lines[start - 1].strip()) or not md.is_block_level(opening.group(1)):
        return None
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    run = "\n".join(lines[start:end])
    tag = opening.group(1)
    if not run.endswith(f"</{tag}>") or RAW_ONLY.search(run):
        return None
    depth = 0
    for mark in re.finditer(f"<(/?){tag}[\\s>]", run):
        depth += -1 if mark.group(1) else 1
        if depth == 0:  # the element closes here: it must be the end of the run
            return end if mark.end() == len(run) else None
    return None


def _anchor_ids(tag):
    handler = _HTMLHandler()
    handler.feed(tag)
    handler.close()
    return handler.present_anchor_ids


class AnchorsForMkDocs(Preprocessor):
    """Adds the stashed HTML's anchors to those MkDocs found in what was left (when MkDocs runs)."""

    def __init__(self, md, stash):
        super().__init__(md)
        self.stash = stash

    def run(self, lines):
        if MKDOCS_ANCHORS in self.md.preprocessors:
            self.md.preprocessors[MKDOCS_ANCHORS].present_anchor_ids |= self.stash.anchor_ids
        return lines


class InlineHtml(Extension):
    def extendMarkdown(self, md):
        stash = InlineHtmlStash(md)
        md.preprocessors.register(stash, "edition_inline_html", PRIORITY)
        md.preprocessors.register(AnchorsForMkDocs(md, stash), "edition_inline_html_anchors", ANCHORS_PRIORITY)


def on_config(config):
    config.markdown_extensions.append(InlineHtml())
    return config
