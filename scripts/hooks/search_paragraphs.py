"""MkDocs hook: Material's search finds numbered paragraphs, in the reader's script and spelling.

How Material's search worker (9.x, integrations/search) treats a query decides how the
index is built here:

1. Every run of Han characters in the query is cut, greedily, into the longest strings that
   are tokens of the index, never counting the run's last character (query/segment).  When no
   proper prefix of the run is a token, the run is kept whole.
2. Every resulting term gets a trailing wildcard (query/transform): the index is searched by
   prefix, and lunr then skips the pipeline for the query -- so a stemmer only damages the
   index side ("carnegie" was indexed as "carnegi", which "carnegie*" does not match).

So this index holds no token made of Han characters alone: a Han query is then always one
prefix term, matched against tokens that begin at every Han character of the text and run to
the end of its clause (PAD is appended when only Han characters remain, so that no token can
ever be a proper prefix of a query).  Any query found anywhere in a paragraph (within one
clause) finds that paragraph -- whole terms, fragments of compounds (東擴, 合作組織), phrases,
and dates and numbers (2007年2月10日, 434億美元: tokens also start at every number) alike.

Each paragraph of docs/downloads/paragraphs.json becomes an entry (``text.html#p12``, titled
``¶ 12`` and its section) ranked far above every other entry.  The displayed ``title`` and
``text`` of every entry are no longer indexed (their words would be Han tokens); hidden fields
are indexed instead:

* ``ng``: tokens of the text as written, in Simplified script (OpenCC t2s) and with common
  Traditional character variants swapped (臺/台, 裡/裏, 夥/伙 ...), plus its Latin words, and
  of the source's own reading where the edition emends it (TEI <sic>: 北大新洋);
* ``alias``: for each glossary term found in the paragraph, every Han form, variant and their
  Simplified spellings (all suffixes, so any fragment of a term of any length matches), the
  English and Russian names, and toneless pinyin (every suffix of the syllables run together:
  "shanghai hezuo zuzhi", "yeerxin" and "zuzhi" all match);
* ``head``: the title of entries that are not paragraphs (sections, glossary entries ...).

Other entries keep Material's display text without its jieba segmentation (U+200B); those of
the text page and the source page, which repeat the paragraphs, are cut to a teaser.  The
lunr stemmer is switched off.  search/search_terms.js gives docs/assets/javascripts/search.js
what it needs to mark the matching words in a result (character and name mappings).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from xml.etree import ElementTree

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search_paragraphs")

import opencc
from pypinyin import lazy_pinyin

_t2s = opencc.OpenCC("t2s").convert

GRAM = None              # characters per token (None: to the end of the clause): the longest
                         # query that finds a text wherever it occurs in it
ALT_GRAM = 8             # the same for the text in Simplified script and with variants swapped
OTHER_GRAM = 4           # the same for the text of entries that are not paragraphs
NUM_GRAM = 14            # at least so many characters in a token that starts with a number
PAD = "_"                # ends a token of Han characters only
FIELDS = {"head": 10, "ng": 1, "alias": 1}   # indexed fields and their boosts
PARA_BOOST = 1000        # paragraphs rank above everything else that matches
PAGE_BOOST = {           # other entries, by page (default 1)
    "glossary.html": 0.1,
    "bibliography.html": 0.1,
    "source.html": 0.1,
}
TEXT_PAGE_BOOST = 0.5    # headings of the text page (their paragraphs are entries of their own)
TEASER = 300             # characters of display text kept for pages that repeat the text

HAN_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CHARS}]")
HAN_ONLY = re.compile(f"[{HAN_CHARS}]+")
# marks dropped before cutting tokens: a query may span them (退出反彈道導彈條約)
DROP = str.maketrans("", "", "「」『』《》〈〉（）()[]【】〔〕\"'“”‘’·・•")
# marks that end a stretch of text besides the search separator
BREAK = "：:;,!?…"
WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff][0-9A-Za-z\u00c0-\u024f"
                  r"\u0370-\u03ff\u0400-\u04ff.'’/&+]*")
# Traditional characters written either way in Taiwan and Hong Kong
SWAP = str.maketrans("臺台裡裏夥伙著着為爲眾衆峰峯線綫啟啓說説群羣",
                     "台臺裏裡伙夥着著爲為衆眾峯峰綫線啓啟説說羣群")
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|br|pre|blockquote|dl|dt|dd|"
                       r"figure|figcaption|section|article|details|summary)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_state: dict = {}
_alias_cache: dict = {}


# ----------------------------------------------------------------------------- tokens

def _splitter(separator):
    return re.compile(f"(?:{separator})|[{re.escape(BREAK)}]+")


def _tokens(text, split, gram=GRAM):
    """Tokens of ``text``: one from every Han character and every number, and its words."""
    out = []
    for chunk in split.split(text):
        if not chunk:
            continue
        chunk = chunk.translate(DROP)
        out.extend(w.lower() for w in WORD.findall(chunk))
        for i, ch in enumerate(chunk):
            if HAN.match(ch):
                size = gram
            elif ch.isdigit() and (i == 0 or not chunk[i - 1].isdigit()) \
                    and HAN.search(chunk, i, i + NUM_GRAM):
                size = None if gram is None else max(gram, NUM_GRAM)
            else:
                continue
            tok = chunk[i:] if size is None else chunk[i:i + size]
            out.append(_pad(tok).lower())
    return out


def _pad(tok):
    return tok + PAD if HAN_ONLY.fullmatch(tok) else tok


def _text_tokens(text, split, gram=GRAM, alt_gram=ALT_GRAM, alternates=True):
    """Tokens of the text as written, in Simplified script and with variants swapped.

    A token of the other spellings is left out when a token of the text as written begins
    with it: every query it would match, that one matches already.
    """
    toks = list(dict.fromkeys(_tokens(text, split, gram)))
    if not alternates:
        return toks
    covered = _prefixes(toks)
    for alt in (_t2s(text), text.translate(SWAP)):
        if alt != text:
            toks += [t for t in dict.fromkeys(_tokens(alt, split, alt_gram))
                     if t.removesuffix(PAD) not in covered]
    return list(dict.fromkeys(toks))


def _prefixes(tokens):
    """Everything a query can be and still match one of ``tokens``."""
    return {t[:k] for t in tokens for k in range(1, len(t.removesuffix(PAD)) + 1)}


def _suffix_tokens(form, split):
    """Every suffix of a term (as written and without brackets): any fragment of it matches."""
    out = []
    for piece in split.split(form):
        for variant in dict.fromkeys((piece, piece.translate(DROP))):
            for i, ch in enumerate(variant):
                if HAN.match(ch) or (ch.isdigit() and (i == 0 or not variant[i - 1].isdigit())
                                     and HAN.search(variant, i)):
                    out.append(_pad(variant[i:]).lower())
    return out


def _syllables(entry, han_forms):
    lists = []
    if entry.get("pinyin"):
        lists.append(entry["pinyin"].lower().split())
    for f in han_forms:
        if HAN_ONLY.fullmatch(f):
            lists.append([s.lower() for s in lazy_pinyin(f)])
    out = []
    for syl in lists:
        out.append(syl)
        if any("v" in s for s in syl):           # lve (略): readers type lue
            out.append([s.replace("v", "u") for s in syl])
    return out


def _names(entry):
    """A glossary entry's other names: Han forms (both scripts), words, pinyin spellings."""
    names = [entry.get("term")] + list(entry.get("forms") or []) \
        + list(entry.get("variants") or []) + list(entry.get("simplified") or [])
    names = [n for n in names if n]
    han = [n for n in names if HAN.search(n)]
    han += [_t2s(n) for n in han]
    han = list(dict.fromkeys(han))
    latin = [n for n in names if not HAN.search(n)] + [entry.get("english") or "",
                                                       entry.get("russian") or ""]
    words = [w.lower() for n in latin + han for w in WORD.findall(n.translate(DROP))]
    pinyin = ["".join(syl) for syl in _syllables(entry, [h.translate(DROP) for h in han])]
    return han, list(dict.fromkeys(words)), list(dict.fromkeys(pinyin))


