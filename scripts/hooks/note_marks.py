"""MkDocs hook: each note reference shows the mark of its kind, not a running number.

Python-Markdown's footnotes number every reference in the order it comes (one
``SUPERSCRIPT_TEXT`` for all). The text page has two kinds of notes: the lost notes the
edition places where a marker was lost (ids ``n3``, scripts/editkit/build.py), marked
〔注佚3〕 so that they cannot be taken for the author's own; and the notes that survive
in the source (ids ``fn2``, scripts/editkit/notes.py), shown with the number the source gives
them. A text may hold both, so the mark is set here, from the note's id.
"""

import re

_REF = re.compile(r'(<a class="footnote-ref" href="#fn:(n|fn)(\d+)">)[^<]*(</a>)')
MARKS = {"n": "〔注佚{}〕", "fn": "{}"}


def note_mark(match):
    kind, number = match.group(2), match.group(3)
    return match.group(1) + MARKS[kind].format(number) + match.group(4)


def on_page_content(html, page, config, files):
    return _REF.sub(note_mark, html)
