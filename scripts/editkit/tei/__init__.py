"""The edition as TEI P5, built with lxml: a full header, the text with every source line
(`<lb n>`), every intervention with its certainty and reason, and the glossary and
bibliography the text points at. Valid against tei_all (tests/test_tei.py runs jing).

Modules: xml (helpers), header (teiHeader), text (the text and its line breaks),
apparatus (the reasons), registers (glossary and bibliography), principles (About page).
"""

from collections import Counter

from ..errors import EditionError
from .apparatus import build_apparatus
from .header import build_header, finish_header
from .registers import bibliography
from .text import build_text
from .xml import ID, el, serialize


def document(edition):
    """The TEI file, as text."""
    meta = edition.meta["edition"]
    resp_id = meta["editor"]["id"]
    lang = meta["language"]
    root = el(None, "TEI", lang=lang)
    header = build_header(root, edition, resp_id)
    text = build_text(root, edition, f"#{resp_id}")
    back = text.find("{*}back")
    if back is None:
        back = el(text, "back")
    if edition.bibliography:
        div = el(back, "div", type="bibliography")
        el(div, "head", "引用文獻", lang=lang)
        bibliography(div, edition.bibliography, lang)
    build_apparatus(back, edition, f"#{resp_id}", lang)
    finish_header(root, header)
    _unique_ids(root, edition)
    return serialize(root)


def _unique_ids(root, edition):
    """Paragraphs, headings, decisions, glossary terms, documents and the editor share one id space."""
    counts = Counter(node.get(ID) for node in root.iter() if node.get(ID))
    twice = sorted(i for i, n in counts.items() if n > 1)
    if twice:
        terms = {t.id for t in edition.glossary}
        items = {i["id"] for i in edition.bibliography}
        owner = "glossary.yml" if twice[0] in terms else "bibliography.json" if twice[0] in items else "edition.yml"
        raise EditionError(owner, f"id {twice[0]!r} is used twice in the TEI (paragraphs, headings, glossary, "
                                  "bibliography and the editor's id share one space) — rename one of them")
