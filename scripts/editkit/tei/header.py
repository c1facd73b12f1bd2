"""The teiHeader: what the file is (titles, editor, version, licence, canonical address), what it
is made from (the source file and what it records of the original article), how it was edited
(the About page's principles), the languages and names it uses, and its revision history.

Only what edition.yml states: the article's title, author and journal are not recorded in the
source, and no publication year is given for it — its submission and acceptance dates are stated
as such.
"""

from .. import address
from ..errors import EditionError
from .registers import glossary_lists, glossary_taxonomy
from .xml import LANG, el

DECL_PARTS = ("correction", "normalization", "segmentation", "interpretation")
LANGUAGE_NAMES = {"zh-Hant-TW": "正體中文（臺灣）", "en": "English", "ru": "Русский"}


def build_header(root, edition, resp_id):
    meta, original, source = edition.meta["edition"], edition.meta["original"], edition.meta["source"]
    lang = meta["language"]
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    _title_stmt(file_desc, meta, original, resp_id, lang)
    edition_stmt = el(file_desc, "editionStmt")
    ed = el(edition_stmt, "edition", n=meta["version"])
    ed.text = f"{meta['version']} "
    el(ed, "date", str(meta["date"]), when=str(meta["date"]))
    _publication_stmt(file_desc, edition.meta, resp_id, lang)
    _source_desc(file_desc, edition, meta, original, source, lang)
    encoding = el(header, "encodingDesc")
    _editorial_decl(encoding, edition.principles, (edition.meta.get("tei") or {}).get("editorialDecl") or {}, lang)
    class_decl = el(encoding, "classDecl")
    glossary_taxonomy(class_decl, edition.glossary, lang)
    if not len(class_decl):
        encoding.remove(class_decl)
    if not len(encoding):
        header.remove(encoding)
    profile = el(header, "profileDesc")
    el(profile, "langUsage")  # filled in by finish_header once the text is built
    partic, setting = el(profile, "particDesc"), el(profile, "settingDesc")
    glossary_lists(partic, setting, edition.glossary, lang)
    for part in (partic, setting):
        if not len(part):
            profile.remove(part)
    _revision_desc(header, meta["history"], resp_id, lang)
    return header


def finish_header(root, header):
    """langUsage: every language the file uses, the main one first."""
    used = []
    for node in root.iter():
        tag = node.get(LANG)
        if tag and tag not in used:
            used.append(tag)
    lang_usage = header.find(".//{*}langUsage")
    for tag in used:
        el(lang_usage, "language", LANGUAGE_NAMES.get(tag, tag), ident=tag)


def _title_stmt(file_desc, meta, original, resp_id, lang):
    stmt = el(file_desc, "titleStmt")
    # the source has no title unless edition.yml records one: then the edition's title is supplied
    kind = "supplied" if not original.get("title") else "main"
    el(stmt, "title", original.get("title") or meta["title"], type=kind, lang=lang)
    el(stmt, "title", meta["title_en"], type=kind, lang="en")
    editor = el(stmt, "editor", role="editor")
    _body_names(editor, meta["editor"], lang)
    resp_stmt = el(stmt, "respStmt", id=resp_id)
    el(resp_stmt, "resp", "editing, emendation, annotation and publication of this edition", lang="en")
    _body_names(resp_stmt, meta["editor"], lang)


def _body_names(parent, body, lang):
    el(parent, "orgName", body["name"], lang=lang)
    if body.get("name_en"):
        el(parent, "orgName", body["name_en"], lang="en")


def _publication_stmt(file_desc, full_meta, resp_id, lang):
    meta = full_meta["edition"]
    stmt = el(file_desc, "publicationStmt")
    publisher = el(stmt, "publisher")
    _body_names(publisher, meta["editor"], lang)
    licence = meta.get("licence")
    if licence:
        availability = el(stmt, "availability")
        lic = el(availability, "licence", target=licence["url"])
        el(lic, "p", f"{licence['name']} ({licence['id']})", lang="en")
        if licence.get("covers"):
            el(lic, "p", licence["covers"], lang=lang)
        if licence.get("covers_en"):
            el(lic, "p", licence["covers_en"], lang="en")
        if licence.get("article_zh"):
            el(availability, "p", licence["article_zh"], lang=lang)
        if licence.get("article_en"):
            el(availability, "p", licence["article_en"], lang="en")
    el(stmt, "date", str(meta["date"]), when=str(meta["date"]))
    url = address.page_url(full_meta)
    if url:
        el(stmt, "idno", url, type="URI")


def _source_desc(file_desc, edition, meta, original, source, lang):
    desc = el(file_desc, "sourceDesc")
    text = edition.source_text
    bibl = el(desc, "bibl", type="source-file", id="source-file")
    el(bibl, "idno", edition.source_name, type="filename")
    el(bibl, "idno", source["sha256"], type="sha256")
    extent = el(bibl, "extent")
    el(extent, "measure", f"{len(text)} characters", unit="chars", quantity=len(text))
    el(extent, "measure", f"{text.count(chr(10)) + 1} lines", unit="lines", quantity=text.count("\n") + 1)
    el(bibl, "textLang", mainLang=source.get("language") or lang)
    el(bibl, "note", "UTF-8 plain text extracted from the published article; this edition reproduces it "
                     "unchanged, line by line (every <lb n> is a line of this file).", lang="en")
    related = el(bibl, "relatedItem", type="original")
    article = el(related, "bibl", type="original-article", id="original")
    if original.get("title"):
        el(article, "title", original["title"], type="main")
    author = el(article, "author")
    if original.get("author"):
        author.text = original["author"]
    else:
        author.text = meta["author_zh"]
        el(author, "note", meta.get("author_note") or "", type="not-recorded", lang=lang)
    if original.get("journal"):
        el(article, "title", original["journal"], level="j")
    if original.get("country"):
        place = el(article, "pubPlace")
        el(place, "country", original["country"])
    if original.get("date"):  # the original's own date (a judgment's, a law's promulgation)
        el(article, "date", str(original["date"]), when=str(original["date"]))
    for kind in ("submitted", "accepted"):
        if original.get(kind):
            el(article, "date", str(original[kind]), type=kind, when=str(original[kind]))
    el(article, "textLang", mainLang=original.get("language") or lang)
    if original.get("note_en"):
        el(article, "note", original["note_en"], type="not-recorded", lang="en")


def _editorial_decl(encoding, principles, mapping, lang):
    """The About page's principles: under correction, normalization, segmentation and
    interpretation where edition.yml maps them (by their bold label), else as paragraphs."""
    if not principles:
        return
    decl = el(encoding, "editorialDecl")
    texts = dict(principles)
    if mapping:
        for part in DECL_PARTS:
            labels = mapping.get(part) or []
            if labels:
                node = el(decl, part)
                for label in labels:
                    if label not in texts:
                        raise EditionError("edition.yml", f"`tei.editorialDecl.{part}` names {label!r}, which is not "
                                                          "a bold label of the About page's principles — correct it")
                    el(node, "p", texts[label], lang=lang)
    else:
        for _, text in principles:
            el(decl, "p", text, lang=lang)


def _revision_desc(header, history, resp_id, lang):
    desc = el(header, "revisionDesc")
    for entry in reversed(history):  # the newest first, as TEI recommends
        change = el(desc, "change", n=str(entry["version"]), when=str(entry["date"]), who=f"#{resp_id}")
        for key, tag_lang in (("changes", lang), ("changes_en", "en")):
            if entry.get(key):
                lst = el(change, "list", lang=tag_lang)
                for line in entry[key]:
                    el(lst, "item", line)
