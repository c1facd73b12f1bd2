"""MkDocs hook: inline HTML goes past Python-Markdown's HTML parser, as it would come out of it.

The edition's pages are Markdown whose paragraphs carry inline HTML: glossary links, the
marks of emendations and annotations, the cite button, a term's later occurrences between
comments. Python-Markdown reads every one of those tags twice: its block preprocessor feeds
the whole page to ``html.parser`` to find raw HTML blocks (and, for each comment inside an
open inline tag, rescans the rest of the page: quadratic in the page), and its inline
pattern then stashes each tag and puts it back verbatim. On the text page at ×100 that is
most of the build.

This hook adds a preprocessor that does what the inline pattern does, before the parser:
each inline tag, and each comment that does not open a line, is stored in Markdown's own
HTML stash (as ``HtmlInlineProcessor`` stores it, verbatim) and replaced
by the stash's placeholder, which Markdown's ``RawHtmlPostprocessor`` puts back. What may
start or end a raw HTML block is left to the parser: block-level tags, a comment opening a
line; so are headings (whose text the toc extension reads) and lines with a backtick (a tag in a code span
is text). The output is the same, byte for byte:
tests/test_inline_html.py builds every edition with and without this hook and compares.
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

        out = []
        for line in lines:
            if "<" not in line or line.startswith("#") or "`" in line:
                out.append(line)
                continue
            out.append(TAG.sub(store, line))
        return out


class InlineHtml(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(InlineHtmlStash(md), "edition_inline_html", PRIORITY)


def on_config(config):
    config.markdown_extensions.append(InlineHtml())
    return config
