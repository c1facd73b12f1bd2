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


def panel_data(meta):
    """The cite panel's data, as a script element for the page head."""
    return ('<script type="application/json" id="edition-citation">'
            + script_json({"styles": templates(meta)}) + "</script>")


def script_json(data):
    # "</" must not close the script element early
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
