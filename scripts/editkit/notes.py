"""Notes that survive in the source: a marker in the text, the note's text at the foot of the page.

structure.yml `notes` says how to find them (editkit.structure sets the note lines apart). Here
each marker is tied to its note by number, in the source's own numbering; the marker leaves the
edited text (its place is kept as a point, where the page shows a footnote reference) and the
note's lines are joined into one text.

Two forms of marker: digits glued to the text (`notes.marker`, a pattern), or a line holding only
the number (`notes.marker_lines`), which pdftotext sets before the text line the superscript
stands in, leaving a space where it stood (`審判 。`). The second form's place is read from that
line (place_from_lines); where the line cannot tell, the editor's `notes.places` says it.
"""

import re
from dataclasses import dataclass, field

from . import word_space
from .cut import drop
from .emendations import edited_index
from .errors import EditionError, raise_all
from .model import Span


@dataclass
class Footnote:
    number: str  # as the source numbers it
    lines: list = field(default_factory=list)  # its source lines: marker line (if one), number line, text
    text: str = ""  # the note's reading (its lines joined, justification spaces out under `despace`)
    block: object = None  # the block whose marker calls it
    at: int = -1  # where the marker stood, in block.source
    cut: tuple = ()  # what of block.source the marker leaves out of the reading: its digits, or its space
    marker_line: int = 0  # the line holding only its marker (`notes.marker_lines`)
    source: str = ""  # its text lines joined, as the source has them
    origin: list = field(default_factory=list)  # origin[i]: index in `source` of text[i] (word_space.despace)

    @property
    def id(self):
        return f"fn{self.number}"

    @property
    def text_lines(self):
        """The lines of the note at the foot of the page (its number and text), not its marker's."""
        return [n for n in self.lines if n != self.marker_line]


def collect(lines, latin_join, despace=False):
    """{number: Footnote} from the note lines, in the order of the source; the number line and the
    marker line are not text."""
    notes, last = {}, {}
    for line in lines:
        if line.role != "note":
            continue
        note = notes.setdefault(line.group, Footnote(line.group))
        note.lines.append(line.number)
        if line.id == "marker":
            note.marker_line = line.number
            continue
        if line.id == "number":
            continue
        if note.source and latin_join(last[line.group], line):
            note.source += " "
        note.source += line.text
        last[line.group] = line
    for note in notes.values():
        note.text, note.origin = word_space.despace(note.source) if despace else (
            note.source, list(range(len(note.source) + 1)))
    return notes


def place(blocks, notes, marker, path):
    """Tie every marker to its note; every note needs one marker and every marker a note."""
    problems, seen = [], []
    for block in blocks:
        if block.kind not in ("paragraph", "item"):
            continue
        for m in marker.finditer(block.source):
            number = m.group(1)
            note = notes.get(number)
            where = f"source line {block.line_at(m.start(1))}"
            if note is None:
                problems.append(EditionError(path, f"note marker {number} ({where}) has no note text — check "
                                                   "`notes.number`, or narrow `notes.marker`"))
            elif note.block is not None:
                problems.append(EditionError(path, f"note marker {number} occurs twice ({where}) — narrow "
                                                   "`notes.marker`"))
            else:
                note.block, note.at, note.cut = block, m.start(1), tuple(range(m.start(1), m.end(1)))
                seen.append(number)
    for number, note in notes.items():
        if note.block is None:
            problems.append(EditionError(path, f"note {number} (source line {note.lines[0]}) has no marker in the "
                                               "text — widen `notes.marker`"))
    if seen != sorted(seen, key=int):
        problems.append(EditionError(path, f"note markers run {', '.join(seen)}, not in order — check `notes.marker`"))
    raise_all(problems)


# --- markers on lines of their own

PUNCTUATION = "。，、；：！？「」『』（）《》〈〉【】〔〕…"
BESIDE_PUNCTUATION = re.compile(f" (?=[{PUNCTUATION}])|(?<=[{PUNCTUATION}]) ")
LETTER_SPACED = 4  # this many spaces between Chinese characters: a justified, letter-spaced line


def starts(block):
    """{source line: where it begins in block.source}."""
    return dict(zip(block.lines, [0, *block.joins]))


