"""The edition as data: blocks of text with their source lines and editorial spans.

Everything downstream (Markdown pages, TEI, JSON, search) reads this model; nothing
reads the source text again.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """An editorial mark over ``text[start:end]`` of a block (a point when start == end)."""

    start: int
    end: int
    kind: str  # emendation | annotation | lost-note | note | term | mention
    ref: str  # id of the decision or the entry it stands for


@dataclass
class Block:
    """One unit of the edited text: a heading, a paragraph, an item of a quotation, publication data."""

    kind: str  # heading | paragraph | item | pubdata | caption | cell (a table's: blocks.py)
    lines: list  # source line numbers, in order
    source: str  # the source lines joined (leading spaces and line breaks dropped)
    section: str = ""  # id of the heading it stands under
    level: int = 0  # headings: 2 = section, 3 = subsection
    id: str = ""  # p12, abstract-zh, or a heading id
    n: int = 0  # paragraph number (0 when not numbered)
    lang: str = ""  # set where it differs from the page
    group: str = ""  # quotation id, for items
    text: str = ""  # edited reading
    origin: list = field(default_factory=list)  # origin[i]: index in `source` of text[i]; one extra at the end
    joins: list = field(default_factory=list)  # indexes in `source` where two lines were joined
    spans: list = field(default_factory=list)
    cell: tuple = ()  # table cells: (row, column, is a header), counted from 1 (blocks.py)

    def line_at(self, source_index):
        """The source line a position of ``source`` comes from."""
        line = self.lines[0]
        for join, next_line in zip(self.joins, self.lines[1:]):
            if source_index >= join:
                line = next_line
        return line


    @property
    def numbered(self):
        return self.n > 0


@dataclass
class Decision:
    """An editorial decision as recorded in the data: a break, an emendation, an annotation."""

    id: str  # j3, e2, a1 …
    kind: str  # join | join-note | break-note | break | emendation | annotation
    certainty: str
    reason: str
    block_id: str = ""
    lines: tuple = ()
    original: str = ""
    reading: str = ""
    note: str = ""  # what the editor can say (lost notes, annotations)
    note_id: str = ""  # n3 for a lost-note placeholder
    block: object = None  # the Block it applies to
    point: int = -1  # breaks: where a lost note marker stood, as an index in block.source
    start: int = -1  # emendations and annotations: what they cover, in block.source
    end: int = -1
    probable: list = field(default_factory=list)  # lost notes: ids of documents it probably cited (conjecture)


@dataclass
class Edition:
    meta: dict
    source_text: str
    source_name: str
    blocks: list
    decisions: list
    notes: dict = field(default_factory=dict)  # n3 -> Decision that placed it
    glossary: list = field(default_factory=list)
    bibliography: list = field(default_factory=list)
    principles: list = field(default_factory=list)  # (label, text) of the About page's principles, for the TEI
    footnotes: dict = field(default_factory=dict)  # "1" -> notes.Footnote: notes that survive in the source
    furniture: list = field(default_factory=list)  # structure.Line of page furniture (page numbers, heads)

    @property
    def paragraphs(self):
        return [b for b in self.blocks if b.numbered]


    def headings(self):
        return [b for b in self.blocks if b.kind == "heading"]
