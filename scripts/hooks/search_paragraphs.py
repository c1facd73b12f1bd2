"""MkDocs hook: make Material's search land on numbered paragraphs.

For every paragraph in docs/downloads/paragraphs.json an entry is added to the
search index of Material's search plugin (location ``text.html#p12``), before
the plugin writes search/search_index.json and the offline plugin turns that
into search/search_index.js.  Besides the paragraph text (segmented the way
Material segments Han text: jieba tokens joined by U+200B) every entry has two
hidden fields that the search worker indexes but the result list does not show:

* ``alias``: for each glossary term occurring in the paragraph its forms,
  variants, Simplified spellings, English name and pinyin (syllables,
  concatenated, and grouped by word), so a reader's other spellings find it;
* ``zhs``: the paragraph text converted to Simplified script (OpenCC t2s),
  so that Simplified queries match.

Both hidden fields also carry the prefixes of their Han words, because the
search worker segments a Han query into the longest words it finds in the
index (never counting the query's last character), then matches them as
prefixes: with the prefixes indexed a query like 北約東擴 becomes 北約東*.
"""

from __future__ import annotations

import json
import logging
import os
import re

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search_paragraphs")

try:
    import jieba
except ImportError:  # Material then does not segment either
    jieba = None

try:
    import opencc
    _t2s = opencc.OpenCC("t2s").convert
except Exception:  # pragma: no cover
    _t2s = None

try:
    from pypinyin import lazy_pinyin
except ImportError:  # pragma: no cover
    lazy_pinyin = None

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
PARA_BOOST = 200         # paragraph entries rank above page and section entries
ALIAS_BOOST = 50         # hidden alias field (lunr field boost)
ZHS_BOOST = 1            # hidden Simplified-script copy of the text
REFERENCE_PAGES = ("glossary.html", "bibliography.html")
REFERENCE_BOOST = 0.05   # glossary and bibliography entries rank below paragraphs
MAX_PREFIX = 8
NUMRUN = re.compile(r"[0-9]+[0-9\u3400-\u9fff]*[\u3400-\u9fff]")

_state: dict = {}


def _load(config):
    docs = config["docs_dir"]
    with open(os.path.join(docs, "downloads", "paragraphs.json"), encoding="utf-8") as f:
        paras = json.load(f)["paragraphs"]
    with open(os.path.join(docs, "downloads", "glossary.json"), encoding="utf-8") as f:
        glossary = json.load(f)
    if isinstance(glossary, dict):
        glossary = glossary.get("terms") or glossary.get("entries") or list(glossary.values())
    return paras, glossary


def _han_words(entry):
    words = [entry.get("term")] + list(entry.get("forms") or []) \
        + list(entry.get("variants") or []) + list(entry.get("simplified") or [])
    out = []
    for w in words:
        if w and HAN.search(w):
            out.extend(HAN.findall(w))
    return out


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


@event_priority(-50)  # after Material's search plugin has set up its index
def on_config(config):
    try:
        paras, glossary = _load(config)
    except (OSError, ValueError, KeyError) as e:
        log.warning(f"search_paragraphs: cannot read paragraphs/glossary: {e}")
        _state.clear()
        return config
    _state["paras"], _state["glossary"] = paras, glossary

    # Glossary words become jieba words (in-process: the search plugin uses
    # the same jieba module when it segments pages later in this build)
    if jieba is not None:
        for entry in glossary:
            for w in _han_words(entry):
                if len(w) > 1:
                    jieba.add_word(w, freq=max(jieba.get_FREQ(w) or 0, 2000))
                    if _t2s:
                        s = _t2s(w)
                        if s != w:
                            jieba.add_word(s, freq=2000)

    plugin = _search_plugin(config)
    if plugin is not None:
        fields = plugin.config.fields
        fields.setdefault("alias", {"boost": ALIAS_BOOST})
        fields.setdefault("zhs", {"boost": ZHS_BOOST})
    return config


def _segment(index, text):
    if jieba is None:
        return text
    return index._segment_chinese(text)


