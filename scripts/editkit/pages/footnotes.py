"""The notes that survive in the source, as footnotes of the text page (Python-Markdown's
footnotes: the reference and the note link to each other both ways).

Each note keeps the number the source gives it (`[^fn2]` for note 2). The text page shows
footnote numbers in the order of the references, which is the source's order: notes.place
refuses markers out of order.
"""

from ..inline import escape


def render(edition):
    """Markdown: the section heading and one footnote definition per note, or nothing."""
    if not edition.footnotes:
        return ""
    out = ["## 原注 {: #footnotes }\n"]
    for note in sorted(edition.footnotes.values(), key=lambda n: int(n.number)):
        lines = "–".join(f"[{n}](source.md#L{n})" for n in (note.text_lines[0], note.text_lines[-1]))
        out.append(f"[^{note.id}]: {escape(note.text)} （原注 {note.number}；原文第 {lines} 行）\n")
    return "\n".join(out)
