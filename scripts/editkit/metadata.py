"""What a page's head says about the edition to machines: Highwire Press citation_* tags,
Dublin Core and schema.org JSON-LD, read by reference managers and search engines."""

import html

from .citation import script_json


def head(meta):
    """Highwire Press tags, Dublin Core, schema.org JSON-LD and the panel's citation data, as HTML."""
    ed, orig = meta["edition"], meta["original"]
    tags = [
        ("citation_title", ed["title"]),
        ("citation_author", ed["author_zh"]),
        ("citation_publication_date", "n.d."),
        ("citation_language", orig["language"]),
        ("DC.title", ed["title"]),
        ("DC.creator", ed["author_zh"]),
        ("DC.date.created", "n.d."),
        ("DC.language", orig["language"]),
    ]
    named = {
        "@type": "ScholarlyArticle",
        "name": ed["title"],
        "alternateName": ed["title_en"],
        "author": {"@type": "Person", "name": ed["author_en"]},
    }
    article = {**named, "datePublished": "n.d.", "dateCreated": str(orig["submitted"]),
               "inLanguage": orig["language"], "locationCreated": orig["country"],
               "description": orig.get("note_en", "")}
    edition = {"@context": "https://schema.org", **named, "version": str(ed["version"]),
               "datePublished": str(ed["date"]), "inLanguage": ed["language"],
               "publisher": {"@type": "Organization", "name": ed["editor"]["name_en"]}, "isBasedOn": article}
    lines = [f'<meta name="{name}" content="{html.escape(value, quote=True)}">' for name, value in tags]
    lines.append('<script type="application/ld+json">' + script_json(edition) + "</script>")
    return "\n".join(lines)