def line_text(block, number):
    at = starts(block)[number]
    ends = [j for j in block.joins if j > at]
    return block.source[at:ends[0] if ends else len(block.source)]


def default_place(texts):
    """Where a marker set on its own line stands in the text line after it (``texts``: that line
    and the next of the same block, which may be the rest of the same printed line): at the space
    the superscript left beside a punctuation mark; else, where the line opens with punctuation,
    at its start (pdftotext broke the printed line there). (line index, offset), or None: not clear
    (a letter-spaced line, whose every space is the justification's, or no trace at all)."""
    for k, text in enumerate(texts):
        if sum(1 for i in word_space.justification(text) if text[i - 1: i] != " ") >= LETTER_SPACED:
            return None
        m = BESIDE_PUNCTUATION.search(text)
        if m:
            return k, m.start()
        if text[:1] in PUNCTUATION:
            return k, 0
    return None


def place_from_lines(blocks, notes, places, path):
    """Tie each marker set on its own line to the text line after it (the next line of running
    text), at default_place or at the editor's `notes.places` entry (`at`: the words about it,
    `|` where the marker stands, found in that line and the next). Every problem at once."""
    owner = {n: b for b in blocks for n in b.lines}
    text_lines = sorted(owner)
    problems = []
    for number, note in sorted(notes.items(), key=lambda kv: int(kv[0])):
        if not note.marker_line:
            problems.append(EditionError(path, f"note {number} (source line {note.lines[0]}) has no marker line "
                                               "— find it in the source"))
            continue
        following = [n for n in text_lines if n > note.marker_line][:2]
        if not following:
            problems.append(EditionError(path, f"note marker {number} (source line {note.marker_line}) has no "
                                               "paragraph after it — check `notes.number`"))
            continue
        block = owner[following[0]]
        if block.kind not in ("paragraph", "item"):  # a heading's or a table's line: no footnote goes there
            problems.append(EditionError(path, f"note marker {number} (source line {note.marker_line}) stands before "
                                               f"source line {following[0]}, a {block.kind}, not running text — check "
                                               "`headings` and `tables`, or the source"))
            continue
        lines = [n for n in following if owner[n] is block]
        texts = [line_text(block, n) for n in lines]
        shown = " ⏎ ".join(texts)
        if number in places:
            at, entry_line = places[number]
            spot = _declared(block, lines, at)
            if spot is None:
                problems.append(EditionError(path, f"`notes.places` for note {number}: `at: {at!r}` is not found once "
                                                   f"(one `|`) in source lines {lines[0]}–{lines[-1]} «{shown}» — "
                                                   "correct it", entry_line))
                continue
        else:
            found = default_place(texts)
            if found is None:
                problems.append(EditionError(path, f"note marker {number} (source line {note.marker_line}): its place "
                                                   f"in source line {lines[0]} «{shown}» is not clear — add "
                                                   f"`{{note: {number}, at: \"words|words\"}}` under `notes.places`",
                                             None))
                continue
            k, offset = found
            spot = starts(block)[lines[k]] + offset
        note.block, note.at = block, spot
        note.cut = (spot,) if block.source[spot:spot + 1] == " " else ()  # the space the superscript left
    raise_all(problems)


def _declared(block, lines, at):
    if at.count("|") != 1:
        return None
    before, after = at.split("|")
    first = starts(block)[lines[0]]
    end = starts(block)[lines[-1]] + len(line_text(block, lines[-1]))
    window = block.source[first:end]
    hits = [m.start() for m in re.finditer(re.escape(before + after), window)]
    if len(hits) != 1:
        return None
    return first + hits[0] + len(before)


def apply(block, notes):
    """Take the block's markers out of its edited text; a note point marks where each stood."""
    own = sorted((n for n in notes.values() if n.block is block), key=lambda n: n.at)
    if not own:
        return
    where = {o: i for i, o in enumerate(block.origin[:-1])}  # a source index still in the reading
    cut = [where[c] for n in own for c in n.cut
           if c in where and block.text[where[c]] == block.source[c]]
    points = [edited_index(block, n.at) for n in own]
    moved = drop(block, cut)
    for n, at in zip(own, points):
        block.spans.append(Span(moved(at), moved(at), "note", n.id))
