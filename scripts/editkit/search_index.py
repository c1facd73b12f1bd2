"""The edition's own search data: every searchable text stored once, split into shards.

Material's search box and result list stay; what is behind them is replaced
(docs/assets/javascripts/search-worker.js matches, scripts/hooks/search_paragraphs.py
writes the files). The worker finds any substring of a paragraph, so the data holds no
tokens, only text:

* a **document** is one thing a result can open: a numbered paragraph (its text as the
  edition reads it, and the source's own reading where the edition emends it), or a
  section of another page (its heading and plain text). Stored as a short list
  ``[location, title, text, other reading, glossary entries, boost]``, and for a
  paragraph ``LABEL`` after them (its title is shown, not searched);
* a **name** is one glossary entry's other names (variants, English, Russian, toneless
  pinyin run together), stored once in the manifest; a document lists the entries it
  holds, so 普丁, Putin and puting find every paragraph that writes 蒲亭;
* **folding** makes the reader's script and the text's meet: every character of the data
  (and its common variant) maps to one form (OpenCC t2s, character by character, one
  character for one so that a match's place in the folded text is its place in the
  text), and the worker folds both the text and the query with that table;
* a **shard** is a run of documents of about ``SHARD_CHARS`` characters; the manifest
  gives each a bitmap of the characters it holds, so a query reads only shards that can
  match it, in order, loading each when first needed, until it has ``LIMIT`` results (the
  most it shows): what a query loads and costs depends on the query, not on the collection.

Everything here is pure: data in, data out; the hook reads and writes the files.
"""

from __future__ import annotations

import base64
import html
import json
import re
import unicodedata

SHARD_CHARS = 24_000   # characters of text per shard: the whole article is one shard
LIMIT = 60             # a query reads shards until it has this many results, and shows as many
PARAGRAPH_BOOST = 100  # paragraphs rank above the sections of other pages
SECTION_BOOST = {      # other pages' sections, by page (default DEFAULT_BOOST)
    "glossary.html": 3,
    "bibliography.html": 3,
    "apparatus.html": 4,
}
DEFAULT_BOOST = 5
HEADING_ONLY = 2       # the headings of the pages that repeat the paragraphs (text, source)
LABEL = 1              # last field of a paragraph: its title (¶ 12 and its section) is a label,
                       # not searched (a heading finds its section, not every paragraph under it)

# Traditional characters written either way in Taiwan and Hong Kong: both fold to one
VARIANTS = {"臺": "台", "裏": "裡", "夥": "伙", "爲": "為", "衆": "眾", "峯": "峰", "綫": "線",
            "啓": "啟", "説": "說", "羣": "群", "着": "著"}

_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|br|pre|blockquote|dl|dt|dd|"
                        r"figure|figcaption|section|article|details|summary)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S | re.I)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")


GLOBAL = "__editionSearch"      # the function the data scripts call in the worker


def data_script(name, data):
    """A data file as a script (so that it loads from file:// too): ``__editionSearch(name, data);``."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{GLOBAL}({json.dumps(name)},{body});\n"


def read_data_script(text):
    """(name, data) of a file written by ``data_script``."""
    if not (text.startswith(GLOBAL + "(") and text.endswith(");\n")):
        raise ValueError("not a search data script")
    name, _, body = text[len(GLOBAL) + 1: -3].partition(",")
    return json.loads(name), json.loads(body)


def dropped(ch):
    """Characters the worker ignores on both sides: spaces, punctuation, brackets, symbols.

    The same test as the worker's ``/[\\p{P}\\p{S}\\p{Z}\\s]/u``: a query spans 「」, 《》 and
    commas, and a query typed with them finds the text written without them.
    """
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZ"


def plain(markup):
    """The text of an HTML fragment, as a reader sees it (one space between blocks)."""
    text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", markup))).replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


# ----------------------------------------------------------------------------- folding

class Folding(dict):
    """``{character: folded}``, and ``fold(text)`` with it (each character worked out once)."""

    def __init__(self, *args):
        super().__init__(*args)
        self._trans = _Translation(self)

    def fold(self, text):
        return text.translate(self._trans)


class _Translation(dict):
    """str.translate's table for a Folding, filled in as characters come."""

    def __init__(self, table):
        super().__init__()
        self.table = table

    def __missing__(self, code):
        low = _lower(chr(code))
        out = "" if dropped(low) else self.table.get(low, low)
        self[code] = out
        return out


