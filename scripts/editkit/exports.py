"""Machine-readable downloads: paragraphs (JSON), glossary (JSON), TEI, and in CSL-JSON,
BibTeX and RIS both the bibliography and the edition itself (one item, from work.py)."""

import json

from . import bibliography, blocks, tei, work
from .export_bibtex import bibtex
from .export_ris import ris

FOLDER = "downloads/"


def files(edition):
    items = bibliography.csl(edition.bibliography)
    itself = [work.edition_item(edition.meta)]
    return {
        FOLDER + "paragraphs.json": _json(paragraphs(edition)),
        FOLDER + "glossary.json": _json(glossary(edition)),
        FOLDER + "bibliography.json": _json(items),
        FOLDER + "bibliography.bib": bibtex(items),
        FOLDER + "bibliography.ris": ris(items),
        FOLDER + "edition.tei.xml": tei.document(edition),
        FOLDER + "edition.json": _json(itself),
        FOLDER + "edition.bib": bibtex(itself),
        FOLDER + "edition.ris": ris(itself),
    }


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def paragraphs(edition):
    """Each numbered paragraph, front-matter block, list item and table: id, number, section,
    edited text, source lines."""
    titles = {b.id: b.text for b in edition.headings()}
    meta = edition.meta["edition"]
    return {
        "title": meta["title"], "version": str(meta["version"]), "source": edition.source_name,
        "paragraphs": [
            {"id": b.id, "n": b.n or None, "section": b.section, "section_title": titles.get(b.section, ""),
             "text": b.text, "source_lines": sorted(set(b.lines)), **({"lang": b.lang} if b.lang else {})}
            for b in blocks.readable(edition.blocks)  # paragraphs, list items, tables (blocks.py)
        ],
    }


def glossary(edition):
    return [
        {"id": t.id, "term": t.term, "forms": t.forms, "except": t.excluded, "variants": t.variants,
         "simplified": t.simplified,
         "english": t.english, "russian": t.russian or None, "pinyin": t.pinyin_plain, "kind": t.kind,
         "gloss_zh": t.gloss_zh, "gloss_en": t.gloss_en, "unverified": t.unverified or None,
         "occurrences": t.occurrences}
        for t in edition.glossary
    ]
