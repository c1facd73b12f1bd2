"""Machine-readable downloads: paragraphs (JSON), glossary (JSON), bibliography (CSL-JSON, BibTeX, RIS), TEI."""

import json

from . import bibliography, tei

FOLDER = "downloads/"


def files(edition):
    items = bibliography.csl(edition.bibliography)
    return {
        FOLDER + "paragraphs.json": _json(paragraphs(edition)),
        FOLDER + "glossary.json": _json(glossary(edition)),
        FOLDER + "bibliography.json": _json(items),
        FOLDER + "bibliography.bib": bibtex(items),
        FOLDER + "bibliography.ris": ris(items),
        FOLDER + "edition.tei.xml": tei.document(edition),
    }


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def paragraphs(edition):
    """Each numbered paragraph and front-matter block: id, number, section, edited text, source lines."""
    titles = {b.id: b.text for b in edition.headings()}
    meta = edition.meta["edition"]
    return {
        "title": meta["title"], "version": str(meta["version"]), "source": edition.source_name,
        "paragraphs": [
            {"id": b.id, "n": b.n or None, "section": b.section, "section_title": titles.get(b.section, ""),
             "text": b.text, "source_lines": sorted(set(b.lines)), **({"lang": b.lang} if b.lang else {})}
            for b in edition.blocks if b.kind in ("paragraph", "item")
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


BIBTEX_TYPES = {"treaty": "misc", "legislation": "misc", "report": "techreport", "speech": "misc",
                "document": "misc", "webpage": "online", "article-journal": "article", "book": "book"}


def _names(item):
    return " and ".join("{" + (a.get("literal") or f"{a.get('family', '')}, {a.get('given', '')}") + "}"
                        for a in item.get("author", []))


def _date(item):
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return parts[0]


def bibtex(items):
    out = []
    for item in items:
        fields = {"title": "{" + item["title"] + "}", "author": _names(item)}
        date = _date(item)
        if date:
            fields["year"] = str(date[0])
            if len(date) == 3:
                fields["date"] = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))
        for key, csl_key in (("publisher", "publisher"), ("address", "publisher-place"), ("note", "note"),
                             ("howpublished", "genre"), ("language", "language")):
            if item.get(csl_key):
                fields[key] = "{" + item[csl_key] + "}"
        if item.get("event-place") and "address" not in fields:
            fields["address"] = "{" + item["event-place"] + "}"
        fields["keywords"] = "{" + item["custom"]["article_name"] + "}"
        body = ",\n".join(f"  {k} = {v}" for k, v in fields.items() if v and v != "{}")
        out.append(f"@{BIBTEX_TYPES.get(item['type'], 'misc')}{{{item['id']},\n{body}\n}}\n")
    return "\n".join(out)


RIS_TYPES = {"treaty": "GOVDOC", "legislation": "GOVDOC", "report": "RPRT", "speech": "GEN",
             "document": "GEN", "webpage": "ELEC", "book": "BOOK", "article-journal": "JOUR"}


def ris(items):
    out = []
    for item in items:
        lines = [f"TY  - {RIS_TYPES.get(item['type'], 'GEN')}", f"ID  - {item['id']}", f"TI  - {item['title']}"]
        lines += [f"AU  - {a.get('literal') or a.get('family', '') + ', ' + a.get('given', '')}"
                  for a in item.get("author", [])]
        date = _date(item)
        if date:
            lines.append(f"PY  - {date[0]}")
            lines.append("DA  - " + "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date)))
        for tag, key in (("PB", "publisher"), ("CY", "publisher-place"), ("N1", "note"), ("LA", "language")):
            if item.get(key):
                lines.append(f"{tag}  - {item[key]}")
        lines.append(f"KW  - {item['custom']['article_name']}")
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