def _lower(ch):
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold_table(texts, t2s):
    """``{character: folded}`` for every character of ``texts`` (and its variant) that folds.

    ``t2s`` converts Traditional to Simplified script (OpenCC). A character folds to one
    character or not at all, so that places in the folded text are places in the text.
    """
    chars = set()
    for text in texts:
        chars.update(text)
    chars = {_lower(c) for c in chars} | set(VARIANTS)
    table = {}
    for ch in sorted(chars):
        if dropped(ch):
            continue
        folded = t2s(VARIANTS.get(ch, ch))
        if len(folded) == 1 and folded != ch:
            table[ch] = folded
    return Folding(table)


def fold(text, table):
    """``text`` as the worker compares it: lower case, folded, without dropped characters."""
    if not isinstance(table, Folding):
        table = Folding(table)
    return table.fold(text)


# ----------------------------------------------------------------------------- names

def names(entry, pinyin):
    """A glossary entry as ``[forms, other names]``.

    ``forms`` are the spellings the text uses (marked in a result); the other names are
    the variants, English and Russian names and toneless pinyin (syllables run together,
    ``ü`` also as ``u``) that find the entry's paragraphs. ``pinyin`` gives a Han string's
    syllables (pypinyin's lazy_pinyin); the entry's own ``pinyin`` overrides it.
    """
    forms = list(dict.fromkeys(f for f in [entry.get("term")] + list(entry.get("forms") or []) if f))
    other = list(entry.get("variants") or []) + list(entry.get("simplified") or []) \
        + [entry.get("english") or "", entry.get("russian") or ""]
    spellings = []
    if entry.get("pinyin"):
        spellings.append(entry["pinyin"].lower().split())
    for form in forms + list(entry.get("variants") or []):
        han = "".join(_HAN.findall(form))
        if han and han == "".join(c for c in form if not dropped(c)):
            spellings.append([s.lower() for s in pinyin(han)])
    for syllables in spellings:
        other.append("".join(syllables))
        if any("v" in s for s in syllables):          # lve (略): readers type lue
            other.append("".join(s.replace("v", "u") for s in syllables))
    other = [n for n in dict.fromkeys(other) if n and n not in forms]
    return [forms, other]


def terms_in(text, glossary):
    """Indexes of the glossary entries whose forms occur in ``text`` (``except`` honoured)."""
    found = []
    for i, entry in enumerate(glossary):
        rest = text
        for longer in entry.get("except") or []:
            rest = rest.replace(longer, "")
        for form in entry.get("forms") or [entry.get("term")]:
            if not form:
                continue
            if _HAN.search(form):
                hit = form in rest
            else:
                hit = re.search(rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])", rest)
            if hit:
                found.append(i)
                break
    return found


# ----------------------------------------------------------------------------- documents

def paragraph_documents(paragraphs, glossary, readings, page):
    """One document per numbered paragraph (and abstract) of ``page``.

    ``readings`` maps a paragraph id to the source's own reading where the edition emends
    it (北大新洋): searchable, not shown.
    """
    occurs = {}
    listed = any("occurrences" in entry for entry in glossary)
    for i, entry in enumerate(glossary):
        for pid in entry.get("occurrences") or []:
            occurs.setdefault(pid, set()).add(i)
    docs = []
    for p in paragraphs:
        text = p.get("text") or ""
        section = (p.get("section_title") or "").replace("\u3000", "")
        title = f"¶ {p['n']}\u3000{section}" if p.get("n") is not None else (section or p["id"])
        # the edition's export lists where each entry occurs; without that list, look
        held = occurs.get(p["id"], set()) if listed else set(terms_in(text, glossary))
        reading = readings.get(p["id"], "")
        docs.append([f"{page}#{p['id']}", title, text, reading if reading != text else "",
                     sorted(held), PARAGRAPH_BOOST, LABEL])
    return docs


