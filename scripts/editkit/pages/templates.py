"""Pages written by the editor as Markdown templates in edition/pages/, filled with figures from the model."""

import re
from collections import Counter

from .. import address, citation, csl, responsibility
from ..inline import escape
from ..errors import EditionError

FIELD = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


def figures(edition):
    """The numbers and names a template may use as {{ name }}."""
    kinds = Counter(d.kind for d in edition.decisions)
    meta, original = edition.meta["edition"], edition.meta["original"]
    return {
        "title": meta["title"],
        "title_en": meta["title_en"],
        "version": str(meta["version"]),
        "edition_date": str(meta["date"]),
        "paragraphs": str(len(edition.paragraphs)),
        "last_paragraph": f"p{len(edition.paragraphs)}",
        "lost_notes": str(len(edition.notes)),
        "emendations": str(kinds["emendation"]),
        "annotations": str(kinds["annotation"]),
        "breaks": str(sum(kinds[k] for k in ("join", "join-note", "break-note", "break"))),
        "decisions": str(len(edition.decisions)),
        "source_name": edition.source_name,
        "source_sha256": edition.meta["source"]["sha256"],
        "source_chars": str(len(edition.source_text)),
        "source_lines": str(edition.source_text.count("\n") + 1),
        "original_date": str(original.get("date") or ""),  # optional: a judgment's date, a law's promulgation
        "submitted": str(original.get("submitted") or ""),  # optional: only what the source gives
        "accepted": str(original.get("accepted") or ""),
        "footnotes": str(len(edition.footnotes)),  # notes that survive in the source
        "furniture_lines": str(len(edition.furniture)),
        "pages": str(sum(1 for line in edition.furniture if line.group == "page-number")),
        "glossary_entries": str(len(edition.glossary)),
        "bibliography_entries": str(len(edition.bibliography)),
        "how_to_cite": how_to_cite(edition.meta),
        **responsibility.figures(edition.meta),
        # the published copy of the zip when there is an address, so that the copy of the home
        # page inside the zip never links to a file the zip cannot hold (itself)
        "offline_zip": address.page_url(edition.meta, "downloads/edition-offline.zip") or "downloads/edition-offline.zip",
    }


def how_to_cite(meta):
    """The citation forms of a paragraph (paragraph 12 as the example), as a Markdown list: for each
    style its reference and its in-text citation, rendered by the same engine as the cite panel."""
    labels = {key: style.label for key, style in csl.styles().items()}
    rows = []
    for key, (reference, in_text) in citation.example(meta).items():
        rows.append(f'- **{escape(labels[key])}**：<span class="citation" data-style="{key}">'
                    f'<span class="citation__reference">{escape(reference)}</span><br>'
                    f'<span class="citation__in-text">{escape(in_text)}</span></span>')
    return "\n".join(rows)


def fill(template, values, path):
    def one(match):
        name = match.group(1)
        if name not in values:
            line = template[: match.start()].count("\n") + 1
            raise EditionError(path, f"unknown field {{{{ {name} }}}} — use one of: {', '.join(sorted(values))}", line)
        return values[name]
    return FIELD.sub(one, template)
