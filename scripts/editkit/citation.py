"""How to cite the edition and its paragraphs: one set of templates, from edition.yml.

The same data feeds the About page ("How to cite"), the page head (Highwire
citation_* tags, schema.org JSON-LD) and the reader's "cite this paragraph" panel,
which fills in {url}, {n} and the access date on the reader's side.
"""

import html
import json

# Placeholders filled by the reader's browser: {url} (with #pN), {n}, {accessed} (YYYY-MM-DD),
# {accessed_long} (29 November 2026). The rest come from edition.yml.
STYLES = {
    "apa": ("APA 7",
            "{author_en}. ({year}). {title} {title_en} (Version {version}) [Digital critical edition]. {url}"
            "\n({author_en}, {year}, para. {n})"),
    "chicago": ("Chicago",
                "{author_en}. “{title} {title_en}.” {year}. Digital critical edition, version {version}, "
                "{edition_year}. Para. {n}. Accessed {accessed_long}. {url}."),
    "mla": ("MLA 9",
            "{title} {title_en}. {year}. Digital critical edition, version {version}, {edition_year}, "
            "par. {n}. {url}. Accessed {accessed_long}."),
    "gbt": ("GB/T 7714-2015",
            "{author_zh}. {title}[EB/OL]. 第{n}段. ({edition_date})[{accessed}]. {url}."),
}


def fields(meta):
    ed, orig = meta["edition"], meta["original"]
    return {
        "title": ed["title"], "title_en": ed["title_en"], "author_zh": ed["author_zh"],
        "author_en": ed["author_en"], "year": "n.d.", "version": str(ed["version"]),
        "edition_date": str(ed["date"]), "edition_year": str(ed["date"])[:4],
    }


def templates(meta):
    """{style: {label, template}} with the edition's fields filled in and the reader's left open."""
    known = fields(meta)
    out = {}
    for key, (label, template) in STYLES.items():
        filled = template
        for name, value in known.items():
            filled = filled.replace("{" + name + "}", value)
        out[key] = {"label": label, "template": filled}
    return out


def example(meta, url="〈本段網址〉", n=12, accessed="〈存取日期〉"):
    """Each style filled for one paragraph, as the About page shows it."""
    return {key: style["template"].replace("{url}", url).replace("{n}", str(n))
            .replace("{accessed}", accessed).replace("{accessed_long}", accessed)
            for key, style in templates(meta).items()}


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
    lines.append('<script type="application/ld+json">' + _script_json(edition) + "</script>")
    lines.append('<script type="application/json" id="edition-citation">'
                 + _script_json({"styles": templates(meta)}) + "</script>")
    return "\n".join(lines)


def _script_json(data):
    # "</" must not close the script element early
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
