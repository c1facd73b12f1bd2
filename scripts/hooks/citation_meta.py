"""MkDocs hook: Highwire Press citation_* tags and schema.org JSON-LD in every page head,
from edition/edition.yml, so reference managers and indexers pick the edition up.

The original article (2007; submitted and accepted dates) is kept distinct from this
edition (its version and date): the JSON-LD edition `isBasedOn` the article.
"""

import html
import json
from pathlib import Path

import yaml

HEAD = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    meta = yaml.safe_load((root / "edition" / "edition.yml").read_text(encoding="utf-8"))
    HEAD["tags"] = head_tags(meta)
    return config


def head_tags(meta):
    ed, orig = meta["edition"], meta["original"]
    tags = [
        ("citation_title", ed["title"]),
        ("citation_author", ed["author_zh"]),
        ("citation_publication_date", str(orig["year"])),
        ("citation_language", orig["language"]),
        ("DC.title", ed["title"]),
        ("DC.creator", ed["author_zh"]),
        ("DC.date.created", str(orig["year"])),
        ("DC.language", orig["language"]),
    ]
    named = {
        "@type": "ScholarlyArticle",
        "name": ed["title"],
        "alternateName": ed["title_en"],
        "author": {"@type": "Person", "name": ed["author_en"]},
    }
    article = {
        **named,
        "datePublished": str(orig["year"]),
        "dateCreated": str(orig["submitted"]),
        "inLanguage": orig["language"],
        "locationCreated": orig["country"],
        "description": orig.get("note_en", ""),
    }
    edition = {
        "@context": "https://schema.org",
        **named,
        "version": str(ed["version"]),
        "datePublished": str(ed["date"]),
        "inLanguage": ed["language"],
        "publisher": {"@type": "Organization", "name": ed["publisher_en"]},
        "isBasedOn": article,
    }
    lines = [f'<meta name="{name}" content="{html.escape(value, quote=True)}">' for name, value in tags]
    lines.append('<script type="application/ld+json">' + json.dumps(edition, ensure_ascii=False) + "</script>")
    return "\n".join(lines)


def on_post_page(output, page, config):
    return output.replace("</head>", HEAD["tags"] + "\n</head>", 1)
