"""Data files' entries as small frozen records, made once, right after the schema check.

The steps read attributes: they neither look keys up nor apply defaults again. (emendations.yml
so far; glossary.yml becomes glossary.Term as it is loaded.)
"""

from dataclasses import dataclass

from .data import LINE


@dataclass(frozen=True)
class Change:
    """An entry of emendations.yml: an emendation (changes the reading) or an annotation."""

    kind: str  # emendation | annotation
    context: str  # words around the place, unique in the source
    original: str  # the source's words, once in the context
    reading: str  # the edited reading ("" deletes); an annotation's is its original
    certainty: str
    reason: str
    note: str  # "" when none
    line: int | None  # where the entry starts in the file, for errors


def changes(entries):
    """emendations.yml's entries, as checked against schemas/emendations.schema.json."""
    out = []
    for e in entries or []:
        kind = e.get("type", "emendation")
        out.append(Change(kind=kind, context=e["context"], original=e["original"],
                          reading=e["reading"] if kind == "emendation" else e["original"],
                          certainty=e["certainty"], reason=e["reason"].strip(),
                          note=(e.get("note") or "").strip(), line=e.get(LINE)))
    return out
