"""Data files' entries as small frozen records, made once, right after the schema check.

The steps read attributes: they neither look keys up nor apply defaults again. emendations.yml
and breaks.yml here; glossary.yml becomes glossary.Term as it is loaded; structure.yml becomes
structure.Layout; bibliography.json stays CSL-JSON, the form the citation engine reads.
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


@dataclass(frozen=True)
class BreakChoice:
    """An entry of breaks.yml: the editor's decision on the break between two source lines."""

    at: str  # end of a line|start of the next, unique in the text
    end: str  # the part of ``at`` before the bar
    start: str  # the part after it
    decision: str | None  # join | join-note | break-note | break; None: not yet decided
    certainty: str  # "" while undecided
    reason: str
    note: str  # "" when none
    rule: str  # the rule that flagged the break ("" when the entry does not say)
    line: int | None  # where the entry starts in the file, for errors

    @property
    def joins(self):
        return self.decision in ("join", "join-note")


def break_choices(entries):
    """breaks.yml's entries, as checked against schemas/breaks.schema.json."""
    out = []
    for e in entries or []:
        end, start = e["at"].split("|")
        out.append(BreakChoice(at=e["at"], end=end, start=start, decision=e["decision"],
                               certainty=e.get("certainty") or "", reason=(e.get("reason") or "").strip(),
                               note=(e.get("note") or "").strip(), rule=e.get("rule") or "", line=e.get(LINE)))
    return out
