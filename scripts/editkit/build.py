"""From the source and the edition data to the model: read at the edge, then pure steps."""

import os
from dataclasses import dataclass
from pathlib import Path

from . import anchors, bibliography, breaks, emendations, glossary, notes, records, validation, word_space
from .blocks import item_ids
from .data import load_json, load_yaml
from .errors import EditionError, EditionErrors, raise_all
from .model import Edition, Span
from .source import read_source
from .structure import Layout


EDITION_DIR = "EDITION_DIR"  # environment: which edition folder MkDocs' hooks read (default edition/)

# The data files, each checked against its schema (editkit/schemas/) before any step runs.
DATA_FILES = {  # name -> (loader, required)
    "edition.yml": (load_yaml, True),
    "structure.yml": (load_yaml, True),
    "breaks.yml": (load_yaml, True),
    "emendations.yml": (load_yaml, True),
    "glossary.yml": (load_yaml, False),
    "bibliography.json": (load_json, False),
    "anchors.lock.json": (load_json, False),
}


@dataclass
class Inputs:
    """Everything read from disk, checked, with the paths to name in errors."""

    root: Path
    meta: dict
    text: str
    source_path: Path
    structure: dict
    breaks: list  # records.BreakChoice
    emendations: list  # records.Change
    glossary: list
    bibliography: list
    lock: dict

    def path(self, name):
        return self.root / name


def load_checked(root: Path, names=DATA_FILES):
    """Every data file loaded and checked against its schema: (data by name, every problem found)."""
    data, problems = {}, []
    for name in names:
        loader, required = DATA_FILES[name]
        try:
            data[name] = loader(root / name, required=required)
        except EditionError as err:
            problems.append(err)
            continue
        if data[name] is not None:
            problems += validation.problems(name, data[name], root / name)
    return data, problems


def edition_folder(project: Path) -> Path:
    """The edition a site is built from: edition/, or the folder EDITION_DIR names (relative to the project)."""
    return Path(project) / os.environ.get(EDITION_DIR, "edition")


def read_meta(root: Path) -> dict:
    """edition.yml, checked, with the current version and date taken from its history."""
    data, problems = load_checked(Path(root), ["edition.yml"])
    raise_all(problems)
    return _current_version(data["edition.yml"])


def read_inputs(root: Path) -> Inputs:
    """Every input, checked once, here at the edge: all problems are reported together."""
    root = Path(root)
    data, problems = load_checked(root)
    text = source_path = None
    meta = data.get("edition.yml")
    if meta is not None and not any(p.path == str(root / "edition.yml") for p in problems):
        source_path = root / meta["source"]["file"]
        try:
            text = read_source(source_path, meta["source"]["sha256"])
        except EditionError as err:
            problems.append(err)
    raise_all(problems)
    return Inputs(
        root=root, meta=_current_version(meta), text=text, source_path=source_path,
        structure=data["structure.yml"] or {},
        breaks=records.break_choices(data["breaks.yml"]),
        emendations=records.changes(data["emendations.yml"]),
        glossary=data.get("glossary.yml") or [],
        bibliography=data.get("bibliography.json") or [],
        lock=data.get("anchors.lock.json"),
    )


def check_all(root: Path):
    """Every problem of an edition folder, at once: the schemas first, then the steps whose data passed.

    The break decisions are matched against the source as soon as edition.yml's `source`,
    structure.yml and breaks.yml are sound, so that a new edition's undecided breaks are listed
    beside the fields it still lacks. The remaining steps run once nothing else is wrong.
    """
    root = Path(root)
    data, problems = load_checked(root)
    unsound = {Path(p.path).name for p in problems}
    meta = data.get("edition.yml")
    src = meta.get("source") if isinstance(meta, dict) else None
    source_ok = isinstance(src, dict) and isinstance(src.get("file"), str) and isinstance(src.get("sha256"), str)
    text = None
    if source_ok:
        try:
            text = read_source(root / src["file"], src["sha256"])
        except EditionError as err:
            problems.append(err)
    if text is not None and not unsound & {"structure.yml", "breaks.yml"}:
        problems += _collected(lambda: _text_problems(root, data, text, check_emendations="emendations.yml" not in unsound))
    if not problems:
        problems += _collected(lambda: make_edition(read_inputs(root)))
    return problems


