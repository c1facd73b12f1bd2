"""The cache of engine results (editkit.memo, .cache/edition/): a warm build writes exactly what a
cold one and an uncached one write, skips the engines (citeproc-py, pypinyin, jsonschema are not
even imported), and anything an engine's result depends on, when changed, gives a fresh result.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from conftest import ENV, PY, snapshot  # noqa: E402
from editkit import csl, glossary, memo, validation  # noqa: E402

ENGINES = ("citeproc", "pypinyin", "jsonschema")
BUILD = f"""
import sys
sys.path.insert(0, {str(ROOT / "scripts")!r})
from editkit import cli
status = cli.main(["build", "--edition", {str(ROOT / "edition")!r}, "--docs", "docs"])
print(" ".join(m for m in {ENGINES!r} if m in sys.modules))
sys.exit(status)
"""


def _build(folder, **env):
    """Build the edition's pages into ``folder``/docs with ``folder`` as the working directory
    (where .cache/ is); the engines the build imported."""
    result = subprocess.run([PY, "-c", BUILD], cwd=folder, env={**ENV, **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split("\n")[-2].split())


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same edition built without the cache, then cold (empty cache), then warm."""
    out = {}
    for name, env in (("uncached", {memo.OFF: "1"}), ("cold", {}), ("warm", {})):
        folder = tmp_path_factory.mktemp(name) if name != "warm" else out["cold"][0]
        if name == "warm":
            shutil.rmtree(folder / "docs")
        imported = _build(folder, **env)
        out[name] = (folder, imported, snapshot(folder / "docs"))
    return out


def test_warm_and_cold_builds_write_what_an_uncached_build_writes(builds):
    uncached = builds["uncached"][2]
    assert len(uncached) > 10
    assert builds["cold"][2] == uncached
    assert builds["warm"][2] == uncached


def test_a_warm_build_does_not_load_the_engines(builds):
    assert builds["uncached"][1] == set(ENGINES)
    assert builds["cold"][1] == set(ENGINES)
    assert builds["warm"][1] == set()
    cache = builds["cold"][0] / ".cache" / "edition"
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.json")) == ["csl", "pinyin", "valid"]


def test_an_uncached_build_stores_nothing(builds):
    assert not (builds["uncached"][0] / ".cache").exists()


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache in a folder of its own, and no table read before."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(memo.OFF, raising=False)
    monkeypatch.setattr(memo, "_tables", {})
    for cached in (csl._table, glossary._pinyin_table, validation._known_valid):
        cached.cache_clear()
    yield tmp_path
    for cached in (csl._table, glossary._pinyin_table, validation._known_valid):
        cached.cache_clear()


ITEM = {"id": "x", "type": "book", "title": "A Book", "issued": {"date-parts": [[2020]]},
        "author": [{"family": "Doe", "given": "Jane"}]}


def test_a_changed_item_is_rendered_afresh(fresh_cache):
    first = csl.render(ITEM, "apa")
    memo.save()
    changed = csl.render(dict(ITEM, title="Another Book"), "apa")
    assert "A Book" in first.reference and "Another Book" in changed.reference


def test_a_stored_rendering_is_what_is_used(fresh_cache):
    # the cache is really read: a result planted under the item's key comes back
    key = memo.key_of([ITEM, "apa", None])
    csl._table().entries = {key: ["planted reference", "planted citation"]}
    assert csl.render(ITEM, "apa").reference == "planted reference"


def test_a_changed_csl_file_starts_a_new_table(fresh_cache, monkeypatch):
    # styles, locales and fixes.py: every file of editkit/csl/ is part of the setup
    folder = fresh_cache / "csl"
    shutil.copytree(csl.HERE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(csl, "HERE", folder)
    before = csl._table().path
    for name in ("fixes.py", "apa.csl", "locales-en-US.xml"):
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write("\n")
        csl._table.cache_clear()
        after = csl._table().path
        assert after != before, name
        before = after


def test_a_term_not_yet_read_is_read_by_pypinyin(fresh_cache):
    stored = glossary._syllables("外交")
    memo.save()
    table = json.loads(next((fresh_cache / ".cache" / "edition").glob("pinyin-*.json")).read_text(encoding="utf-8"))
    assert table == {"外交": stored}
    assert glossary._syllables("外交部") != stored  # another word: another reading, not the stored one


def test_invalid_data_is_never_taken_for_valid(fresh_cache, tmp_path):
    good = [{"at": "a|b", "decision": "join", "certainty": "certain", "reason": "r"}]
    bad = [{"at": "a|b", "decision": "glue", "certainty": "certain", "reason": "r"}]
    assert validation.problems("breaks.yml", good, tmp_path / "breaks.yml") == []
    memo.save()
    assert validation.problems("breaks.yml", good, tmp_path / "breaks.yml") == []
    problems = validation.problems("breaks.yml", bad, tmp_path / "breaks.yml")
    assert len(problems) == 1 and "glue" in str(problems[0])


def test_a_damaged_table_is_read_as_empty(fresh_cache):
    folder = fresh_cache / ".cache" / "edition"
    folder.mkdir(parents=True)
    csl._table().path.write_text("[1, 2]", encoding="utf-8")  # valid JSON, not a table
    assert "A Book" in csl.render(ITEM, "apa").reference
    memo.save()
    assert list(json.loads(csl._table().path.read_text(encoding="utf-8"))) == [memo.key_of([ITEM, "apa", None])]


def test_a_cache_that_cannot_be_written_never_fails_the_build(fresh_cache):
    (fresh_cache / ".cache").write_text("not a folder", encoding="utf-8")
    assert "A Book" in csl.render(ITEM, "apa").reference
    memo.save()  # no error
    assert (fresh_cache / ".cache").read_text(encoding="utf-8") == "not a folder"
