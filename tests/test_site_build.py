"""`mkdocs build` reads what `scripts/edition.py build` wrote and never builds the edition again
(issue 9: the build's cost): the hooks take the site's name, address, footer, citation block,
cite panel and search names from docs/.site.json (editkit.hook_data). `scripts/edition.py site`
(`make site`; the session's site) runs both steps in one process."""

import re
import shutil
import subprocess

from conftest import CLI, EDITION, ENV, PUBLISHED_URL, PY, ROOT, snapshot


def mkdocs_build(docs, site, **env):
    return subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT,
                          env={**ENV, "DOCS_DIR": str(docs), **env}, capture_output=True, text=True)


def pages(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_mkdocs_builds_the_same_site_without_the_editions_data(site, tmp_path):
    """With the edition folder gone (EDITION_DIR names no folder), the pages edition.py wrote
    give the session's site, page for page: no hook read the edition's data again."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    result = mkdocs_build(docs, tmp_path / "site", EDITION_DIR="no-such-edition")
    assert result.returncode == 0, result.stderr
    built, expected = pages(tmp_path / "site"), pages(site)
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name]] == []
    assert "<title>全文 - 後冷戰時期的美俄關係〔校勘本〕</title>".encode() in built["text.html"]


def test_pages_built_for_another_address_stop_the_build_in_one_line(site, tmp_path):
    """docs/ built without an address, MkDocs run with EDITION_URL: the pages (About, downloads)
    and the hooks would name different addresses, so the build stops and says what to do."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    result = mkdocs_build(docs, tmp_path / "site", EDITION_URL=PUBLISHED_URL)
    assert result.returncode != 0
    said = [line for line in result.stderr.splitlines() if ".site.json" in line]
    assert len(said) == 1 and "run `python scripts/edition.py build` with the same EDITION_URL" in said[0], \
        result.stderr
    assert "Traceback" not in result.stderr


def site_command(tmp_path, edition, *extra, **env):
    return subprocess.run([PY, str(CLI), "site", "--edition", str(edition), "--docs", str(tmp_path / "docs"),
                           "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site"), *extra],
                          cwd=ROOT, env={**ENV, **env},
                          capture_output=True, text=True)


def test_site_command_builds_the_pages_then_the_same_site(site, tmp_path):
    """Both steps in one process, each reported, the output flushed before the process leaves
    without Python's teardown (scripts/edition.py): the site is the session's, byte for byte."""
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    result = site_command(tmp_path, EDITION)
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()
    assert said[0].startswith("built 20 files in "), result.stdout
    assert re.fullmatch(r"site built in .+: pages \d+\.\d\d s, MkDocs \d+\.\d\d s", said[-1]), result.stdout
    built, expected = pages(tmp_path / "site"), pages(site)
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name]] == []


def test_site_command_stops_on_bad_data_before_mkdocs(tmp_path):
    """Bad data: the editor's one line, status 1, and the last site left as it was (MkDocs,
    which empties site/ first, never starts)."""
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    lock = edition / "anchors.lock.json"
    lock.write_text(lock.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the last build", encoding="utf-8")
    before = snapshot(tmp_path / "site")
    result = site_command(tmp_path, edition)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "anchors.lock.json" in lines[0], result.stderr
    assert snapshot(tmp_path / "site") == before


def test_site_command_says_in_one_line_when_mkdocs_cannot_start(tmp_path):
    result = site_command(tmp_path, EDITION, "-f", str(tmp_path / "no-mkdocs.yml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "no-mkdocs.yml" in errors[0], result.stderr


def test_site_command_builds_the_site_from_the_pages_it_wrote(tmp_path):
    """--docs elsewhere (another edition's pages): MkDocs reads them there, not docs/."""
    shutil.copytree(ROOT / "docs" / "assets", tmp_path / "docs" / "assets")
    result = site_command(tmp_path, ROOT / "editions" / "psi-agreement")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "site" / "text.html").read_text(encoding="utf-8")
    assert "裝運前檢驗協定" in text and "後冷戰時期的美俄關係" not in text
