"""Read the layout of the source: which lines are headings, list items, publication data.

The patterns live in ``edition/structure.yml``; this module only applies them.
"""

import re
from dataclasses import dataclass

from .data import LINE
from .errors import EditionError, raise_all


@dataclass(frozen=True)
class Line:
    number: int
    raw: str
    role: str  # blank | heading | front | body | item | pubdata
    level: int = 0
    id: str = ""
    lang: str = ""
    group: str = ""  # list id for items; paragraph id stem for front matter

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
        rules = data.get("breaks") or {}
        self.line_ends = tuple(rules.get("line_ends", []))
        self.line_starts = tuple(rules.get("line_starts", []))
        self.after = tuple(rules.get("after", []))
        self.short = int(rules.get("short", 0))

    def heading_id(self, line_no, text):
        if text not in self.ids:
            self._missing.append(EditionError(
                self.path,
                f"heading {text!r} (source line {line_no}) has no id — add `{text}: some-readable-id` under `ids`",
                self.ids_line,
            ))
            return ""
        return self.ids[text]

    def classify(self, text):
        """Each source line with its role; every heading without an id is reported at once."""
        self._missing = []
        lines = []
        for number, raw in enumerate(text.split("\n"), start=1):
            lines.append(self._line(number, raw))
        raise_all(self._missing)
        return lines

    def _line(self, number, raw):
        text = raw.strip()
        if not text:
            return Line(number, raw, "blank")
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

    def is_candidate(self, first: Line, second: Line):
        """Why a break between two adjacent body lines may hide a lost note marker ('' if it does not)."""
        a, b = first.raw.rstrip(), second.raw
        if self.line_ends and a.endswith(self.line_ends):
            return f"line ends with {a[-1]}"
        if self.line_starts and b.startswith(self.line_starts):
            return f"next line begins with {b[0]!r}"
        if self.after and a.endswith(self.after) and len(second.text) < self.short:
            return f"break after {a[-1]} before a short line ({len(second.text)} characters)"
        return ""
