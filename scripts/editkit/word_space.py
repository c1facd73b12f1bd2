"""Whether joining two hard-wrapped lines puts back a word space the wrap took away.

A typesetter's rule. Latin script is wrapped at spaces, so where a Latin letter or digit
ends one line and another begins the next, a space stood there (`GATT` / `1994`). Chinese is
wrapped anywhere, numbers included: digits that meet across the join inside Chinese text
are one number cut by the wrap (`財政部10` / `0年` is 財政部100年), and take no space.
"""

import re
import unicodedata

from .cut import drop

LATIN_END = re.compile(r"[A-Za-z0-9,.;:)\]]$")
LATIN_START = re.compile(r"[A-Za-z0-9(\[]")
NUMBER_END = re.compile(r"[0-9][0-9,.]*$")  # a number at the end of a line (1,010, or 60. included)
NUMBER_START = re.compile(r"[0-9][0-9,.]*")


def needs_space(first: str, second: str) -> bool:
    """Both sides of the join are Latin script, and not a number cut inside Chinese text."""
    if not (LATIN_END.search(first) and LATIN_START.match(second)):
        return False
    return not number_cut_in_chinese(first, second)


def number_cut_in_chinese(first: str, second: str) -> bool:
    """Digits on both sides of the join, and a wide (CJK) character next to the number on
    either side: the number stands in Chinese text, where the wrap cuts anywhere."""
    end, start = NUMBER_END.search(first), NUMBER_START.match(second)
    if not (end and start):
        return False
    return _wide(first[: end.start()][-1:]) or _wide(second[start.end():][:1])


def _wide(char):
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


# --- justified Chinese: the spaces a justified line puts between characters (structure.yml `despace`)

WIDE_EXTRA = "…‥―—○"  # ambiguous-width marks that stand in Chinese text as wide ones (○: a zero, 三○七)


def cjk(char):
    """A character set full width in Chinese text: East-Asian wide, the marks above, or an enclosed
    number (⑴ ⒀ ⒈, U+2460-24FF)."""
    return bool(char) and (unicodedata.east_asian_width(char) in "WF" or char in WIDE_EXTRA
                           or "\u2460" <= char <= "\u24ff")


def justification(text):
    """Indexes of the spaces in ``text`` that justification put in: a run of spaces between two
    Chinese characters (punctuation included), or between a Chinese character and a digit (a number
    in Chinese text takes no space, as at a join). Spaces beside Latin letters stay."""
    out = []
    for m in re.finditer(r" +", text):
        before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
        if (cjk(before) and (cjk(after) or after.isdigit())) or (before.isdigit() and cjk(after)):
            out.extend(range(m.start(), m.end()))
    return out


def despace(text):
    """(the text without its justification spaces, origin): origin[i] is the index in ``text`` of
    the result's character i, with one extra entry at the end, as a block's origin map."""
    gone = set(justification(text))
    origin = [i for i in range(len(text)) if i not in gone]
    return "".join(text[i] for i in origin), origin + [len(text)]


def restore(reading, origin, source):
    """The source given back from a despaced reading and its origin map: the reverse of despace
    (every character of the source not in the reading was a space taken out)."""
    kept = dict(zip(origin, reading))
    assert all(source[i] == c for i, c in kept.items()), "the reading does not come from this source"
    return "".join(kept.get(i, source[i]) for i in range(len(source)))


def despace_block(block, keep=()):
    """Take the justification spaces out of a block's edited text (its source keeps them). Only a
    space that is the source's own is taken, never one inside an editor's reading (``keep``: the
    kinds of span whose text is the editor's)."""
    held = {i for s in block.spans if s.kind in keep for i in range(s.start, s.end)}
    text = block.text
    gone = [i for i in justification(text)
            if i not in held and block.origin[i] < len(block.source) and block.source[block.origin[i]] == " "]
    drop(block, gone)
