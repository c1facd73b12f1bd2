"""What the head of the full-text page tells machines about the edition: Highwire Press
citation_* tags (Google Scholar, Zotero), Dublin Core, Open Graph's type, and schema.org
JSON-LD. All three say the same things, taken from the one CSL item of the edition
(`work.edition_item`): a book-like digital edition, edited and published by the editorial
body, dated by its current version. The article's author is not recorded, so no tag names
an author; the article's own dates appear only as what the source states them to be.

One citation block for the work, on the page that holds its full text (Google Scholar's
inclusion rule): the other pages carry only their own description, which MkDocs writes.
Pure: the hook (scripts/hooks/citation_meta.py) puts `head(...)` into the page.
"""

import html
import json

from . import address
from .work import edition_item


def tags(meta, abstract):
    """(attribute, name, content) of every meta tag, in order; `abstract` is the article's Chinese abstract."""
    item = edition_item(meta)
    ed = meta["edition"]
    body = ed["editor"]["name"]
    y, m, d = item["issued"]["date-parts"][0]
    url = address.page_url(meta, "text.html")
    out = [
        # Highwire Press. No citation_journal_title, citation_isbn or citation_author: Zotero's
        # Embedded Metadata translator would take the first two for another item type, and the
        # third would name an author the source does not record.
        ("name", "citation_title", item["title"]),
        ("name", "citation_editor", body),
        ("name", "citation_publisher", item["publisher"]),
        ("name", "citation_publication_date", f"{y:04d}/{m:02d}/{d:02d}"),  # Google Scholar's form
        ("name", "citation_language", item["language"]),
    ]
    if abstract:  # only an edition whose source has an abstract
        out.append(("name", "citation_abstract", abstract))
    if url:
        out += [("name", "citation_public_url", url), ("name", "citation_fulltext_html_url", url)]
    out += [
        # Dublin Core (elements 1.1, as Zotero reads them through its RDF translator).
        ("name", "DC.title", item["title"]),
        ("name", "DC.contributor", body),
        ("name", "DC.publisher", item["publisher"]),
        ("name", "DC.date", f"{y:04d}-{m:02d}-{d:02d}"),
        ("name", "DC.language", item["language"]),
        ("name", "DC.rights", ed["licence"]["url"]),
    ]
    if url:
        out.append(("name", "DC.identifier", url))
    # Open Graph's type is what tells Zotero the item is a book (its RDF translator maps
    # og:type "book" to Zotero's book); the Highwire tags alone would guess journalArticle.
    out += [("property", "og:type", "book"), ("property", "og:title", item["title"])]
    if url:
        out.append(("property", "og:url", url))
    return out


def jsonld(meta, abstract):
    """The edition as schema.org data: a Book edited and published by an Organization."""
    item = edition_item(meta)
    ed, orig = meta["edition"], meta["original"]
    body = {"@type": "Organization", "name": ed["editor"]["name"], "alternateName": ed["editor"]["name_en"]}
    original = {"@type": orig.get("schema_type") or "ScholarlyArticle", "inLanguage": orig["language"],
                "description": _original_description(orig)}
    if orig.get("title"):  # known from the source, not supplied
        original["name"] = orig["title"]
    if abstract:
        original["abstract"] = abstract
    if orig.get("date"):  # the date of issue (a judgment's decision, a law's promulgation): its publication
        original["datePublished"] = str(orig["date"])
    if orig.get("country"):
        original["locationCreated"] = {"@type": "Place", "name": orig["country"]}
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": item["title"],
        "alternateName": ed["title_en"],
        "editor": body,
        "publisher": body,
        "version": item["version"],
        "datePublished": "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0]),
        "inLanguage": item["language"],
        "license": ed["licence"]["url"],
        "isBasedOn": original,
    }
    if abstract:
        data["abstract"] = abstract
    url = address.page_url(meta, "text.html")
    if url:
        data["url"] = url
    return data


def head(meta, abstract):
    """The citation block for the full-text page, as HTML."""
    lines = [f'<meta {attr}="{name}" content="{html.escape(value, quote=True)}">'
             for attr, name, value in tags(meta, abstract)]
    lines.append('<script type="application/ld+json">' + _script_json(jsonld(meta, abstract)) + "</script>")
    return "\n".join(lines)


def _original_description(orig):
    """What the source states of the article's dates, as such: never a publication date."""
    stated = [f"{label} {orig[key]}" for key, label in (("submitted", "Submitted"), ("accepted", "Accepted"))
              if orig.get(key)]
    return "; ".join(stated + [orig.get("note_en", "")]).strip("; ")


def _script_json(data):
    # "</" must not close the script element early
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
