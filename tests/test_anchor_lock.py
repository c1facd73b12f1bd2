"""The anchor lock: a published paragraph id never silently changes meaning.

All tests run the real CLI in a subprocess on a copy of edition/ in tmp_path.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EDITION, run_cli, snapshot

# The join in p10 (source lines 20–21): `…大力的支持和合作，` / `使俄羅斯在國際反恐聯盟…`.
SPLIT_AT = "大力的支持和合作，|使俄羅斯在國際反恐聯盟"
PARA_ID = re.compile(r"^\s*\{: #(p\d+) ", re.M)




def one_error_line(result):
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]




def para_ids(docs: Path):
    return PARA_ID.findall((docs / "text.md").read_text(encoding="utf-8"))


def split_paragraph(edition: Path):
    """Turn the `join-note` at SPLIT_AT into `break`: p10 splits, every later id shifts by one."""
    breaks = edition / "breaks.yml"
    lines = breaks.read_text(encoding="utf-8").split("\n")
    [at] = [i for i, line in enumerate(lines) if SPLIT_AT in line]
    [decision] = [i for i in range(at, at + 6) if lines[i].strip().startswith("decision:")]
    assert lines[decision].strip() == "decision: join-note", lines[decision]
    lines[decision] = "  decision: break"
    breaks.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def copy(tmp_path):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    return edition




@pytest.fixture
def docs_copy(baseline, tmp_path):
    """This test's own copy of the docs folder the baseline build wrote."""
    _, docs, result = baseline
    assert result.returncode == 0, result.stderr
    shutil.copytree(docs, tmp_path / "docs")
    return tmp_path / "docs"


def test_committed_lock_matches_the_edition(copy, baseline, tmp_path):
    """(e) check passes on an unmodified copy, and `lock` would add or change nothing."""
    result = run_cli("check", copy, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    committed = json.loads((EDITION / "anchors.lock.json").read_text(encoding="utf-8"))
    relocked = run_cli("lock", copy, cwd=tmp_path)
    assert relocked.returncode == 0, relocked.stderr
    fresh = json.loads((copy / "anchors.lock.json").read_text(encoding="utf-8"))
    assert fresh["paragraphs"] == committed["paragraphs"], "the committed lock is not the lock of the current edition"
    assert fresh.get("renumberings", []) == committed.get("renumberings", [])
    assert para_ids(baseline[1]) == [e["id"] for e in committed["paragraphs"]]


def test_splitting_a_paragraph_fails_the_build(copy, docs_copy, tmp_path):
    """(a) a split shifts every later id: build fails naming the lock and the moved ids."""
    docs = docs_copy
    before = snapshot(docs)
    split_paragraph(copy)
    message = one_error_line(run_cli("build", copy, docs, cwd=tmp_path))
    where = message[len("error: "):].split(": ", 1)[0]
    assert where.endswith("anchors.lock.json"), message
    assert re.search(r"\bp10\b", message) and re.search(r"\bp11\b", message), message
    assert "make lock RENUMBER" in message or "--renumber" in message, message
    assert snapshot(docs) == before, "a failed build must leave docs/ as it was"


def test_lock_without_a_reason_refuses_to_renumber(copy, tmp_path):
    """(b) `lock` without --renumber refuses, and leaves the lock as it was."""
    split_paragraph(copy)
    lock = copy / "anchors.lock.json"
    before = lock.read_bytes()
    message = one_error_line(run_cli("lock", copy, cwd=tmp_path))
    assert "anchors.lock.json" in message
    assert lock.read_bytes() == before
    # `make lock` with no RENUMBER passes an empty reason: also refused
    one_error_line(run_cli("lock", copy, None, "--renumber", "", cwd=tmp_path))
    assert lock.read_bytes() == before


def test_lock_with_a_reason_records_the_renumbering(copy, tmp_path):
    """(c) `lock --renumber "split p10"` succeeds; build then succeeds; the reason is recorded."""
    split_paragraph(copy)
    result = run_cli("lock", copy, None, "--renumber", "split p10", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lock = json.loads((copy / "anchors.lock.json").read_text(encoding="utf-8"))
    records = [r for r in lock.get("renumberings", []) if r.get("reason") == "split p10"]
    assert len(records) == 1, lock.get("renumberings")
    assert "p10" in records[0]["ids"] and "p11" in records[0]["ids"], records[0]
    assert records[0].get("date")

    docs = tmp_path / "docs"
    built = run_cli("build", copy, docs, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    committed = json.loads((EDITION / "anchors.lock.json").read_text(encoding="utf-8"))
    assert len(para_ids(docs)) == len(committed["paragraphs"]) + 1
    paragraphs = json.loads((docs / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]
    p11 = next(p for p in paragraphs if p["id"] == "p11")
    assert p11["text"].startswith("使俄羅斯在國際反恐聯盟"), "p11 should now be the second half of the old p10"


def test_an_emendation_moves_no_id(copy, docs_copy, tmp_path):
    """(d) changing a reading (and adding an emendation) keeps every id: build passes the old lock."""
    docs = docs_copy
    ids_before = para_ids(docs)
    lock_before = (copy / "anchors.lock.json").read_bytes()

    emend = copy / "emendations.yml"
    text = emend.read_text(encoding="utf-8")
    assert "  reading: 西\n" in text
    text = text.replace("  reading: 西\n", "  reading: 東\n", 1)  # a different reading of the same word
    text += ('\n- context: "強烈地震撼了世界"\n  original: 震撼\n  reading: 撼動\n'
             "  certainty: conjectural\n  reason: a new emendation changes no anchor\n")
    emend.write_text(text, encoding="utf-8")

    built = run_cli("build", copy, docs, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert para_ids(docs) == ids_before
    page = (docs / "text.md").read_text(encoding="utf-8")
    assert 'data-original="震撼"' in page and "撼動" in page
    assert (copy / "anchors.lock.json").read_bytes() == lock_before
