"""Whether joining two hard-wrapped lines puts back a word space the wrap took away.

A typesetter's rule. Latin script is wrapped at spaces, so where a Latin letter or digit
ends one line and another begins the next, a space stood there (`GATT` / `1994`). Chinese is
wrapped anywhere, numbers included: digits that meet across the join inside Chinese text
are one number cut by the wrap (`財政部10` / `0年` is 財政部100年), and take no space.
"""

import re
import unicodedata

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
