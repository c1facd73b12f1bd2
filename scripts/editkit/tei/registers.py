"""What the text points at: the glossary (people, organisations, places in the header's
profileDesc; treaties, events and concepts as a taxonomy in classDecl) and the documents
the article cites (a listBibl). Each entry's xml:id is its id in the edition data, so that
`<persName ref="#putin">` and `<ref target="#sort-2002">` resolve inside the file."""

from ..glossary import KINDS
from .xml import el

LISTS = {"person": ("listPerson", "person", "persName"),
         "organisation": ("listOrg", "org", "orgName"),
         "place": ("listPlace", "place", "placeName")}


def glossary_lists(particDesc, settingDesc, terms, lang):
    """People and organisations go to particDesc, places to settingDesc."""
    for kind, (list_tag, entry_tag, name_tag) in LISTS.items():
        chosen = [t for t in terms if t.kind == kind]
        if not chosen:
            continue
        parent = settingDesc if kind == "place" else particDesc
        lst = el(parent, list_tag, type="glossary")
        for t in chosen:
            entry = el(lst, entry_tag, id=t.id)
            _names(entry, name_tag, t, lang)
            _glosses(entry, t, lang)


def glossary_taxonomy(classDecl, terms, lang):
    """Treaties, events and concepts: one category per term, grouped by kind."""
    others = [k for k in KINDS if k not in LISTS and any(t.kind == k for t in terms)]
    if not others:
        return
    taxonomy = el(classDecl, "taxonomy", id="glossary")
    for kind in others:
        group = el(taxonomy, "category", id=f"glossary-{kind}")
        el(group, "catDesc", KINDS[kind], lang=lang)
        for t in (t for t in terms if t.kind == kind):
            category = el(group, "category", id=t.id)
            zh = el(category, "catDesc", lang=lang)
            el(zh, "term", t.term).tail = f"：{t.gloss_zh}"
            en = el(category, "catDesc", lang="en")
            el(en, "term", t.english).tail = f": {t.gloss_en}"


def _names(entry, tag, t, lang):
    el(entry, tag, t.term, lang=lang)
    for form in t.forms:
        if form != t.term:
            el(entry, tag, form, type="form")
    for variant in t.variants:
        el(entry, tag, variant, type="variant")
    el(entry, tag, t.english, lang="en", type="english")
    if t.russian:
        el(entry, tag, t.russian, lang="ru", type="russian")


def _glosses(entry, t, lang):
    el(entry, "note", t.gloss_zh, lang=lang, type="gloss")
    el(entry, "note", t.gloss_en, lang="en", type="gloss")
    if t.note:
        el(entry, "note", t.note, lang=lang, type="usage")
    if t.unverified:
        el(entry, "note", t.unverified, type="unverified")


def bibliography(parent, items, lang):
    """The documents the article cites, from their CSL-JSON data."""
    lst = el(parent, "listBibl", type="cited")
    for item in items:
        bibl = el(lst, "bibl", id=item["id"], type=item["type"])
        item_lang = item.get("language") or None
        el(bibl, "title", item["title"], lang=item_lang)
        if item.get("title-short"):
            el(bibl, "title", item["title-short"], type="short", lang=item_lang)
        el(bibl, "title", item["custom"]["article_name"], type="article", lang=lang)
        for person in item.get("author", []):
            name = person.get("literal") or " ".join(p for p in (person.get("given"), person.get("family")) if p)
            el(bibl, "author", name)
        if item.get("publisher"):
            el(bibl, "publisher", item["publisher"])
        if item.get("publisher-place"):
            el(bibl, "pubPlace", item["publisher-place"])
        if item.get("event-place"):
            el(bibl, "placeName", item["event-place"], type="event")
        when = _iso((item.get("issued") or {}).get("date-parts"))
        if when:
            el(bibl, "date", when, when=when)
        if item.get("URL"):
            el(bibl, "ptr", target=item["URL"])
        if item.get("note"):
            el(bibl, "note", item["note"], lang="en")
        custom = item["custom"]
        if custom.get("article_discrepancy"):
            el(bibl, "note", custom["article_discrepancy"], type="discrepancy", lang="en")
        if not custom.get("verified"):
            el(bibl, "note", custom.get("unverified") or "unverified", type="unverified", lang="en")
        elif custom.get("unverified"):
            el(bibl, "note", custom["unverified"], type="partly-unverified", lang="en")


def _iso(parts):
    if not parts or not parts[0]:
        return ""
    p = parts[0]
    return "-".join([f"{int(p[0]):04d}"] + [f"{int(x):02d}" for x in p[1:3]])
