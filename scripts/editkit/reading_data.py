"""Data the text page's reading.js loads on demand, as scripts (a script tag loads from file://,
where fetch() cannot): the glosses, once for the whole page, and each block's source lines.

Neither is in the text page itself, so that the page costs no more to load than its text.
"""

import json

GLOSSES = "generated/glosses.js"
SOURCE_LINES = "generated/source-lines.js"


def files(edition):
    return {GLOSSES: _script("editionGlosses", glosses(edition)),
            SOURCE_LINES: _script("editionSourceLines", source_lines(edition))}


def glosses(edition):
    """{term id: {zh, en, href}}: the gloss in each language a passage can be in."""
    return {t.id: {"zh": f"{t.term}（{t.english}）：{t.gloss_zh}",
                   "en": f"{t.english}: {t.gloss_en}",
                   "href": f"glossary.html#{t.id}"}
            for t in edition.glossary}


def source_lines(edition):
    """{block id: [[line number, the line exactly as in the source], …]} for every block with an id."""
    lines = edition.source_text.split("\n")
    return {b.id: [[n, lines[n - 1]] for n in b.lines] for b in edition.blocks if b.id}


def _script(name, data):
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{name} = {body};\n"
