"""The offline download: the whole site in one zip, linked from the home page, that works unpacked from disk."""

import importlib.util
import os
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import html as lhtml

ZIP = Path("downloads") / "edition-offline.zip"
FOLDER = "edition-offline"


def load_hook():
    spec = importlib.util.spec_from_file_location("offline_zip", ROOT / "scripts" / "hooks" / "offline_zip.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def archive(site):
    path = site / ZIP
    assert path.is_file(), "make site writes site/downloads/edition-offline.zip"
    with zipfile.ZipFile(path) as z:
        yield z


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    archive.extractall(folder)
    return folder / FOLDER




def test_the_zip_holds_the_whole_site_in_one_folder(site, archive):
    names = archive.namelist()
    assert all(n.startswith(FOLDER + "/") for n in names), "unpacking makes one folder, not a heap of files"
    inside = {n[len(FOLDER) + 1:] for n in names}
    for needed in ("index.html", "text.html", "search/search_index.js", "search/search_index.json"):
        assert needed in inside, needed
    assert "404.html" not in inside, "a server's error page: its links point at the published root, not into the zip"
    for folder in ("assets/stylesheets/", "assets/javascripts/", "assets/vendor/"):
        assert any(n.startswith(folder) for n in inside), folder
    assert str(ZIP).replace(os.sep, "/") not in inside, "the zip does not contain itself"
    pages = {str(p.relative_to(site)).replace(os.sep, "/") for p in site.rglob("*.html")} - {"404.html"}
    assert pages <= inside, f"every page of the site: {sorted(pages - inside)[:5]}"
    for info in archive.infolist():
        assert archive.read(info) == (site / info.filename[len(FOLDER) + 1:]).read_bytes(), info.filename


def test_the_zip_is_deterministic(archive):
    infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos), "entries sorted by path"
    assert len({i.date_time for i in infos}) == 1, "one fixed timestamp for every entry"
    assert {i.external_attr >> 16 for i in infos} == {0o100644}, "fixed permissions"
    assert archive.testzip() is None


def test_the_same_files_give_the_same_bytes(tmp_path):
    hook = load_hook()
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "z.txt").write_text("z")
    (folder / "a.html").write_text("a")
    hook.write_zip(folder, tmp_path / "one.zip")
    os.utime(folder / "a.html", (1, 1))  # other mtimes, same content
    hook.write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_the_home_page_links_the_download(site):
    page = lhtml.parse(str(site / "index.html")).getroot()
    links = page.xpath("//article//a[@href='downloads/edition-offline.zip']")
    assert links and "離線" in links[0].text_content()


def test_the_unpacked_site_works_from_disk(unpacked, browser):
    page = browser.new_page()
    other = []
    page.on("request", lambda r: other.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto((unpacked / "index.html").as_uri())
    assert "美俄關係" in page.title()
    assert page.locator("article h1").first.is_visible()
    page.locator("article a[href='text.html']").first.click()
    page.wait_for_url("**/text.html")
    page.goto((unpacked / "text.html").as_uri() + "#p12")
    p12 = page.locator("#p12")
    assert p12.is_visible() and p12.locator(".pnum").inner_text() == "12"
    box, height = p12.bounding_box(), page.viewport_size["height"]
    assert box["y"] < height and box["y"] + box["height"] > 0, "the paragraph's link lands on it"
    assert not other, f"the unpacked site asks other hosts: {other[:5]}"
    page.close()
