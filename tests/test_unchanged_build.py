"""A build with nothing changed writes nothing (editkit.stamp); any change gives a full build whose
pages are byte for byte those of a build from scratch.

Each test works in a folder of its own: a copy of the edition, of the edition code (scripts/) and
a docs/ folder, the working directory of every build (.cache/ is there). The reference for every
rebuild is a build of the same inputs from scratch: another folder, no docs/, no .cache/,
EDITION_NO_CACHE=1.
"""

import json
import os
import shutil
import subprocess

import pytest
from conftest import ENV, PY, ROOT, snapshot

NO_CACHE = {"EDITION_NO_CACHE": "1"}


def build(work, edition="edition", docs="docs", **env):
    """The command line in ``work`` (its own copy of the code): (status, stdout, stderr)."""
    result = subprocess.run([PY, "scripts/edition.py", "build", edition, "--docs", docs], cwd=work,
                            env={**ENV, **env}, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return result.returncode, result.stdout, result.stderr


def full(out):
    status, stdout, stderr = out
    assert status == 0, stderr
    return stdout.startswith("built ")


def skipped(out):
    status, stdout, stderr = out
    assert status == 0, stderr
    return stdout.startswith("up to date: ")


def from_scratch(work, tmp_path, **env):
    """The pages the inputs of ``work`` give when built from nothing (no stamp, no cache, no docs/)."""
    scratch = tmp_path / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(work, scratch, ignore=shutil.ignore_patterns("docs", ".cache"))
    assert full(build(scratch, **NO_CACHE, **env))
    assert not (scratch / ".cache").exists()
    return snapshot(scratch / "docs")


def mtimes(folder):
    return {p: p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


@pytest.fixture
def work(tmp_path):
    """The edition and its code, copied, built once (cold); the pages are checked against a build from scratch."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "edition", work / "edition")
    (work / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "edition.py", work / "scripts")
    shutil.copytree(ROOT / "scripts" / "editkit", work / "scripts" / "editkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    assert full(build(work))
    assert snapshot(work / "docs") == from_scratch(work, tmp_path)
    return work


def test_nothing_changed_nothing_written(work):
    before, pages = mtimes(work), snapshot(work / "docs")
    assert len(pages) > 10
    out = build(work)
    assert skipped(out), out
    assert mtimes(work) == before  # docs/, the stamp and the engines' cache: not one file touched
    assert snapshot(work / "docs") == pages
    assert "warning: no canonical address" in out[2]  # still said: nothing configures one


def test_the_skip_loads_none_of_the_build(work):
    """A build with nothing to do imports neither the build's steps nor the libraries they use."""
    code = ("import sys; sys.path.insert(0, 'scripts'); from editkit import cli; "
            "status = cli.main(['build', 'edition']); "
            "print(' '.join(m for m in ('lxml', 'yaml', 'editkit.build', 'editkit.site') if m in sys.modules)); "
            "sys.exit(status)")
    result = subprocess.run([PY, "-c", code], cwd=work, env=ENV, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[0].startswith("up to date: ")
    assert result.stdout.splitlines()[1] == ""


def test_no_cache_forces_a_full_build(work):
    pages = snapshot(work / "docs")
    assert full(build(work, **NO_CACHE))
    assert snapshot(work / "docs") == pages


def test_a_changed_data_file_rebuilds(work, tmp_path):
    path = work / "edition" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("gloss_zh: ", "gloss_zh: （改）", 1), encoding="utf-8")
    assert full(build(work))
    pages = snapshot(work / "docs")
    assert pages == from_scratch(work, tmp_path)
    assert "（改）".encode() in pages["glossary.md"]
    assert skipped(build(work))


def test_a_new_page_template_rebuilds(work, tmp_path):
    (work / "edition" / "pages" / "extra.md").write_text("# Extra\n\nA page of its own.\n", encoding="utf-8")
    assert full(build(work))
    assert (work / "docs" / "extra.md").is_file()
    assert snapshot(work / "docs") == from_scratch(work, tmp_path)


def test_a_changed_source_still_fails_with_its_error(work):
    source = next((work / "edition" / "source").glob("*.txt"))
    with source.open("a", encoding="utf-8") as handle:
        handle.write("一\n")
    status, _, stderr = build(work)
    assert status == 1
    assert "source checksum" in stderr and "Traceback" not in stderr


def test_a_broken_lock_is_still_caught(work):
    """The anchor lock is an input: a lock that no longer fits the text fails the build as before."""
    path = work / "edition" / "anchors.lock.json"
    lock = json.loads(path.read_text(encoding="utf-8"))
    lock["paragraphs"] = lock["paragraphs"][:-1]
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    status, _, stderr = build(work)
    assert status == 1 and "anchors.lock.json" in stderr, stderr


def test_changed_code_rebuilds(work, tmp_path):
    module = work / "scripts" / "editkit" / "pages" / "changelog.py"
    with module.open("a", encoding="utf-8") as handle:
        handle.write("\n# a change to the code, however small, is a new build\n")
    assert full(build(work))
    assert snapshot(work / "docs") == from_scratch(work, tmp_path)


def test_a_new_commit_date_changes_no_page_and_rebuilds_nothing(work, tmp_path):
    """SOURCE_DATE_EPOCH (the Makefile's: the last commit's date) dates only `lock` and `init`."""
    later = {"SOURCE_DATE_EPOCH": "1800000000"}
    assert from_scratch(work, tmp_path / "later", **later) == snapshot(work / "docs")
    assert skipped(build(work, **later))


@pytest.mark.parametrize("env", [{"EDITION_URL": "https://example.org/e/"}])
def test_a_changed_environment_rebuilds(work, tmp_path, env):
    pages = snapshot(work / "docs")
    assert full(build(work, **env))
    assert snapshot(work / "docs") == from_scratch(work, tmp_path, **env)
    assert skipped(build(work, **env))
    assert full(build(work))  # and back
    assert snapshot(work / "docs") == pages


@pytest.mark.parametrize("change", ["deleted", "edited", "listing edited"])
def test_a_changed_output_is_rebuilt(work, change):
    pages = snapshot(work / "docs")
    docs = work / "docs"
    if change == "deleted":
        (docs / "text.md").unlink()
    elif change == "edited":
        (docs / "apparatus.md").write_bytes(pages["apparatus.md"] + b"\n")
    else:
        (docs / ".generated").write_text("text.md\n", encoding="utf-8")
    assert full(build(work))
    assert snapshot(work / "docs") == pages


def test_another_docs_folder_is_built(work):
    assert full(build(work, docs="other"))
    assert snapshot(work / "other") == snapshot(work / "docs")
    assert skipped(build(work)) and skipped(build(work, docs="other"))


def test_an_edited_output_of_the_same_size_and_time_is_found(work):
    """Outputs are compared by their bytes' hash, not by size or modification time."""
    path = work / "docs" / "text.md"
    stat = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace("。".encode(), "，".encode(), 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert full(build(work))
    assert path.read_bytes() == data


def test_an_installed_package_changed_rebuilds(work, tmp_path):
    """The installed packages are part of the setup: one more (or another version) is a new build."""
    packages = tmp_path / "site-packages"
    packages.mkdir()
    assert skipped(build(work, PYTHONPATH=str(packages)))
    (packages / "somelib-1.0.dist-info").mkdir()
    assert full(build(work, PYTHONPATH=str(packages)))
    assert skipped(build(work, PYTHONPATH=str(packages)))
    (packages / "somelib-1.0.dist-info").rename(packages / "somelib-1.1.dist-info")
    assert full(build(work, PYTHONPATH=str(packages)))
