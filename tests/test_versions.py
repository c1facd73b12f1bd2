"""Versions a citation can name: each published version stays at its own path (mike), the
changelog lists them, and a reader on an old version sees that a newer one exists.

The project is copied into a temporary git repository; versions 1.0 and 1.1 are deployed
with `mike deploy` (no --push) into its gh-pages branch, from edition.yml variants whose
history ends at 1.0 and at 1.1; the branch is checked out and served over http.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html as lhtml

from browsing import serve
from conftest import ENV, PUBLISHED_URL, ROOT

COPY = ("mkdocs.yml", "docs", "overrides", "scripts", "edition")
BIN = Path(sys.executable).parent
HISTORY = yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(encoding="utf-8"))["edition"]["history"]
OLD, NEW = HISTORY[0], HISTORY[-1]


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def env():
    return {**ENV, "EDITION_URL": PUBLISHED_URL, "EDITION_DOWNLOADS": "1", "PATH": f"{BIN}{os.pathsep}{ENV.get('PATH', '')}",
            "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def deploy(project, env, history):
    """Build the edition whose history ends with history[-1], and deploy it with mike."""
    path = project / "edition" / "edition.yml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta["edition"]["history"] = history
    path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    version = str(history[-1]["version"])
    for args in ([sys.executable, "scripts/edition.py", "build"],
                 [str(BIN / "mike"), "deploy", "--update-aliases", version, "latest"]):
        result = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def gh_pages(tmp_path_factory, env):
    """The gh-pages branch after deploying 1.0 and then 1.1, checked out into a folder."""
    tmp = tmp_path_factory.mktemp("versions")
    project = tmp / "project"
    project.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, project / name)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    subprocess.run(["git", "-C", str(project), "commit", "-qm", "edition"], check=True, env=env)
    deploy(project, env, [OLD])
    deploy(project, env, HISTORY)
    result = subprocess.run([str(BIN / "mike"), "set-default", "latest"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = tmp / "gh-pages"
    out.mkdir()
    archive = subprocess.run(["git", "-C", str(project), "archive", "gh-pages"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def test_versions_json_names_both_versions_and_latest(gh_pages):
    versions = json.loads((gh_pages / "versions.json").read_text(encoding="utf-8"))
    assert {v["version"]: v["aliases"] for v in versions} == {NEW["version"]: ["latest"], OLD["version"]: []}


def test_each_version_keeps_its_own_text_and_date(gh_pages):
    for entry in (OLD, NEW):
        page = gh_pages / entry["version"] / "text.html"
        assert page.is_file(), page
        head = lhtml.parse(str(page)).getroot().find("head")
        assert head.xpath("link[@rel='canonical']/@href") == [f"{PUBLISHED_URL}{entry['version']}/text.html"]
        date = head.xpath("meta[@name='citation_publication_date']/@content")
        assert date == [str(entry["date"]).replace("-", "/")]
    assert (gh_pages / "latest" / "text.html").read_bytes() == (gh_pages / NEW["version"] / "text.html").read_bytes()
    assert "latest/" in (gh_pages / "index.html").read_text(encoding="utf-8")   # mike set-default


def test_each_version_holds_its_pdf_and_its_zip_holds_it(gh_pages):
    """mike's build makes the downloads (EDITION_DOWNLOADS=1, as publish.yml sets it)."""
    import zipfile
    for entry in (OLD, NEW):
        folder = gh_pages / entry["version"] / "downloads"
        pdf = (folder / "edition.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        with zipfile.ZipFile(folder / "edition-offline.zip") as archive:
            assert archive.read("edition-offline/downloads/edition.pdf") == pdf


def test_changelog_lists_the_versions_up_to_its_own(gh_pages):
    def headings(version):
        root = lhtml.parse(str(gh_pages / version / "changelog.html")).getroot()
        return [h.text_content() for h in root.xpath("//article//h2")]
    assert len(headings(OLD["version"])) == 1 and OLD["version"] in headings(OLD["version"])[0]
    new = headings(NEW["version"])
    assert len(new) == len(HISTORY) and new[0].startswith(NEW["version"])   # newest first
    links = lhtml.parse(str(gh_pages / NEW["version"] / "changelog.html")).getroot().xpath("//article//a/@href")
    assert f"{PUBLISHED_URL}{OLD['version']}/" in links and f"{PUBLISHED_URL}{NEW['version']}/" in links


def test_old_version_carries_the_outdated_banner(gh_pages):
    root = lhtml.parse(str(gh_pages / OLD["version"] / "text.html")).getroot()
    banner = root.xpath("//*[@data-md-component='outdated']")
    assert len(banner) == 1 and banner[0].get("hidden") is not None   # shown by script, not by default
    assert banner[0].xpath(".//a/@href") == [PUBLISHED_URL]


def test_a_deploy_under_another_version_number_stops(gh_pages, env):
    project = gh_pages.parent / "project"
    result = subprocess.run([str(BIN / "mike"), "deploy", "9.9"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "mike deploys version 9.9" in result.stderr


@pytest.fixture(scope="module")
def served(gh_pages):
    with serve(gh_pages) as url:
        yield url


def test_reader_on_the_old_version_sees_a_newer_one_exists(browser, served):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + OLD["version"] + "/text.html")
    page.locator("[data-md-component=outdated]").wait_for(state="visible")
    assert page.locator(".md-version__current").inner_text().strip() == OLD["version"]
    assert errors == []
    page.close()


def test_reader_on_the_current_version_sees_no_banner(browser, served):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + NEW["version"] + "/text.html")
    page.locator(".md-version__current").wait_for(state="visible")   # the selector ran: versions.json read
    assert page.locator("[data-md-component=outdated]").is_hidden()
    assert errors == []
    page.close()


@pytest.mark.parametrize("where", ["old", "site"])
def test_from_disk_the_version_selector_asks_for_nothing_and_breaks_nothing(browser, gh_pages, site, where):
    folder = gh_pages / OLD["version"] if where == "old" else site
    page = browser.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((folder / "text.html").as_uri())
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    page.wait_for_load_state("load")
    assert errors == []
    assert not [r for r in requests if "versions.json" in r], requests
    assert page.locator(".md-version").count() == 0
    if where == "old":
        assert page.locator("[data-md-component=outdated]").is_hidden()
    page.close()
