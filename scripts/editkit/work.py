"""The edition as a citable work: one CSL-JSON item, read by the citations, the head tags
and the exports alike, so that they all say the same thing.

The article's author is not recorded, so the item has none: the editorial body named in
edition.yml is its editor and publisher. The date is the current version's; the article's
own dates (submission, acceptance) are stated as what they are, never as a publication year.
"""

from . import address


def edition_item(meta):
    ed, orig = meta["edition"], meta["original"]
    y, m, d = (int(p) for p in str(ed["date"]).split("-"))
    body = {"literal": ed["editor"]["name"]}
    item = {
        "id": "edition",
        "type": "book",
        "title": ed["title"],
        "title-short": ed["short_title"],
        "editor": [body],
        "publisher": ed["editor"]["name"],
        "version": str(ed["version"]),
        "genre": "數位校勘本",
        "issued": {"date-parts": [[y, m, d]]},
        "language": ed["language"],
        "note": _dates_note(orig),
    }
    url = address.page_url(meta)
    if url:
        item["URL"] = url
    return item


def _dates_note(orig):
    stated = []
    if orig.get("date"):
        stated.append(f"日期 {orig['date']}")
    if orig.get("submitted"):
        stated.append(f"投稿 {orig['submitted']}")
    if orig.get("accepted"):
        stated.append(f"採用 {orig['accepted']}")
    if not stated:
        return ""
    return "原文" + "，".join(stated) + ("（來源文本所載）" if orig.get("date") else "（來源文本所載；未載刊出年份）")
