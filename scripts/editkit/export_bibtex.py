r"""CSL-JSON items as biblatex entries that pybtex (strict) and biber (--validate-datamodel) read.

Choices, each checked against biber's default data model (Biber/biber-tool.conf):
- Entry types: @report needs author, type and institution, @online needs a url, @book an
  author; an item lacking them, and every CSL type biblatex has no model for (treaty,
  speech, legislation, document: @legal and @legislation accept no fields), is @misc
  with its kind in `type`. Fields go where the entry type allows them: a publisher is
  `institution` in @report, `publisher` in @book, `organization` in @misc and @online.
- Names: a person is `Family, Given`; an organisation (CSL `literal`) is one braced name,
  so that no reader splits "United States of America" into given and family names.
- Dates: `date` (biblatex, ISO 8601) and `year` (classic BibTeX), both braced. An item with
  no known date gets `date = {XXXX}`, ISO 8601-2's "year unspecified", which biber reads
  as no date: its data model requires a date in every @misc, and none may be invented.
- Titles are braced twice: they are official titles, and BibTeX styles must not recase them.
- Text is escaped in one place (`escape`). Braces become \textbraceleft{} and
  \textbraceright{}: BibTeX counts `\{` as a brace, so a lone one would unbalance the
  field. A URL is verbatim in biblatex and only
  braces and backslashes need care there (`escape_url`). Non-ASCII text stays UTF-8.
"""

import re

# CSL type -> (biblatex type, what an entry of that type needs from the item)
TYPES = {
    "article-journal": ("article", ("author", "container-title")),
    "book": ("book", ("author",)),
    "report": ("report", ("author", "publisher")),
    "webpage": ("online", ("URL",)),
}
# What `type` says in a @misc entry when the item has no `genre`.
KIND = {"treaty": "Treaty", "legislation": "Legislation", "speech": "Speech", "report": "Report",
        "webpage": "Web page", "bill": "Bill", "book": "Book"}
# Where each entry type keeps the publisher (biber's data model allows no `publisher` in @misc).
PUBLISHER_FIELD = {"book": "publisher", "report": "institution", "misc": "organization", "online": "organization"}
# The fields `fields` may write that biber's default data model allows in every entry type ...
GLOBAL = {"title", "shorttitle", "date", "year", "langid", "url", "keywords"}
# ... and, of the rest, those it allows in each entry type this module writes.
ALLOWED = {
    "misc": {"author", "editor", "howpublished", "location", "note", "organization", "type", "version"},
    "report": {"author", "institution", "location", "note", "number", "pages", "type", "version"},
    "online": {"author", "editor", "note", "organization", "version"},
    "book": {"author", "editor", "location", "note", "number", "pages", "publisher", "volume"},
    "article": {"author", "editor", "journaltitle", "note", "number", "pages", "version", "volume"},
}
# biblatex `langid` values (babel/polyglossia names) for the languages the items use.
LANGID = {"en": "english", "ru": "russian", "de": "ngerman", "fr": "french"}

UNKNOWN_DATE = "XXXX"  # ISO 8601-2 (EDTF) unspecified year

_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIAL))


def escape(text):
    """Plain text as the value of a BibTeX field: LaTeX's special characters escaped, one line."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], " ".join(str(text).split()))


def escape_url(url):
    """A URL for biblatex's verbatim `url` field: only what would unbalance the braces changes."""
    return str(url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def entry_type(item):
    """The biblatex type of an item: the one its CSL type maps to, if the item has what it needs."""
    bib_type, needs = TYPES.get(item["type"], ("misc", ()))
    if all(item.get(key) for key in needs):
        if bib_type != "online" or not item.get("publisher-place"):  # @online has no `location`
            return bib_type
    return "misc"


def names(people):
    """A CSL name list as a BibTeX name list; each organisation one braced name."""
    out = []
    for person in people:
        if person.get("literal"):
            out.append("{" + escape(person["literal"]) + "}")
        else:
            family, given = escape(person.get("family", "")), escape(person.get("given", ""))
            out.append(f"{family}, {given}" if given else family)
    return " and ".join(out)


def date_fields(item):
    """`date` (ISO 8601, as precise as the item) and `year`; an unknown date is unspecified."""
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    if not parts:
        return {"date": UNKNOWN_DATE}
    iso = "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:3]])
    return {"date": iso, "year": f"{parts[0]:04d}"}


def fields(item):
    """(entry type, {biblatex field: value}) for one item: only fields its entry type allows."""
    bib_type = entry_type(item)
    out = {"title": "{" + escape(item["title"]) + "}"}
    if item.get("title-short"):
        out["shorttitle"] = escape(item["title-short"])
    for role in ("author", "editor"):
        if item.get(role):
            out[role] = names(item[role])
    out.update(date_fields(item))
    kind = item.get("genre") or KIND.get(item["type"])
    if kind:
        out["type"] = escape(kind)
    if item.get("publisher") and bib_type in PUBLISHER_FIELD:
        out[PUBLISHER_FIELD[bib_type]] = escape(item["publisher"])
    place = item.get("publisher-place") or item.get("event-place")
    if place:
        out["location"] = escape(place)
    how = item.get("event") or item.get("medium")  # where a speech was given; the edition's medium
    if how:
        out["howpublished"] = escape(how)
    for bib_key, csl_key in (("journaltitle", "container-title"), ("volume", "volume"), ("number", "issue"),
                             ("pages", "page"), ("version", "version"), ("note", "note")):
        if item.get(csl_key):
            out[bib_key] = escape(item[csl_key])
    if item.get("language") in LANGID:
        out["langid"] = LANGID[item["language"]]
    if item.get("URL"):
        out["url"] = escape_url(item["URL"])
    if (item.get("custom") or {}).get("article_name"):
        out["keywords"] = escape(item["custom"]["article_name"])
    return bib_type, {k: v for k, v in out.items() if k in GLOBAL or k in ALLOWED[bib_type]}


def entry(item):
    bib_type, values = fields(item)
    body = "".join(f"  {key} = {{{value}}},\n" for key, value in values.items())
    return f"@{bib_type}{{{item['id']},\n{body}}}\n"


def bibtex(items):
    return "\n".join(entry(item) for item in items)
