"""Data checked once, at the edge (issue 11): after the schema check, emendations.yml's and
breaks.yml's entries become frozen records (editkit.records) with their defaults applied, and the
steps read those."""

import dataclasses
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editkit.build import read_inputs  # noqa: E402
from editkit.records import BreakChoice, Change  # noqa: E402

EDITIONS = [ROOT / "edition", ROOT / "editions" / "psi-agreement", ROOT / "editions" / "sac-106-pan-49",
            ROOT / "tests" / "data" / "second_article"]


@pytest.mark.parametrize("folder", EDITIONS, ids=lambda p: p.name)
def test_emendations_arrive_as_frozen_records_as_the_file_says(folder):
    changes = read_inputs(folder).emendations
    raw = yaml.safe_load((folder / "emendations.yml").read_text(encoding="utf-8")) or []
    lines = (folder / "emendations.yml").read_text(encoding="utf-8").split("\n")
    assert len(changes) == len(raw)
    for change, entry in zip(changes, raw):
        assert isinstance(change, Change)
        with pytest.raises(dataclasses.FrozenInstanceError):
            change.reading = "x"
        assert (change.context, change.original, change.certainty) == (
            entry["context"], entry["original"], entry["certainty"])
        assert change.kind == entry.get("type", "emendation")
        # an annotation keeps the source's words; an emendation reads what the file says
        assert change.reading == (entry["reading"] if change.kind == "emendation" else entry["original"])
        assert change.reason == entry["reason"].strip() and change.note == (entry.get("note") or "").strip()
        assert lines[change.line - 1].startswith("- ")  # the entry's first line, for errors


def test_the_real_edition_has_both_kinds():
    kinds = {c.kind for c in read_inputs(ROOT / "edition").emendations}
    assert kinds == {"emendation", "annotation"}


@pytest.mark.parametrize("folder", EDITIONS, ids=lambda p: p.name)
def test_break_decisions_arrive_as_frozen_records_as_the_file_says(folder):
    choices = read_inputs(folder).breaks
    raw = yaml.safe_load((folder / "breaks.yml").read_text(encoding="utf-8")) or []
    lines = (folder / "breaks.yml").read_text(encoding="utf-8").split("\n")
    assert len(choices) == len(raw) > 0
    for choice, entry in zip(choices, raw):
        assert isinstance(choice, BreakChoice)
        with pytest.raises(dataclasses.FrozenInstanceError):
            choice.decision = "break"
        assert (choice.at, choice.decision, choice.certainty) == (entry["at"], entry["decision"], entry["certainty"])
        assert choice.end + "|" + choice.start == entry["at"]
        assert choice.joins == (entry["decision"] in ("join", "join-note"))
        assert choice.reason == entry["reason"].strip() and choice.note == (entry.get("note") or "").strip()
        assert lines[choice.line - 1].startswith("- ")


def test_an_undecided_break_is_a_record_without_a_decision():
    """`init` drafts `decision: null` with the rule that flagged the break; the record keeps both."""
    from editkit.records import break_choices
    [choice] = break_choices([{"at": "為|目標", "decision": None, "rule": "sentence end at full width"}])
    assert (choice.decision, choice.rule, choice.certainty, choice.reason, choice.joins) == (
        None, "sentence end at full width", "", "", False)