def page_documents(path, title, content, toc, glossary, heading_only=False, covered=frozenset()):
    """A page of the site as documents: the page itself, then one per heading with an id,
    then one per entry (an apparatus entry, a source line: see ``ENTRY``).

    ``content`` is the page's HTML, ``toc`` its headings as ``(id, title)`` in order. On
    the glossary page a section whose id is an entry's is found by that entry's names and
    keeps no text (as Material's index had it: the gloss is read on the page). With
    ``heading_only`` (pages that repeat the paragraphs) the sections keep no text. An entry
    is found by its own text and opens at its own id, so a hit lands on the entry or line
    rather than on the whole list; its text is not repeated in its section's. Entries whose
    id is in ``covered`` are left out: the source lines that a numbered paragraph already
    holds (its document keeps the source's reading too, and the paragraph links to its
    lines), so the source's text is not stored twice.
    """
    index = {e["id"]: i for i, e in enumerate(glossary) if e.get("id")}
    boost = HEADING_ONLY if heading_only else SECTION_BOOST.get(path, DEFAULT_BOOST)
    entry_boost = 1 if heading_only else SECTION_BOOST.get(path, DEFAULT_BOOST)  # below the page's headings
    entries = [[f"{path}#{m.group('id')}", _entry_title(title, m.group(0)), _entry_text(m.group(0)), "", [],
                entry_boost] for m in ENTRY.finditer(content) if m.group("id") not in covered]
    content = ENTRY.sub("", content)
    titles = dict(toc)
    cuts = [(m.start(), m.end(), m.group(2)) for m in _HEADING.finditer(content) if m.group(2) in titles]
    intro = content[: cuts[0][0]] if cuts else content
    docs = [[path, title, "" if heading_only else plain(_drop_h1(intro)), "", [], boost]]
    for n, (start, end, hid) in enumerate(cuts):
        stop = cuts[n + 1][0] if n + 1 < len(cuts) else len(content)
        # a glossary entry is found by its names (stored once, in the manifest), not its gloss
        text = "" if heading_only or hid in index else plain(content[end:stop])
        docs.append([f"{path}#{hid}", plain(titles[hid]), text, "",
                     [index[hid]] if hid in index else [], boost])
    return docs + entries


# An entry of a list page that a search result opens at: an apparatus entry (<li class="app-entry"
# id="e2">, scripts/editkit/pages/apparatus.py) or a source line (<li class="src-line" id="L12">,
# pages/source.py). Its label is the entry's head (or line number); its text leaves out what the
# page adds around the words (the links to paragraphs and decisions, the leading-space dots).
ENTRY = re.compile(r'<li class="(?P<kind>app-entry|src-line)" id="(?P<id>[^"]+)"[^>]*>.*?</li>', re.S)
_ENTRY_HEAD = re.compile(r'<p class="app-entry__head"[^>]*>(.*?)</p>|<a class="src-line__n"[^>]*>(.*?)</a>', re.S)
_ENTRY_NOISE = re.compile(r'<p class="app-entry__head"[^>]*>.*?</p>|<a class="src-line__n"[^>]*>.*?</a>'
                          r'|<span class="(?:src-line__where|lead-space|form-feed)"[^>]*>.*?</span>', re.S)


def _entry_title(page_title, item):
    head = _ENTRY_HEAD.search(item)
    return f"{page_title} {plain(head.group(1) or head.group(2))}" if head else page_title


def _entry_text(item):
    return plain(_ENTRY_NOISE.sub("", item))


def _drop_h1(markup):
    return re.sub(r"<h1\b.*?</h1>", "", markup, flags=re.S | re.I)


# ----------------------------------------------------------------------------- shards

def shards(docs, size=SHARD_CHARS):
    """``docs`` cut, in order, into runs of about ``size`` characters of text."""
    out, run, chars = [], [], 0
    for doc in docs:
        if run and chars + len(doc[2]) > size:
            out.append(run)
            run, chars = [], 0
        run.append(doc)
        chars += len(doc[1]) + len(doc[2]) + len(doc[3])
    if run:
        out.append(run)
    return out


def searchable(doc, name_list):
    """Every string a document is found by (title, text, other reading, its entries' names)."""
    strings = _own(doc)
    for i in doc[4]:
        strings += name_list[i][0] + name_list[i][1]
    return strings


def _own(doc):
    """A document's own searchable strings (without its entries' names)."""
    return [doc[2], doc[3]] if len(doc) > 6 and doc[6] == LABEL else [doc[1], doc[2], doc[3]]


def _characters(group, name_list, table):
    """The folded characters of a shard's documents and of their glossary entries' names."""
    chars, entries = set(), set()
    for doc in group:
        chars.update(fold("".join(_own(doc)), table))
        entries.update(doc[4])
    for i in entries:
        chars.update(fold("".join(name_list[i][0] + name_list[i][1]), table))
    return chars


def bitmap(chars, letters):
    """A set of characters as a bitmap over ``letters``, base64."""
    bits = bytearray((len(letters) + 7) // 8)
    for i, c in enumerate(letters):
        if c in chars:
            bits[i // 8] |= 1 << (i % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def manifest(groups, name_list, table, pages, files):
    """What the worker loads first: pages, names, folding table, shards and their bitmaps."""
    if not isinstance(table, Folding):
        table = Folding(table)
    held = [_characters(g, name_list, table) for g in groups]
    letters = "".join(sorted(set().union(*held)))
    return {
        "limit": LIMIT,
        "pages": pages,
        "fold": "".join(k + v for k, v in sorted(table.items())),
        "names": name_list,
        "letters": letters,
        "shards": [{"file": f, "docs": len(g), "has": bitmap(chars, letters)}
                   for f, g, chars in zip(files, groups, held)],
    }