def _alias_tokens(entry, split):
    key = (entry.get("id"), split.pattern)
    if key not in _alias_cache:
        _alias_cache[key] = _alias_tokens_uncached(entry, split)
    return _alias_cache[key]


def _alias_tokens_uncached(entry, split):
    han, words, _ = _names(entry)
    toks = []
    for form in han:
        toks += _suffix_tokens(form, split)
    toks += words
    for syl in _syllables(entry, [h.translate(DROP) for h in han]):
        toks += ["".join(syl[i:]) for i in range(len(syl))]
    return toks


# ----------------------------------------------------------------------------- data

def _load(config):
    docs = config["docs_dir"]
    with open(os.path.join(docs, "downloads", "paragraphs.json"), encoding="utf-8") as f:
        paras = json.load(f)["paragraphs"]
    with open(os.path.join(docs, "downloads", "glossary.json"), encoding="utf-8") as f:
        glossary = json.load(f)
    if isinstance(glossary, dict):
        glossary = glossary.get("terms") or glossary.get("entries") or list(glossary.values())
    return paras, glossary


def _original_readings(config, ids):
    """Each paragraph as the source reads it (TEI <sic> for <corr>), where that differs."""
    path = os.path.join(config["docs_dir"], "downloads", "edition.tei.xml")
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return {}
    skip = {TEI + "corr", TEI + "note"}

    def reading(el):
        parts = [el.text or ""]
        for child in el:
            if child.tag not in skip:
                parts.append(reading(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return {el.get(XML_ID): reading(el) for el in root.iter()
            if el.get(XML_ID) in ids and el.find(f".//{TEI}sic") is not None}


def _terms_in(text, glossary):
    """Glossary entries whose Han forms (or Latin forms, as words) occur in ``text``."""
    found = []
    for entry in glossary:
        plain = text
        for longer in entry.get("except") or []:
            plain = plain.replace(longer, "")
        for form in entry.get("forms") or [entry.get("term")]:
            if not form:
                continue
            if HAN.search(form):
                hit = form in plain
            else:
                hit = re.search(rf"(?<![A-Za-z]){re.escape(form)}(?![A-Za-z])", plain)
            if hit:
                found.append(entry)
                break
    return found


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def _plain(markup):
    return html.unescape(TAG.sub("", BLOCK_TAG.sub(" ", markup))).replace("\u200b", "")


# ----------------------------------------------------------------------------- events

@event_priority(-50)  # after Material's search plugin has set up its configuration
def on_config(config):
    _state.clear()
    _alias_cache.clear()
    try:
        _state["paras"], _state["glossary"] = _load(config)
    except (OSError, ValueError, KeyError) as e:
        log.warning(f"search_paragraphs: cannot read paragraphs/glossary: {e}")
        return config
    plugin = _search_plugin(config)
    if plugin is None:
        return config
    fields = plugin.config.fields
    for name in ("title", "text"):       # displayed, no longer indexed: see the docstring
        fields.pop(name, None)
    for name, boost in FIELDS.items():
        fields[name] = {"boost": boost}
    # no stemmer: every query term is a prefix term, which lunr never stems
    plugin.config.pipeline = []
    plugin.search_index.config["pipeline"] = []
    plugin.search_index.config["fields"] = fields
    return config


@event_priority(50)  # before the search plugin writes search_index.json (offline: -100)
def on_post_build(config):
    plugin = _search_plugin(config)
    if plugin is None or not _state.get("paras"):
        return
    index = plugin.search_index
    split = _splitter(plugin.config.separator or r"[\s\-]+")
    paras, glossary = _state["paras"], _state["glossary"]

    by_para: dict = {}
    for entry in glossary:
        for pid in entry.get("occurrences") or []:
            by_para.setdefault(pid, {})[entry["id"]] = entry

    # the page that holds the paragraphs: the one with their sections' headings
    sections = {p.get("section") for p in paras if p.get("section")}
    page = next((e["location"].split("#")[0] for e in index.entries
                 if "#" in e["location"] and e["location"].split("#", 1)[1] in sections),
                "text.html")
    para_ids = {p["id"] for p in paras}
    originals = _original_readings(config, para_ids)
    glossary_ids = {g["id"]: g for g in glossary if g.get("id")}
    glossary_page = next((e["location"].split("#")[0] for e in index.entries
                          if "#" in e["location"] and e["location"].split("#", 1)[1] in glossary_ids
                          and e["location"].split("#")[0] != page), "glossary.html")

    # entries of a previous run (mkdocs serve) go; the others lose Material's segmentation
    index.entries = [e for e in index.entries if "alias" not in e]
    para_tokens: set = set()
    entries = []
    for p in paras:
        text = p.get("text") or ""
        n = p.get("n")
        section = (p.get("section_title") or "").replace("\u3000", "")
        title = f"¶ {n}\u3000{section}" if n is not None else (section or p["id"])
        terms = dict(by_para.get(p["id"], {}))
        for entry in _terms_in(text, glossary):
            terms.setdefault(entry["id"], entry)
        ng = _text_tokens(text, split)
        covered = _prefixes(ng)
        if p["id"] in originals:        # the source's slips find the paragraph too (北大新洋)
            ng += [t for t in _text_tokens(originals[p["id"]], split)
                   if t.removesuffix(PAD) not in covered]
        para_tokens.update(ng)
        alias = []
        for entry in terms.values():
            alias += [t for t in _alias_tokens(entry, split) if t.removesuffix(PAD) not in covered]
        entries.append({
            "location": f"{page}#{p['id']}",
            "title": title,
            "text": text,
            "ng": " ".join(ng),
            "alias": " ".join(dict.fromkeys(alias)),
            "boost": PARA_BOOST,
        })

    for e in index.entries:
        if "ng" in e:
            continue
        e["title"] = e.get("title", "").replace("\u200b", "")
        e["text"] = e.get("text", "").replace("\u200b", "")
        path, _, frag = e["location"].partition("#")
        title, text = _plain(e["title"]), _plain(e["text"])
        e["head"] = " ".join(_text_tokens(title, split))
        if path == page:
            # the paragraphs are entries of their own: the heading alone is enough here
            ng = []
            e["boost"] = TEXT_PAGE_BOOST
            e["text"] = _teaser(e["text"])
        elif path == "source.html":
            # only what the paragraphs do not hold already: the original readings
            ng = [t for t in _text_tokens(text, split) if t not in para_tokens]
            e["boost"] = PAGE_BOOST.get(path, 1)
            e["text"] = _teaser(e["text"])
        else:
            # other pages: short queries in their text; glossary entries by every name
            if path == glossary_page and frag in glossary_ids:
                ng = [w.lower() for w in WORD.findall(text)] \
                    + _alias_tokens(glossary_ids[frag], split)
            else:
                ng = _text_tokens(text, split, OTHER_GRAM, alternates=False)
            e["boost"] = PAGE_BOOST.get(path, 1)
        e["ng"] = " ".join(dict.fromkeys(ng))
    index.entries = [e for e in index.entries
                     if e["location"].partition("#")[2] not in para_ids] + entries
    _write_client_data(config, paras, glossary, split)


def _write_client_data(config, paras, glossary, split):
    """search/search_terms.js: what search.js needs to show the matching words of a result.

    ``chars`` maps every Simplified (or variant) character to the characters the text writes
    for it; ``names`` pairs the other names of each glossary term (variants, Simplified,
    English, pinyin) with the forms the text uses.
    """
    text = "".join(p.get("text") or "" for p in paras)
    chars: dict = {}
    for ch in dict.fromkeys(HAN.findall(text)):
        for other in dict.fromkeys((_t2s(ch), ch.translate(SWAP))):
            if other != ch and ch not in chars.get(other, ""):
                chars[other] = chars.get(other, "") + ch
    names = []
    for entry in glossary:
        targets = list(dict.fromkeys(
            f for f in [entry.get("term")] + list(entry.get("forms") or []) if f))
        han, words, pinyin = _names(entry)
        keys = [h.lower() for h in han if h not in targets] + words + pinyin
        names.append([[k for k in dict.fromkeys(keys) if len(k) > 1], targets])
    data = {"paras": [p["id"] for p in paras], "chars": chars, "names": names}
    path = os.path.join(config["site_dir"], "search", "search_terms.js")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("window.__editionSearchTerms = "
                + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n")


def _teaser(markup):
    """The first TEASER characters of an entry's text (for pages that repeat the article)."""
    text = _plain(markup).strip()
    return html.escape(text if len(text) <= TEASER else text[:TEASER] + "…", quote=False)
