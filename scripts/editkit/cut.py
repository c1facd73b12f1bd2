"""Taking characters out of a block's edited text: its origin map and its spans follow.

The source keeps every character (block.source); what is taken out of the reading is what the
origin map no longer points at, so the source can always be given back (word_space.restore).
"""

from bisect import bisect_left

from .model import Span


def drop(block, indexes):
    """Remove the characters at ``indexes`` of ``block.text``; return how an old index moves
    (an index removed moves to the next character kept)."""
    indexes = set(indexes)
    if not indexes:
        return lambda i: i
    keep = [i for i in range(len(block.text)) if i not in indexes]
    ends = keep + [len(block.text)]

    def moved(i):  # the new index of the first kept character at or after old index i
        return bisect_left(ends, i)

    block.spans[:] = [Span(moved(s.start), moved(s.end), s.kind, s.ref) for s in block.spans]
    block.origin = [block.origin[i] for i in keep] + [block.origin[-1]]
    block.text = "".join(block.text[i] for i in keep)
    return moved
