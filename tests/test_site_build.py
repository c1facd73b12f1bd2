"""`mkdocs build` reads what `scripts/edition.py build` wrote and never builds the edition again
(issue 9: the build's cost): the hooks take the site's name, address, footer, citation block,
cite panel and search names from docs/.site.json (editkit.hook_data)."""

import shutil
import subprocess

from conftest import ENV, PUBLISHED_URL, PY, ROOT


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
