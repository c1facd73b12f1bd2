"""Notes that survive in the source: a marker in the text, the note's text at the foot of the page.

structure.yml `notes` says how to find them (editkit.structure sets the note lines apart). Here
each marker is tied to its note by number, in the source's own numbering; the marker leaves the
edited text (its place is kept as a point, where the page shows a footnote reference) and the
note's lines are joined into one text.
"""

from dataclasses import dataclass, field

from .emendations import edited_index
from .errors import EditionError, raise_all
from .model import Span


@dataclass
class Footnote:
    number: str  # as the source numbers it
    lines: list = field(default_factory=list)  # source lines of its text (the number line first)
    text: str = ""
    block: object = None  # the block whose marker calls it
    at: int = -1  # where the marker stood, in block.source

    @property
    def id(self):
        return f"fn{self.number}"


def collect(lines, latin_join):
    """{number: Footnote} from the note lines, in the order of the source; the number line is not text."""
    notes, last = {}, {}
    for line in lines:
        if line.role != "note":
            continue
        note = notes.setdefault(line.group, Footnote(line.group))
        if not note.lines:  # the number line
            note.lines.append(line.number)
            continue
        if note.text and latin_join(last[line.group], line):
            note.text += " "
        note.text += line.text
        note.lines.append(line.number)
        last[line.group] = line
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
                note.block, note.at = block, m.start(1)
                seen.append(number)
    for number, note in notes.items():
        if note.block is None:
            problems.append(EditionError(path, f"note {number} (source line {note.lines[0]}) has no marker in the "
                                               "text — widen `notes.marker`"))
    if seen != sorted(seen, key=int):
        problems.append(EditionError(path, f"note markers run {', '.join(seen)}, not in order — check `notes.marker`"))
    raise_all(problems)


def apply(block, notes):
    """Take the block's markers out of its edited text; a note point marks where each stood."""
    own = sorted((n for n in notes.values() if n.block is block), key=lambda n: n.at)
    if not own:
        return
    cut = [edited_index(block, n.at) for n in own]
    keep = [i for i in range(len(block.text)) if i not in cut]
    shift = {old: new for new, old in enumerate(keep + [len(block.text)])}

    def moved(i):  # an index of the old text in the new one
        return shift.get(i, shift[min(k for k in shift if k > i)])

    block.spans[:] = [Span(moved(s.start), moved(s.end), s.kind, s.ref) for s in block.spans]
    block.origin = [block.origin[i] for i in keep] + [block.origin[-1]]
    block.text = "".join(block.text[i] for i in keep)
    for n, at in zip(own, cut):
        block.spans.append(Span(moved(at), moved(at), "note", n.id))
