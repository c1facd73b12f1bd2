"""One CSL engine for every citation the edition prints: citeproc-py 0.11.1 with the official
styles and locales kept in this folder (styles.yml lists them; README.md says where each
file came from).

render(item, key, locator) gives an item's reference and in-text citation as HTML, exactly as
the style file says, with the fixes to citeproc-py applied before its first use (fixes.py), and its
repeated XPath lookups answered once (lookups.py).
"""

import copy
import datetime
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from lxml import etree
from lxml import html as lhtml

from .. import memo

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _citeproc():
    """citeproc-py with the fixes applied, imported on the first rendering not in the cache."""
    import citeproc
    import citeproc.frontend
    import citeproc.source.json

    from . import fixes, lookups
    fixes.apply()
    lookups.apply()  # the same output, each XPath lookup made once (lookups.py)
    # The locales are ours (the CSL project's current files, next to the styles), not the copies
    # that citeproc-py ships: both engines read the same files.
    citeproc.frontend.LOCALES_PATH = str(HERE)
    return citeproc


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    path: Path
    locale: str
    omit_publisher_same_as_author: bool = False


@dataclass(frozen=True)
class Rendered:
    reference: str   # HTML of the bibliography entry (without citeproc's wrapping div)
    citation: str    # HTML of the in-text citation


@lru_cache(maxsize=None)
def styles():
    """{key: Style}, in the order of styles.yml."""
    data = yaml.safe_load((HERE / "styles.yml").read_text(encoding="utf-8"))
    out = {}
    for key, entry in data.items():
        path = HERE / entry["file"]
        root = etree.parse(str(path)).getroot()
        out[key] = Style(key=key, label=entry["label"], path=path,
                         locale=root.get("default-locale", "en-US"),
                         omit_publisher_same_as_author=bool(entry.get("omit_publisher_same_as_author")))
    return out


def prepare(item, style):
    """The item as the style's own rules want it (those that CSL cannot express), see styles.yml."""
    item = copy.deepcopy(item)
    item.pop("custom", None)
    if style.omit_publisher_same_as_author and item.get("publisher"):
        names = item.get("author") or item.get("editor") or []
        if any(n.get("literal") == item["publisher"] for n in names):
            del item["publisher"]
    return item


@lru_cache(maxsize=None)
def _style(key):
    style = styles()[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # citeproc-py warns of CSL features it does not know
        return _citeproc().CitationStylesStyle(str(style.path), locale=style.locale, validate=False)


def render(item, key, locator=None):
    """An item in one style: Rendered(reference, citation). `locator` is (label, value),
    e.g. ("paragraph", "12"), or None.

    Kept in the cache (editkit.memo) under the item, style and locator; the cache's setup is
    citeproc-py's and lxml's versions and every file of this folder (styles, locales, fixes)."""
    try:
        inputs = memo.key_of([item, key, list(locator) if locator else None], _dates)
    except TypeError:  # a value JSON cannot hold (not from the data files): no cache
        return _render(item, key, locator)
    def compute():
        fresh = _render(item, key, locator)
        return [fresh.reference, fresh.citation]
    reference, citation = _table().get(inputs, compute)
    return Rendered(reference=reference, citation=citation)


def _dates(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return [type(value).__name__, value.isoformat()]
    raise TypeError(type(value).__name__)


@lru_cache(maxsize=None)
def _table():
    engine = (memo.installed("citeproc", "citeproc_py"), memo.installed("lxml", "lxml"))
    return memo.table("csl", *engine, memo.files_stamp(p for p in HERE.iterdir() if p.is_file()))


def _render(item, key, locator):
    citeproc = _citeproc()
    from . import fixes
    Citation, CitationItem, Locator = citeproc.Citation, citeproc.CitationItem, citeproc.Locator
    prepared = prepare(item, styles()[key])
    style = _style(key)
    # One bibliography per item, so each entry stands alone; the reference is registered
    # without the locator (a locator belongs to a cite, never to the entry).
    reference_bib = _bibliography(style, prepared)
    reference_bib.register(Citation([CitationItem(prepared["id"])]))
    cite_bib = _bibliography(style, prepared)
    cite = CitationItem(prepared["id"], locator=Locator(*locator)) if locator else CitationItem(prepared["id"])
    citation = Citation([cite])
    cite_bib.register(citation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        in_text = str(cite_bib.cite(citation, lambda missing: None))
        reference = str(reference_bib.bibliography()[0])
    return Rendered(reference=fixes.punctuation_in_quote(reference, style.root),
                    citation=fixes.punctuation_in_quote(in_text, style.root))


def _bibliography(style, item):
    # CiteProcJSON alters what it reads: give it a copy
    citeproc = _citeproc()
    return citeproc.CitationStylesBibliography(style, citeproc.source.json.CiteProcJSON([copy.deepcopy(item)]),
                                               citeproc.formatter.html)


def plain(fragment):
    """The text of an HTML fragment, whitespace normalised (what a reader copies)."""
    if not fragment.strip():
        return ""
    text = lhtml.fragment_fromstring(fragment, create_parent="div").text_content()
    return " ".join(text.split())
