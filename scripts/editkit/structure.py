"""Read the layout of the source: which lines are headings, list items, publication data.

The patterns live in ``edition/structure.yml``; this module only applies them.
"""

import re
import unicodedata
from dataclasses import dataclass

from . import blocks, furniture, word_space
from .data import LINE
from .errors import EditionError, raise_all


def columns(text):
    """The width of a line as a fixed-pitch page sets it: East-Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass(frozen=True)
class Line:
    number: int
    raw: str
    role: str  # blank | heading | front | body | item | pubdata | furniture | note | caption | cell | continued
    level: int = 0
    id: str = ""
    lang: str = ""
    group: str = ""  # list id for items; paragraph id stem for front matter; note number for notes;
    # furniture: its kind (furniture.TEI_TYPES); table id for caption and cell
    cell: tuple = ()  # cell: (row, column, is a header) in its table (blocks.py)

    @property
    def text(self):
        return self.raw.strip()


class Layout:
    """The rules of ``structure.yml``, compiled."""

    def __init__(self, data, path):
        # checked against schemas/structure.schema.json: fields present, patterns compile
        self.path = path
        self.front = [(re.compile(e["match"]), e) for e in data.get("front") or []]
        self.headings = [(re.compile(e["match"]), e) for e in data.get("headings") or []]
        self.lists = [(re.compile(e["match"]), e) for e in data.get("lists") or []]
        pub = data.get("pubdata")
        self.pubdata = re.compile(pub["match"]) if pub else None
        self.ids = {k: v for k, v in (data.get("ids") or {}).items() if k != LINE}
        self.ids_line = (data.get("ids") or {}).get(LINE)
        self.furniture = furniture.rules(data.get("furniture"))
        notes = data.get("notes") or {}
        self.note_marker = re.compile(notes["marker"]) if notes.get("marker") else None
        self.note_number = re.compile(notes["number"]) if notes.get("number") else None
        self.note_continued = [(c["starts"], str(c["note"])) for c in notes.get("continued") or []]
        for pattern in (self.note_marker, self.note_number):
            if pattern is not None and pattern.groups < 1:  # the note's number is group 1
                raise EditionError(path, f"`notes` pattern {pattern.pattern!r} has no group — put the note's "
                                         "number in parentheses", notes.get(LINE))
        self.wrap = data.get("wrap")  # None: every join is the editor's (breaks.yml); else a default policy
        rules = data.get("breaks") or {}
        self.line_ends = tuple(rules.get("line_ends", []))
        self.line_starts = tuple(rules.get("line_starts", []))
        self.after = tuple(rules.get("after", []))
        self.short = int(rules.get("short", 0))
        self.tables = data.get("tables") or []
        self.list_specs = data.get("lists") or []
        self.unnumbered_lists = {e["id"] for e in self.list_specs if e.get("numbered") is False}
        self.wrapping_lists = {e["id"] for e in self.list_specs if e.get("wraps")}

    def blocks_of(self, lines):
        """Tables and wrapped lists (blocks.py): lines re-marked, and every problem with them."""
        lines, problems = blocks.read_tables(lines, self.tables, self.path)
        problems += blocks.list_problems(lines, self.list_specs, self.path)
        if self.wrapping_lists and not self.wrap:  # under a wrap policy the policy joins an item's lines
            lines = blocks.mark_continuations(lines, self.wrapping_lists)
        return lines, problems

    def heading_id(self, line_no, text):
        ids = self.ids.get(text)
        if isinstance(ids, list):  # the same heading text more than once: one id per occurrence, in order
            seen = self._seen[text] = self._seen.get(text, 0) + 1
            if seen <= len(ids):
                return ids[seen - 1]
            ids = None
        if ids is None:
            self._missing.append(EditionError(
                self.path,
                f"heading {text!r} (source line {line_no}) has no id — add `{text}: some-readable-id` under `ids`",
                self.ids_line,
            ))
            return ""
        return self.ids[text]

    def classify(self, text):
        """Each source line with its role; every heading without an id, and every furniture count
        that skips or stops short, is reported at once."""
        self._missing, self._seen = [], {}
        texts = [raw.strip() for raw in text.split("\n")]
        self._furniture, problems = furniture.classify(texts, self.furniture, self.path)
        self._missing += problems
        lines = []
        for number, raw in enumerate(text.split("\n"), start=1):
            lines.append(self._line(number, raw))
        lines, problems = self.blocks_of(lines)
        raise_all(self._missing + problems)
        return blocks.keep_tables(self._notes(lines), lines)

    def _notes(self, lines):
        """A note's text runs from its number line (or a declared continuation) to the page's furniture."""
        if not self.note_number:
            return lines
        out, note = [], None
        for line in lines:
            if line.role == "furniture":
                note = None
            elif line.role == "body" and self.note_number.fullmatch(line.text):
                note = self.note_number.fullmatch(line.text).group(1)
            else:
                note = next((n for starts, n in self.note_continued if line.text.startswith(starts)), note)
            if note and line.role not in ("furniture", "blank"):
                line = Line(line.number, line.raw, "note", group=note)
            out.append(line)
        return out

    def _line(self, number, raw):
        text = raw.strip()
        if not text:
            return Line(number, raw, "blank")
        if number in self._furniture:
            return Line(number, raw, "furniture", group=self._furniture[number])
        for pattern, entry in self.front:
            if pattern.search(text):
                return Line(number, raw, "front", id=self.heading_id(number, text),
                            lang=entry.get("lang", ""), group=entry["paragraph_id"])
        for pattern, entry in self.headings:
            if pattern.search(text):
                return Line(number, raw, "heading", level=int(entry.get("level", 2)), id=self.heading_id(number, text))
        if self.pubdata and self.pubdata.search(text):
            return Line(number, raw, "pubdata")
        for pattern, entry in self.lists:
            if pattern.search(text):
                return Line(number, raw, "item", group=entry["id"])
        return Line(number, raw, "body")

    # --- a hard-wrapped source (structure.yml `wrap`): join unless a rule says break

    def breaks_before(self, line: Line):
        return any(re.search(p, line.text) for p in self.wrap.get("break_before") or [])

    def _ends_sentence(self, line: Line):
        return line.text.endswith(tuple(self.wrap.get("break_after") or ()))

    def joins(self, first: Line, second: Line):
        """The default: join, unless the second line opens a paragraph, or the first ends a
        sentence and stops short of the wrap width."""
        if self.breaks_before(second):
            return False
        return not (self._ends_sentence(first) and columns(first.text) < self.wrap.get("width", 0))

    @staticmethod
    def latin_join(first: Line, second: Line):
        """Both sides of the join are Latin script: the wrap took a word space away (word_space)."""
        return word_space.needs_space(first.text, second.text)

    def is_candidate(self, first: Line, second: Line):
        """Why a break between two adjacent body lines may hide a lost note marker ('' if it does not).

        Under a wrap policy: why the policy's answer is uncertain (a sentence ends at full width,
        where a paragraph may end or go on)."""
        if self.wrap:
            if self._ends_sentence(first) and not self.breaks_before(second):
                width = columns(first.text)
                if width >= self.wrap.get("width", 0):
                    return f"line ends with {first.text[-1]} at full width ({width} columns)"
            return ""
        a, b = first.raw.rstrip(), second.raw
        if self.line_ends and a.endswith(self.line_ends):
            return f"line ends with {a[-1]}"
        if self.line_starts and b.startswith(self.line_starts):
            return f"next line begins with {b[0]!r}"
        if self.after and a.endswith(self.after) and len(second.text) < self.short:
            return f"break after {a[-1]} before a short line ({len(second.text)} characters)"
        return ""
