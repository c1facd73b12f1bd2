"""Data checked once, at the edge (issue 11): after the schema check, emendations.yml's entries
become frozen records (editkit.records) with their defaults applied, and the steps read those."""

import dataclasses
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editkit.build import read_inputs  # noqa: E402
from editkit.records import Change  # noqa: E402

EDITIONS = [ROOT / "edition", ROOT / "editions" / "psi-agreement", ROOT / "tests" / "data" / "second_article"]


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
