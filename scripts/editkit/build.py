"""From the source and the edition data to the model: read at the edge, then pure steps."""

from dataclasses import dataclass
from pathlib import Path

from . import anchors, bibliography, breaks, emendations, glossary
from .data import LINE, entries, load_json, load_yaml, need
from .errors import EditionError
from .model import Edition, Span
from .source import read_source
from .structure import Layout


# What the pages, exports and head tags read from edition.yml.
REQUIRED_META = {
    "source": ("file", "sha256"),
    "original": ("language", "country"),
    "edition": ("title", "title_en", "short_title", "author_zh", "author_en", "editor", "history", "language",
                "licence"),
}


@dataclass
class Inputs:
    """Everything read from disk, with the paths to name in errors."""

    root: Path
    meta: dict
    text: str
    source_path: Path
    structure: dict
    breaks: list
    emendations: list
    glossary: list
    bibliography: list
    lock: dict

    def path(self, name):
        return self.root / name


def read_meta(root: Path) -> dict:
    """edition.yml, checked, with the current version and date taken from its history."""
    meta = load_yaml(root / "edition.yml")
    if not isinstance(meta, dict):
        raise EditionError(root / "edition.yml", "expected a mapping — give it the keys `source`, `edition`, `original`")
    for section, keys in REQUIRED_META.items():
        for key in keys:
            if not isinstance(meta.get(section), dict) or meta[section].get(key) is None:
                raise EditionError(root / "edition.yml", f"`{section}.{key}` is missing — add it "
                                                         "(see edition/edition.yml of this project for the form)")
    _current_version(meta["edition"], root / "edition.yml")
    return meta


def read_inputs(root: Path) -> Inputs:
    root = Path(root)
    meta = read_meta(root)
    src = meta["source"]
    source_path = root / need(src, "file", root / "edition.yml")
    text = read_source(source_path, need(src, "sha256", root / "edition.yml"))
    return Inputs(
        root=root, meta=meta, text=text, source_path=source_path,
        structure=load_yaml(root / "structure.yml"),
        breaks=entries(load_yaml(root / "breaks.yml"), root / "breaks.yml"),
        emendations=entries(load_yaml(root / "emendations.yml"), root / "emendations.yml"),
        glossary=entries(load_yaml(root / "glossary.yml", required=False), root / "glossary.yml"),
        bibliography=load_json(root / "bibliography.json", required=False) or [],
        lock=load_json(root / "anchors.lock.json", required=False),
    )


def _current_version(edition, path):
    """The last entry of `edition.history` is the current version: its number and date."""
    history = edition["history"]
    if not isinstance(history, list) or not history or not all(
            isinstance(h, dict) and h.get("version") and h.get("date") for h in history):
        raise EditionError(path, "`edition.history` must list the versions, each with `version` and `date` — add them")
    for entry in history:
        for key in ("changes", "changes_en"):
            for line in entry.get(key) or []:
                if not isinstance(line, str):
                    raise EditionError(path, f"`edition.history` {entry['version']}: a change in `{key}` is read as "
                                             "a mapping, not one line of text (a `: ` inside it?) — put it in quotes",
                                       line=line.get(LINE) if isinstance(line, dict) else entry.get(LINE))
    edition["version"], edition["date"] = str(history[-1]["version"]), history[-1]["date"]


def make_edition(inp: Inputs, check_lock=True) -> Edition:
    """The edited text as a model. Pure: the same inputs give the same edition."""
    layout = Layout(inp.structure, inp.path("structure.yml"))
    lines = layout.classify(inp.text)
    decided = breaks.match_decisions(lines, layout, inp.breaks, inp.path("breaks.yml"))
    blocks, break_decisions = breaks.assemble(lines, decided)
    changes = emendations.locate(blocks, inp.emendations, inp.path("emendations.yml"))
    decisions = _in_reading_order(blocks, break_decisions + changes)
    for block in blocks:
        emendations.apply(block, changes)
    anchors.number(blocks)
    if check_lock:
        anchors.check(blocks, inp.lock, inp.path("anchors.lock.json"))
    for d in decisions:
        d.block_id = d.block.id
    edition = Edition(meta=inp.meta, source_text=inp.text, source_name=inp.source_path.name,
                      blocks=blocks, decisions=decisions)
    _place_lost_notes(edition)
    edition.glossary = glossary.load(inp.glossary, inp.path("glossary.yml"))
    glossary.attach(edition.glossary, blocks, inp.path("glossary.yml"))
    edition.bibliography = bibliography.load(inp.bibliography, inp.path("bibliography.json"))
    bibliography.attach(edition.bibliography, blocks, inp.path("bibliography.json"))
    _probable_references(edition)
    return edition


def _in_reading_order(blocks, decisions):
    order = {id(b): i for i, b in enumerate(blocks)}
    decisions.sort(key=lambda d: (order[id(d.block)], d.point if d.point >= 0 else d.start))
    counters = {}
    prefix = {"emendation": "e", "annotation": "a"}
    for d in decisions:
        p = prefix.get(d.kind, "j")
        counters[p] = counters.get(p, 0) + 1
        d.id = f"{p}{counters[p]}"
    return decisions


def _place_lost_notes(edition):
    n = 0
    for d in edition.decisions:
        if d.kind in ("join-note", "break-note"):
            n += 1
            d.note_id = f"n{n}"
            at = emendations.edited_index(d.block, d.point)
            d.block.spans.append(Span(at, at, "lost-note", d.note_id))
            edition.notes[d.note_id] = d


SENTENCE_ENDS = "。！？；"


def _probable_references(edition):
    """A lost note right after a mention of a cited document probably cited it (a conjecture)."""
    for d in edition.notes.values():
        at = next(s.start for s in d.block.spans if s.kind == "lost-note" and s.ref == d.note_id)
        text = d.block.text
        sentence_start = max(text.rfind(c, 0, max(at - 1, 0)) for c in SENTENCE_ENDS) + 1
        d.probable = []
        for s in d.block.spans:
            if s.kind == "mention" and sentence_start <= s.start and s.end <= at and s.ref not in d.probable:
                d.probable.append(s.ref)
