"""The documents the article cites: CSL data, where the text mentions them, and their rendering.

Stored as CSL-JSON (edition/bibliography.json); the edition's own facts about an
item (how the article names it, the strings that mention it, what is unverified)
sit in each item's `custom` object, which CSL-JSON allows.
"""

from . import csl as engine
from .errors import EditionError
from .model import Span
from .text_index import Occurrences

STYLE = "apa"  # APA 7, as editkit/csl/styles.yml names it


def load(items, path):
    seen = set()
    for item in items:  # fields checked against schemas/bibliography.schema.json
        if item["id"] in seen:
            raise EditionError(path, f"item id {item['id']!r} is used twice — give each item its own id")
        seen.add(item["id"])
    return items


def attach(items, blocks, path):
    """Record for each item the blocks that mention it, and mark each mention."""
    readable = [b for b in blocks if b.kind in ("paragraph", "item")]
    index = Occurrences([b.text for b in readable], [m for item in items for m in item["custom"]["mentions"]])
    order = {b.id: n for n, b in enumerate(readable)}
    for item in items:
        cited, seen = [], set()
        for mention in item["custom"]["mentions"]:
            hits = [(readable[k], i) for k, i in index.find(mention)]
            if not hits:
                raise EditionError(path, f"item {item['id']}: mention {mention!r} not found in the text — "
                                         "correct it or remove it")
            for block, i in hits:
                block.spans.append(Span(i, i + len(mention), "mention", item["id"]))
                if block.id not in seen:
                    seen.add(block.id)
                    cited.append(block.id)
        item["custom"]["cited_in"] = sorted(cited, key=order.get)
    return items


def csl(items, keep_custom=True):
    """The items as plain CSL-JSON (the edition's working fields left out)."""
    out = []
    for item in items:
        clean = {k: v for k, v in item.items() if k != "custom"}
        if keep_custom:
            clean["custom"] = {k: v for k, v in item["custom"].items() if k != "cited_in"}
        out.append(clean)
    return out


def render(items, style=STYLE):
    """{id: HTML of the bibliography entry} in a CSL style (a key of editkit/csl/styles.yml),
    by the edition's one CSL engine (citeproc-py with its fixes, see editkit.csl)."""
    return {item["id"]: engine.render(item, style).reference for item in csl(items, keep_custom=False)}

