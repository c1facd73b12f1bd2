"""MkDocs hook: inline HTML goes past Python-Markdown's HTML parser, as it would come out of it.

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

What may start or end a raw block is left to the parser (a block-level tag, a comment that
opens a line), as are headings (whose text the toc extension reads) and lines with a
backtick (a tag in a code span is text). The output is the same, byte for byte:
tests/test_inline_html.py converts every page of every edition, and pages written to hold
the edge cases, with and without this hook, and compares.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE
from markdown.preprocessors import Preprocessor

TAG = re.compile(HTML_RE)
TAG_NAME = re.compile(r"</?([a-zA-Z][^\s/>]*)")
# an autolink (<https://…>, <name@host>) is a link, which Markdown's patterns take before HTML
AUTOLINK = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
BLOCK_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
MARKDOWN_INSIDE = re.compile(r"<[a-zA-Z][^>]*\smarkdown[\s=>]")
RAW_ONLY = re.compile(r"<!--|<script|<style|<textarea|<pre")
# Between whitespace normalisation (30: it strips the stash's STX/ETX from the source) and
# the raw HTML block preprocessor (20).
PRIORITY = 25


class InlineHtmlStash(Preprocessor):
    def run(self, lines):
        md = self.md
        block_level = {}  # tag name → whether it is block-level (a few names, hundreds of thousands of tags)

        def store(m):
            raw = m.group(1)
            name = TAG_NAME.match(raw)
            if name:
                name = name.group(1)
                if name not in block_level:
                    block_level[name] = md.is_block_level(name.lower())
                if block_level[name] or (":" in raw or "@" in raw) and AUTOLINK.fullmatch(raw):
                    return raw
            elif not m.string[:m.start()].strip():  # a comment opening a line: a raw block
                return raw
            return md.htmlStash.store(raw)

        # in a page with Markdown inside HTML (md_in_html), a raw block may be such an element's child
        whole_blocks = not any(MARKDOWN_INSIDE.search(line) for line in lines if "markdown" in line)
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            end = _raw_block_end(lines, i, md) if whole_blocks and line.startswith("<") else None
            if end is not None:  # a whole raw block, as the parser would store it (a blank line follows)
                out.append(md.htmlStash.store("\n".join(lines[i:end]) + "\n"))
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
    blank line, and closes at the end of a line followed by a blank line (Markdown ends every page with one), with no blank line
    inside and no text the parser treats apart (script, style, comments). Else None: the parser reads it."""
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


class InlineHtml(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(InlineHtmlStash(md), "edition_inline_html", PRIORITY)


def on_config(config):
    config.markdown_extensions.append(InlineHtml())
    return config
