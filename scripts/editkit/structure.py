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
    # (id, for a note's line: "number" for the line holding its number, "marker" for a marker set on a
    # line of its own (structure.yml `notes.marker_lines`), "" for a line of its text)
    cell: tuple = ()  # cell: (row, column, is a header) in its table (blocks.py)

    @property
    def text(self):
        return self.raw.strip()


def page_ends(text):
    """The line numbers (1-based) of each page's last non-empty line: pdftotext starts every page
    but the first with a form feed."""
    ends, last = set(), None
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.startswith("\f") and last is not None:
            ends.add(last)
        if raw.strip():
            last = number
    if last is not None:
        ends.add(last)
    return ends


def _number(match):
    try:
        return int(match.group(1))
    except ValueError:
        return None


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
        self.marker_lines = bool(notes.get("marker_lines"))  # markers came out as lines holding only the number
        self.note_places = {str(p["note"]): (p["at"], p.get(LINE)) for p in notes.get("places") or []}
        self.notes_line = notes.get(LINE)
        self.despace = bool(data.get("despace"))  # justified CJK text: drop the spaces the justification put in
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

    def classify(self, text, note_problems=True):
        """Each source line with its role; every heading without an id, and every furniture count
        that skips or stops short, is reported at once (and every note count's problem, unless
        ``note_problems`` is false: `init` drafts, `check` reports them)."""
        self._missing, self._seen = [], {}
        texts = [raw.strip() for raw in text.split("\n")]
        self._furniture, problems = furniture.classify(texts, self.furniture, self.path, page_ends(text))
        self._missing += problems
        lines = []
        for number, raw in enumerate(text.split("\n"), start=1):
            lines.append(self._line(number, raw))
        lines, problems = self.blocks_of(lines)
        noted, notes_found = self._marker_lines(lines) if self.marker_lines else (self._notes(lines), [])
        self.note_problems = notes_found  # kept for `check`, which lists them with the layout's and the breaks' problems
        raise_all(self._missing + problems + (notes_found if note_problems else []))
        return blocks.keep_tables(noted, lines)

    def _notes(self, lines):
        """A note's text runs from its number line (or a declared continuation) to the page's furniture."""
        if not self.note_number:
            return lines
        out, note = [], None
        for line in lines:
            kind = ""
            if line.role == "furniture":
                note = None
            elif line.role == "body" and self.note_number.fullmatch(line.text):
                note, kind = self.note_number.fullmatch(line.text).group(1), "number"
            else:
                note = self._continued(line, note)
            if note and line.role not in ("furniture", "blank"):
                line = Line(line.number, line.raw, "note", group=note, id=kind)
            out.append(line)
        return out

    def _continued(self, line, note):
        return next((n for starts, n in self.note_continued if line.text.startswith(starts)), note)

    def _marker_lines(self, lines):
        """Markers set on lines of their own (`notes.marker_lines`): a line holding only a number is
        read by counting. The next marker's number is a marker (notes.place_from_lines places it in the
        text line that follows); the number of a note whose marker came and whose number did not is
        the note's number line, and its text runs on to the page's furniture (or to the next note);
        any other number is text. Every problem, with its source line, at once."""
        out, problems = [], []
        expected, markers, numbered, begun, texts = 1, {}, {}, [], {}
        note = None
        for line in lines:
            kind, match = "", None
            if line.role == "body":
                match = self.note_number.fullmatch(line.text)
            if line.role == "furniture":
                note = None
            elif match:
                value = _number(match)
                if value is not None and value > expected and note is None:  # as furniture counts: report, go on
                    problems.append(EditionError(self.path, f"note markers skip from {expected} to {value} on source "
                                                            f"line {line.number} — a marker is missing (glued to its "
                                                            "text?) or this line is text: check the source and "
                                                            "`notes.number`", self.notes_line))
                    expected = value
                if value == expected:
                    markers[str(value)], expected = line.number, expected + 1
                    out.append(Line(line.number, line.raw, "note", group=str(value), id="marker"))
                    continue
                if value is not None and value < expected and str(value) not in numbered:
                    note, kind = str(value), "number"
                    numbered[note] = line.number
            else:
                note = self._continued(line, note)
            if note and line.role not in ("furniture", "blank"):
                if note not in begun:
                    begun.append(note)
                if kind != "number":
                    texts[note] = texts.get(note, 0) + 1
                line = Line(line.number, line.raw, "note", group=note, id=kind)
            out.append(line)
        return out, problems + self._marker_problems(markers, numbered, begun, texts)

    def _marker_problems(self, markers, numbered, begun, texts):
        problems = [EditionError(self.path, f"note {number} (number on source line {at}) has no marker line before "
                                            "it — find the marker in the source", self.notes_line)
                    for number, at in numbered.items() if number not in markers]
        for number, at in markers.items():
            if number not in numbered:
                problems.append(EditionError(self.path, f"note marker {number} (source line {at}) has no note: no "
                                                        "later line holds its number alone — find it in the source",
                                             self.notes_line))
            elif not texts.get(number):
                problems.append(EditionError(self.path, f"note {number} (number on source line {numbered[number]}) "
                                                        "has no text: the extraction set it elsewhere — name its "
                                                        "first words under `notes.continued`", self.notes_line))
        if begun != sorted(begun, key=int):
            problems.append(EditionError(self.path, f"note texts begin in the order {', '.join(begun)}, not 1…N — "
                                                    "a note's text is out of place: correct `notes.continued`",
                                         self.notes_line))
        return problems

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
