"""Find many strings in many texts at once: one scan of the texts, not one per string.

The build looks up every emendation's context and every glossary form in every block. Searching
each block for each string costs strings × text; here the texts are joined once, and each string
is looked up by its first few characters (its gram). One regular expression, a trie of the grams
(the engine skips in C to where a gram may begin), finds in one pass every position where a gram
begins; each candidate is then checked in full.
"""

import re
from bisect import bisect_right

GRAM = 8  # characters of a string looked up in the index (shorter strings: all of them)
SEP = "\n"  # joins the texts; never inside one (lines are stripped and joined), so no match crosses two


class Occurrences:
    """Every occurrence (overlapping ones too) of the given strings in ``texts``, found in one pass:
    ``find(s)`` gives [(index of the text, position in it)], in text order."""

    scans = 0  # passes over joined texts, all instances: the scaling test reads it

    def __init__(self, texts, strings):
        self.starts, at = [], 0
        for text in texts:
            self.starts.append(at)
            at += len(text) + len(SEP)
        self.joined = SEP.join(texts)
        grams = {s[:GRAM] for s in strings if s and SEP not in s}
        lengths = {}  # first character -> the lengths of the grams it begins
        for gram in sorted(grams, key=len):
            if len(gram) not in lengths.setdefault(gram[0], []):
                lengths[gram[0]].append(len(gram))
        self.positions = {}  # gram -> its positions in self.joined, in order
        if grams:
            Occurrences.scans += 1
            begins = re.compile(_trie(grams))  # matches where some gram begins (its shortest)
            m = begins.search(self.joined)
            while m:
                at = m.start()
                for n in lengths[self.joined[at]]:
                    if at + n > len(self.joined):
                        break
                    gram = self.joined[at:at + n]
                    if gram in grams:
                        self.positions.setdefault(gram, []).append(at)
                m = begins.search(self.joined, at + 1)  # from the next position: overlapping ones too

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
    """A pattern that matches where one of ``words`` begins, as a trie: a(?:b|cd)|e…
    A word that begins another is enough to match, so the longer one is cut there."""
    root = {}
    for word in sorted(words, key=len):
        node = root
        for ch in word:
            if node.get(END):
                break  # a shorter word already ends here
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[END] = True
    return _branch(root)


END = ""  # key of a trie node where a word ends (no character is "")


def _branch(node):
    if node.get(END):
        return ""
    alternatives = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items())]
    if len(alternatives) <= 1:
        return "".join(alternatives)
    return "(?:" + "|".join(alternatives) + ")"
