"""The glossary: terms as the article spells them, their other spellings, where they occur.

Occurrences are found in the edited text by the scripts, never typed by hand.
The same data feeds the in-text marks and the search aliases (scripts/hooks/search_paragraphs.py).
"""

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

from . import memo
from .data import LINE
from .errors import EditionError
from .model import Span
from .text_index import Occurrences

KINDS = {
    "person": "人物",
    "organisation": "組織",
    "treaty": "條約與協定",
    "event": "事件",
    "place": "地名",
    "concept": "概念",
}
_T2S = opencc.OpenCC("t2s")


@dataclass
class Term:
    id: str
    term: str
    forms: list
    kind: str
    gloss_zh: str
    gloss_en: str
    english: str
    variants: list = field(default_factory=list)
    excluded: list = field(default_factory=list)  # longer strings in which a form means something else
    russian: str = ""
    pinyin: str = ""
    note: str = ""
    unverified: str = ""
    occurrences: list = field(default_factory=list)  # block ids, in reading order
    line: int = 0  # where the entry starts in glossary.yml, for errors

    @property
    def simplified(self):
        """Simplified-script spellings of the term, its forms and variants (those that differ)."""
        seen = []
        for word in [self.term, *self.forms, *self.variants]:
            s = _T2S.convert(word)
            if s != word and s not in seen:
                seen.append(s)
        return seen

    @property
    def pinyin_plain(self):
        """Toneless pinyin, one group per word of the term (what a reader types without an IME)."""
        return " ".join(_plain(self.pinyin)) if self.pinyin else " ".join(_syllables(self.term)[0])


def _plain(marked):
    return ["".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()
            for s in marked.split()]


def pinyin_marked(term):
    return term.pinyin or " ".join(_syllables(term.term)[1])


def toneless(word):
    """pypinyin's toneless syllables of ``word`` (lazy_pinyin), through the cache."""
    return _syllables(word)[0]


def _syllables(word):
    """pypinyin's reading of ``word``: [toneless syllables, syllables with tone marks]. Kept in
    the cache (editkit.memo), since pypinyin's dictionaries take 0.2 s to load."""
    def compute():
        from pypinyin import Style, lazy_pinyin, pinyin
        return [lazy_pinyin(word), [p[0] for p in pinyin(word, style=Style.TONE)]]
    return _pinyin_table().get(word, compute)


@lru_cache(maxsize=None)
def _pinyin_table():
    # the results depend on pypinyin's version (its dictionaries) and on the calls above
    return memo.table("pinyin", memo.installed("pypinyin", "pypinyin"), memo.files_stamp([__file__]))


def load(entries, path):
    terms, ids, owners = [], set(), {}
    for e in entries:
        t = Term(
            id=e["id"], term=str(e["term"]),  # fields checked against schemas/glossary.schema.json
            forms=[str(f) for f in (e.get("forms") or [e["term"]])], kind=e["kind"],
            gloss_zh=e["gloss_zh"].strip(), gloss_en=e["gloss_en"].strip(),
            english=e["english"], variants=[str(v) for v in e.get("variants") or []],
            excluded=[str(x) for x in e.get("except") or []], russian=e.get("russian") or "",
            pinyin=e.get("pinyin") or "", note=(e.get("note") or "").strip(),
            unverified=(e.get("unverified") or "").strip(), line=e.get(LINE),
        )
        if t.id in ids:
            raise EditionError(path, f"term id {t.id!r} is used twice — give each entry its own id", t.line)
        ids.add(t.id)
        for form in t.forms:
            if form in owners:
                raise EditionError(path, f"form {form!r} belongs to both {owners[form]} and {t.id} — keep it in one", t.line)
            owners[form] = t.id
        terms.append(t)
    return terms


def find(text, term):
    """Positions (start, end) of the term's forms in ``text``, leaving out excluded contexts."""
    hits = []
    for form in term.forms:
        i = text.find(form)
        while i != -1:
            if not any(_inside(text, i, len(form), ex, form) for ex in term.excluded):
                hits.append((i, i + len(form)))
            i = text.find(form, i + 1)
    return sorted(hits)


def _inside(text, i, n, longer, form):
    offset = longer.find(form)
    while offset != -1:
        if text.startswith(longer, i - offset):
            return True
        offset = longer.find(form, offset + 1)
    return False


def _hits(term, readable, index):
    """(block's index, what `find` gives in it) for each readable block that holds a form of the
    term: the index's positions, less the excluded contexts (an empty form: every block, by `find`)."""
    if "" in term.forms:
        return [(k, find(b.text, term)) for k, b in enumerate(readable)]
    held = {}
    for form in term.forms:
        for k, at in index.find(form):
            if not any(_inside(readable[k].text, at, len(form), ex, form) for ex in term.excluded):
                held.setdefault(k, []).append((at, at + len(form)))
    return [(k, sorted(held[k])) for k in sorted(held)]


def attach(terms, blocks, path):
    """Record each term's occurrences and mark them all (the text page links one per block)."""
    readable = [b for b in blocks if b.kind in ("paragraph", "item")]
    index = Occurrences([b.text for b in readable], [form for t in terms for form in t.forms])  # once, for all
    for t in terms:
        t.occurrences = []
        for k, hits in _hits(t, readable, index):
            block = readable[k]
            if hits:
                t.occurrences.append(block.id)
                block.spans.extend(Span(start, end, "term", t.id) for start, end in hits)
        if not t.occurrences:
            raise EditionError(path, f"term {t.id} ({t.term}) never occurs in the text — correct its `forms` "
                                     "or remove the entry", t.line)
