"""CSL-JSON items as RIS records (the RIS format specification's tags and reference types).

Types (`TY`), the closest the specification has for each CSL type:
- treaty -> LEGAL ("Legal Rule or Regulation"): a treaty is a legal instrument between states;
  STAT would call it a statute, GOVDOC names a publisher, not what the document is.
- speech -> CPAPER ("Conference Paper") when the item names the conference (`event`): a text
  presented at a conference and published by it, with the conference as T2 and its place as
  CY. A speech at no conference is GEN: RIS has no type for it (SOUND would claim a recording).
- document -> GEN: CSL's `document` is itself the generic type; the kind (`genre`:
  joint statement, declaration) goes in M3, "Type of Work". A document a government or an
  intergovernmental body issued is GOVDOC ("Government Document"), where the data says so
  (`custom.ris_type`: CSL has no type that could say it).
- book -> BOOK, its editors in A2 ("Editor"); webpage -> ELEC; report -> RPRT.
Dates: PY is the year, DA the date as far as it is known, `YYYY/MM/DD/` with empty parts
left empty (`2006/07//`). RIS has no escaping: a value is one line, so line breaks become spaces.
"""

TYPES = {"treaty": "LEGAL", "legislation": "STAT", "bill": "BILL", "legal_case": "CASE",
         "report": "RPRT", "webpage": "ELEC", "book": "BOOK", "article-journal": "JOUR",
         "chapter": "CHAP", "dataset": "DATA", "thesis": "THES", "manuscript": "MANSCPT"}
KIND = {"speech": "Speech", "treaty": "Treaty"}
# Tags that take one CSL field as it is, in the order they are written ("place" and
# "keyword" are worked out in `tags`: the publisher's or the event's place; the article's name).
PLAIN_TAGS = (("N1", "medium"), ("ET", "version"), ("PB", "publisher"), ("CY", "place"),
              ("LA", "language"), ("N1", "note"), ("UR", "URL"), ("KW", "keyword"))


def value(text):
    """Plain text as one RIS value: one line, no trailing spaces."""
    return " ".join(str(text).split())


def ris_type(item):
    if (item.get("custom") or {}).get("ris_type"):
        return item["custom"]["ris_type"]
    if item["type"] == "speech":
        return "CPAPER" if item.get("event") else "GEN"
    return TYPES.get(item["type"], "GEN")


def name(person):
    """`Family, Given` for a person; an organisation as written (no comma, one name)."""
    if person.get("literal"):
        return person["literal"]
    return ", ".join(p for p in (person.get("family"), person.get("given")) if p)


def date(item):
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    if not parts:
        return None
    padded = [f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:3]]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


def tags(item):
    """[(tag, value)] for one item, in the specification's order: TY first, ER last."""
    ty = ris_type(item)
    out = [("TY", ty), ("ID", item["id"]), ("TI", item["title"])]
    if item.get("title-short"):
        out.append(("ST", item["title-short"]))
    out += [("AU", name(p)) for p in item.get("author", [])]
    out += [("A2", name(p)) for p in item.get("editor", [])]
    if date(item):
        out += [("PY", date(item)[:4]), ("DA", date(item))]
    if ty == "CPAPER":
        out.append(("T2", item["event"]))
    kind = item.get("genre") or KIND.get(item["type"])
    if kind:
        out.append(("M3", kind))
    fields = {**item, "place": item.get("publisher-place") or item.get("event-place"),
              "keyword": (item.get("custom") or {}).get("article_name")}
    out += [(tag, fields[key]) for tag, key in PLAIN_TAGS if fields.get(key)]
    return out


def record(item):
    return "".join(f"{tag}  - {value(v)}\n" for tag, v in tags(item)) + "ER  - \n"


def ris(items):
    return "\n".join(record(item) for item in items)