def _text_problems(root, data, text, check_emendations):
    """The break decisions against the text, and the emendations against the blocks they make
    (undecided breaks left as the rules have them), so that both are listed in one check."""
    layout = Layout(data["structure.yml"], root / "structure.yml")
    layout.note_problems = []
    try:
        lines = layout.classify(text, note_problems=False)
    except (EditionError, EditionErrors) as err:  # the layout's own problems, with the notes' counts
        raise_all((err.errors if isinstance(err, EditionErrors) else [err]) + layout.note_problems)
    decided, problems = breaks.decisions_and_problems(lines, layout, records.break_choices(data["breaks.yml"]),
                                                  root / "breaks.yml")
    problems = layout.note_problems + problems  # the notes' counts, listed with the breaks (notes.marker_lines)
    if check_emendations:
        blocks, _ = breaks.assemble(lines, decided, layout)
        problems += _collected(lambda: emendations.locate(blocks, records.changes(data["emendations.yml"]),
                                                          root / "emendations.yml"))
    raise_all(problems)


def _collected(step):
    try:
        step()
    except EditionErrors as errs:
        return errs.errors
    except EditionError as err:
        return [err]
    return []


def _current_version(meta):
    """The last entry of `edition.history` is the current version: its number and date."""
    last = meta["edition"]["history"][-1]
    meta["edition"]["version"], meta["edition"]["date"] = str(last["version"]), last["date"]
    return meta


def make_edition(inp: Inputs, check_lock=True) -> Edition:
    """The edited text as a model. Pure: the same inputs give the same edition."""
    layout = Layout(inp.structure, inp.path("structure.yml"))
    lines = layout.classify(inp.text)
    decided = breaks.match_decisions(lines, layout, inp.breaks, inp.path("breaks.yml"))
    blocks, break_decisions = breaks.assemble(lines, decided, layout)
    _distinct_list_ids(blocks)
    item_ids(blocks, layout.unnumbered_lists)  # a list kept as one block: its items take no paragraph number
    changes = emendations.locate(blocks, inp.emendations, inp.path("emendations.yml"))
    decisions = _in_reading_order(blocks, break_decisions + changes)
    by_block = {}  # each block's own changes: a block is not compared with every change
    for d in changes:
        by_block.setdefault(id(d.block), []).append(d)
    for block in blocks:
        emendations.apply(block, by_block.get(id(block), []))
        if layout.despace:  # the justification's spaces out of the reading; the source keeps them
            word_space.despace_block(block, keep=("emendation",))
    footnotes = notes.collect(lines, layout.latin_join, despace=layout.despace)
    if layout.marker_lines:
        notes.place_from_lines(blocks, footnotes, layout.note_places, inp.path("structure.yml"))
    elif layout.note_marker:
        notes.place(blocks, footnotes, layout.note_marker, inp.path("structure.yml"))
    if footnotes and (layout.marker_lines or layout.note_marker):
        placed = {}  # each block's own notes, as emendations above
        for number, note in footnotes.items():
            placed.setdefault(id(note.block), {})[number] = note
        for block in blocks:
            notes.apply(block, placed.get(id(block), {}))
    anchors.number(blocks)
    if check_lock:
        anchors.check(blocks, inp.lock, inp.path("anchors.lock.json"))
    for d in decisions:
        d.block_id = d.block.id
    edition = Edition(meta=inp.meta, source_text=inp.text, source_name=inp.source_path.name,
                      blocks=blocks, decisions=decisions, footnotes=footnotes,
                      furniture=[line for line in lines if line.role == "furniture"])
    _place_lost_notes(edition)
    edition.glossary = glossary.load(inp.glossary, inp.path("glossary.yml"))
    glossary.attach(edition.glossary, blocks, inp.path("glossary.yml"))
    edition.bibliography = bibliography.load(inp.bibliography, inp.path("bibliography.json"))
    bibliography.attach(edition.bibliography, blocks, inp.path("bibliography.json"))
    _probable_references(edition)
    return edition


def _distinct_list_ids(blocks):
    """Each run of a list's items is one quotation with an id of its own: a list pattern met
    again later in the text (a second numbered statement) gets `id-2`, `id-3` …"""
    seen, previous = {}, None
    for block in blocks:
        if block.kind != "item":
            previous = None
            continue
        if block.group != previous:
            seen[block.group] = seen.get(block.group, 0) + 1
            previous = block.group
            run = block.group if seen[block.group] == 1 else f"{block.group}-{seen[block.group]}"
        block.group = run


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
