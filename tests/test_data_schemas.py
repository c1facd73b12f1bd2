"""Data checked once, at the edge: every data file has a JSON Schema, names it in its header,
and `scripts/edition.py check` reports every problem of every file at once.

Runs over every edition in the repository (edition/, editions/*, tests/data/second_article).
"""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EDITION, ROOT, run_cli
from jsonschema import Draft7Validator, FormatChecker

SCHEMAS = ROOT / "scripts" / "editkit" / "schemas"
EDITIONS = [EDITION, *sorted(p for p in (ROOT / "editions").iterdir() if (p / "edition.yml").is_file()),
            ROOT / "tests" / "data" / "second_article"]
DATA_FILES = {  # data file -> schema file (what the README's table lists)
    "edition.yml": "edition.schema.json", "structure.yml": "structure.schema.json",
    "breaks.yml": "breaks.schema.json", "emendations.yml": "emendations.schema.json",
    "glossary.yml": "glossary.schema.json", "bibliography.json": "bibliography.schema.json",
    "anchors.lock.json": "anchors.lock.schema.json",
}
HEADER = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)$")
ERROR = re.compile(r"^error: (?P<file>.+?)(?::(?P<line>\d+))?: (?P<message>.+ — .+)$")


def ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def as_json(value):
    """YAML as JSON holds it (dates as text), for the schema."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_every_schema_is_a_valid_draft7_schema(name):
    schema = json.loads((SCHEMAS / DATA_FILES[name]).read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("edition", EDITIONS, ids=ids(EDITIONS))
def test_each_data_file_names_its_schema_and_is_valid_against_it(edition):
    """Checked here with jsonschema directly (not through editkit), on the files as an editor's
    tooling reads them: the schema named in the file's header."""
    seen = 0
    for name, schema_name in DATA_FILES.items():
        path = edition / name
        if not path.is_file():
            continue
        seen += 1
        text = path.read_text(encoding="utf-8")
        if name.endswith(".yml"):
            match = HEADER.match(text.split("\n", 1)[0])
            assert match, f"{path}: the first line should name the schema for YAML tooling"
            ref, data = match["ref"], as_json(yaml.safe_load(text))
        elif isinstance(json.loads(text), dict):
            data = json.loads(text)
            ref = data.pop("$schema", None)
            assert ref, f"{path}: `$schema` should name the schema"
        else:  # a JSON array (bibliography.json) has no place for a header
            ref, data = None, json.loads(text)
        if ref is not None:
            assert (edition / ref).resolve() == (SCHEMAS / schema_name).resolve(), f"{path} names {ref}"
        schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
        problems = [e.message for e in Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(data)]
        assert problems == [], f"{path}: {problems}"
    assert seen >= 5


def test_a_schema_rejects_what_the_build_cannot_use():
    """The schemas say something: a decision without its certainty, an unknown kind, a bad pattern."""
    def problems(name, data):
        schema = json.loads((SCHEMAS / DATA_FILES[name]).read_text(encoding="utf-8"))
        return list(Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(data))
    assert problems("breaks.yml", [{"at": "a|b", "decision": "join", "reason": "r"}])  # no certainty
    assert not problems("breaks.yml", [{"at": "a|b", "decision": None}])  # undecided: allowed, reported by check
    assert problems("breaks.yml", [{"at": "a|b|c", "decision": None}])
    assert problems("emendations.yml", [{"context": "ab", "original": "a", "certainty": "certain", "reason": "r"}])
    assert not problems("emendations.yml", [{"context": "ab", "original": "a", "certainty": "certain",
                                             "reason": "r", "type": "annotation"}])
    assert problems("glossary.yml", [{"id": "x", "term": "x", "kind": "dragon", "english": "x",
                                      "gloss_zh": "x", "gloss_en": "x"}])
    assert problems("structure.yml", {"headings": [{"match": "^(unclosed", "level": 2}]})
    assert problems("anchors.lock.json", {"paragraphs": [{"id": "p1", "fingerprint": "not-hex"}]})


def break_files(edition: Path):
    """Five problems in four files; returns {file name: expected line}."""
    expected = {}

    def edit(name, old, new):
        path = edition / name
        lines = path.read_text(encoding="utf-8").split("\n")
        [number] = [i for i, line in enumerate(lines, start=1) if line.startswith(old)][:1]
        lines[number - 1] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        return number

    expected["edition.yml"] = edit("edition.yml", "  title_en:", "  title_en: [not, text]")
    expected["breaks.yml"] = edit("breaks.yml", "  certainty: certain", "  certainty: maybe")
    expected["emendations.yml"] = edit("emendations.yml", "  certainty: certain", "  certainty: 確定")
    expected["structure.yml"] = edit("structure.yml", "  - match: '^[壹", "  - match: '^[壹(((('")
    expected["glossary.yml"] = edit("glossary.yml", "  kind: person", "  kind: people")
    return expected


def test_check_reports_every_problem_at_once(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    expected = break_files(edition)
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    found = {}
    for line in lines:
        match = ERROR.match(line)
        assert match, f"not `error: file:line: problem — fix`: {line!r}"
        found.setdefault(Path(match["file"]).name, set()).add(match["line"] and int(match["line"]))
    for name, line in expected.items():
        assert line in found.get(name, set()), f"{name}:{line} not reported: {lines}"
    assert len(lines) == len(expected), lines  # one line each, nothing that follows from another


def test_build_stops_before_any_step_with_every_problem(tmp_path):
    edition, docs = tmp_path / "edition", tmp_path / "docs"
    shutil.copytree(EDITION, edition)
    expected = break_files(edition)
    result = run_cli("build", edition, docs, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().split("\n")) == len(expected)
    assert not docs.exists(), "nothing is written when the data is bad"


def test_check_lists_break_and_emendation_problems_together(tmp_path):
    """Past the schemas: a decision whose context is gone and an emendation whose context is gone,
    in one run (the emendations are matched against the blocks the sound decisions make)."""
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    expected = {}
    for name, prefix, insert in (("breaks.yml", '- at: "', "並無此句"), ("emendations.yml", '- context: "', "並無此句")):
        path = edition / name
        lines = path.read_text(encoding="utf-8").split("\n")
        number = next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))
        lines[number - 1] = lines[number - 1].replace(prefix, prefix + insert, 1)
        path.write_text("\n".join(lines), encoding="utf-8")
        expected[name] = number
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 2, lines
    for line, (name, number) in zip(lines, expected.items()):
        match = ERROR.match(line)
        assert match and match["file"].endswith(name) and match["line"] == str(number), line
