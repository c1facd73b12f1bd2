"""Emendations change the reading and keep the original; annotations explain without changing.

Each entry names a unique ``context`` in the source (line breaks joined) and the
``original`` words inside it; an emendation also gives the ``reading``.
"""

from .errors import EditionError, raise_all
from .model import Decision, Span
from .text_index import Occurrences

KINDS = ("emendation", "annotation")


def locate(blocks, changes, path):
    """Find each change's words in the blocks (``changes``: records.Change); return Decisions
    with block and position."""
    found, problems = [], []
    index = Occurrences([b.source for b in blocks], [c.context for c in changes])  # once, for all
    for change in changes:
        context, original = change.context, change.original
        if context.count(original) != 1:
            problems.append(EditionError(path, f"`original` {original!r} must occur exactly once in `context` "
                                               f"{context!r} — lengthen or correct the context", change.line))
            continue
        hits = [(blocks[k], i) for k, i in index.find(context)]
        if not hits:
            problems.append(EditionError(path, f"context {context!r} not found in the source — correct it or "
                                               "remove the entry", change.line))
            continue
        if len(hits) > 1:
            lines = ", ".join(str(b.line_at(i)) for b, i in hits)
            problems.append(EditionError(path, f"context {context!r} found {len(hits)} times (source lines {lines}) — "
                                               "lengthen it until it is unique", change.line))
            continue
        block, at = hits[0]
        start = at + context.index(original)
        found.append(Decision(
            id="", kind=change.kind, certainty=change.certainty, reason=change.reason,
            original=original, reading=change.reading, note=change.note,
            block=block, start=start, end=start + len(original),
            lines=(block.line_at(start), block.line_at(max(start, start + len(original) - 1))),
        ))
    raise_all(problems)
    _no_overlaps(found, path)
    return found


def apply(block, decisions):
    """Give ``block`` its edited text and origin map, and spans for emendations and annotations."""
    own = sorted((d for d in decisions if d.block is block), key=lambda d: d.start)
    text, origin, spans = [], [], []
    pos = 0
    for d in own:
        text.append(block.source[pos:d.start])
        origin.extend(range(pos, d.start))
        start = sum(map(len, text))
        text.append(d.reading)
        origin.extend([d.start] * len(d.reading))
        spans.append(Span(start, start + len(d.reading), d.kind, d.id))
        pos = d.end
    text.append(block.source[pos:])
    origin.extend(range(pos, len(block.source) + 1))
    block.text = "".join(text)
    block.origin = origin
    block.spans.extend(spans)


def edited_index(block, source_index):
    """Where a position of the source lands in the edited text (first index at or after it)."""
    for i, o in enumerate(block.origin):
        if o >= source_index:
            return i
    return len(block.text)


def _no_overlaps(found, path):
    spans = sorted(found, key=lambda d: (id(d.block), d.start))
    for a, b in zip(spans, spans[1:]):
        if a.block is b.block and b.start < a.end:
            raise EditionError(path, f"entries for {a.original!r} and {b.original!r} overlap — merge them into one")