def _prefixes(words):
    """Han words and their prefixes (length >= 2), for query segmentation."""
    out = []
    for w in words:
        for run in HAN.findall(w):
            for k in range(2, min(len(run), MAX_PREFIX) + 1):
                out.append(run[:k])
            if jieba is not None and len(run) > 2:
                for t in jieba.cut_for_search(run):
                    if len(t) > 1 and HAN.fullmatch(t):
                        out.append(t)
    return out


def _pinyin_forms(entry):
    term = entry.get("term") or ""
    syl = (entry.get("pinyin") or "").split()
    if not syl:
        return []
    forms = [" ".join(syl), "".join(syl)]
    han = "".join(HAN.findall(term))
    if len(han) != len(syl):
        if lazy_pinyin is None:
            return forms
        syl = lazy_pinyin(han)
        if not syl:
            return forms
    if jieba is not None and han:
        words, i = [], 0
        for w in jieba.lcut(han, HMM=False):
            words.append("".join(syl[i:i + len(w)]))
            i += len(w)
        forms.append(" ".join(words))
        # also the finer cut of compound words (上海 合作 組織)
        words, i = [], 0
        for w in _fine_cut(han):
            words.append("".join(syl[i:i + len(w)]))
            i += len(w)
        forms.append(" ".join(words))
    return forms


def _fine_cut(han):
    """Segmentation without the glossary words (their parts: 上海/合作/組織)."""
    out = []
    for w in jieba.lcut(han, HMM=False):
        if len(w) > 2:
            sub = [t for t in jieba.cut_for_search(w) if len(t) < len(w)]
            # greedy cover of w by its sub-words, else keep w
            i, parts = 0, []
            while i < len(w):
                best = next((t for t in sorted(sub, key=len, reverse=True)
                             if w.startswith(t, i)), w[i])
                parts.append(best)
                i += len(best)
            out.extend(parts)
        else:
            out.append(w)
    return out


def _aliases(entry):
    vals = [entry.get("term")] + list(entry.get("forms") or []) \
        + list(entry.get("variants") or []) + list(entry.get("simplified") or [])
    if entry.get("english"):
        vals.append(entry["english"])
    vals.extend(_pinyin_forms(entry))
    if _t2s:
        vals.extend(_t2s(v) for v in list(vals) if v and HAN.search(v))
    seen, out = set(), []
    for v in vals:
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


@event_priority(50)  # before the search plugin writes search_index.json
def on_post_build(config):
    plugin = _search_plugin(config)
    if plugin is None or not _state.get("paras"):
        return
    index = plugin.search_index
    by_para: dict = {}
    for entry in _state["glossary"]:
        for pid in entry.get("occurrences") or []:
            by_para.setdefault(pid, []).append(entry)

    # drop entries of a previous run (serve) and add one per paragraph
    index.entries = [e for e in index.entries if "alias" not in e]
    # reference pages answer a query only after the paragraphs that hold the term
    for e in index.entries:
        if e.get("location", "").startswith(REFERENCE_PAGES):
            e["boost"] = REFERENCE_BOOST
    for p in _state["paras"]:
        text = p.get("text") or ""
        n = p.get("n")
        section = (p.get("section_title") or "").replace("\u3000", "")
        title = f"¶ {n}\u3000{section}" if n is not None else (section or p["id"])
        aliases = []
        for entry in by_para.get(p["id"], []):
            aliases.extend(_aliases(entry))
        zhs = _t2s(text) if _t2s else ""
        # prefixes are appended unsegmented: they must stay whole tokens
        alias_text = _segment(index, " ".join(aliases)) + " " \
            + " ".join(dict.fromkeys(_prefixes(aliases)))
        zhs_words = jieba.lcut(zhs) if jieba else []
        zhs_text = _segment(index, zhs) + " " \
            + " ".join(dict.fromkeys(_prefixes(zhs_words + [text])))
        # numbers glued to Han words (2007年2月10日, 434億美元): the search box
        # keeps such a query as one term, so index the runs and their prefixes
        for run in NUMRUN.findall(text):
            zhs_text += " " + " ".join(run[:k] for k in range(len(run), 0, -1)
                                       if HAN.match(run[k - 1]))
        doc = {
            "location": f"text.html#{p['id']}",
            "title": _segment(index, title),
            "text": _segment(index, text),
            "alias": alias_text,
            "zhs": zhs_text,
            "boost": PARA_BOOST,
        }
        index.entries.append(doc)
