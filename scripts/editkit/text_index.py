"""Find many strings in many texts at once: one scan of the texts, not one per string.

The build looks up every emendation's context and every glossary form in every block. Searching
each block for each string costs strings × text; here the texts are joined once, and each string
is looked up by its first few characters (its gram): one regular expression per gram length, a
trie of the grams (so the engine branches character by character, in C), finds every gram's
positions in a single pass, and each candidate is then checked in full.
"""

import re
from bisect import bisect_right

GRAM = 8  # characters of a string looked up in the index (shorter strings: all of them)
SEP = "\n"  # joins the texts; never inside one (lines are stripped and joined), so no match crosses two


class Occurrences:
    """Every occurrence (overlapping ones too) of the given strings in ``texts``, found in one pass
    per gram length: ``find(s)`` gives [(index of the text, position in it)], in text order."""

    scans = 0  # passes over joined texts, all instances: the scaling test reads it

    def __init__(self, texts, strings):
        self.starts, at = [], 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + len(SEP)
        self.joined = SEP.join(texts)
        grams = {}  # gram length -> grams
        for s in set(strings):
            if s and SEP not in s:
                grams.setdefault(min(len(s), GRAM), set()).add(s[:GRAM])
        self.positions = {}  # gram -> its positions in self.joined
        for length in sorted(grams):
            # grams of one length: at most one matches at a position, so the lookahead finds it
            for m in re.finditer(f"(?=({_trie(grams[length])}))", self.joined):
                self.positions.setdefault(m.group(1), []).append(m.start())
            Occurrences.scans += 1

    def find(self, s):
        if not s or SEP in s:
            return []
        out = []
        for p in self.positions.get(s[:GRAM], ()):
            if self.joined.startswith(s, p):
                i = bisect_right(self.starts, p) - 1
                out.append((i, p - self.starts[i]))
        return out


def _trie(words):
    """A pattern matching exactly ``words``, as a trie: (?:a(?:b|c)|d…)."""
    root = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
    return _branch(root)


def _branch(node):
    alternatives = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items())]
    if len(alternatives) <= 1:
        return "".join(alternatives)
    return "(?:" + "|".join(alternatives) + ")"
