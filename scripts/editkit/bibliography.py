"""The documents the article cites: CSL data, where the text mentions them, and their rendering.

Stored as CSL-JSON (edition/bibliography.json); the edition's own facts about an
item (how the article names it, the strings that mention it, what is unverified)
sit in each item's `custom` object, which CSL-JSON allows.
"""

from . import csl as engine
from .errors import EditionError
from .model import Span

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
    for item in items:
        cited = []
        for mention in item["custom"]["mentions"]:
            hits = [(b, i) for b in readable for i in _all(b.text, mention)]
            if not hits:
                raise EditionError(path, f"item {item['id']}: mention {mention!r} not found in the text — "
                                         "correct it or remove it")
            for block, i in hits:
                block.spans.append(Span(i, i + len(mention), "mention", item["id"]))
                if block.id not in cited:
                    cited.append(block.id)
        order = {b.id: n for n, b in enumerate(readable)}
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


def _all(text, needle):
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)
