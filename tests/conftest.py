"""Shared fixtures: one real build of the edition (docs/ and a site in a temporary folder)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = ROOT / "scripts" / "edition.py"
EDITION = ROOT / "edition"
SOURCE = EDITION / "source" / "000_1e89461a5283ea15.txt"
TEI_RNG = ROOT / "tests" / "schemas" / "tei_all.rng"   # jing validates every TEI download against it
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
ENV.pop("EDITION_URL", None)  # the `site` fixture is the unpublished build; `published_site` sets it


def run(*args, cwd=ROOT, check=True):
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


def run_cli(command, edition, docs=None, *extra, cwd):
    """The edition's command line, as a reader of its errors meets it: a subprocess."""
    args = [PY, str(CLI), command, "--edition", str(edition)]
    if docs is not None:
        args += ["--docs", str(docs)]
    return subprocess.run(args + list(extra), capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=ENV, timeout=60)


def snapshot(folder: Path):
    """Every file below ``folder`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_edition_site(folder, tmp):
    """Any edition's pages (the CLI) and site (MkDocs, strictly) in ``tmp``: (docs, site)."""
    docs, site = tmp / "docs", tmp / "site"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    built = run_cli("build", folder, docs, cwd=tmp)
    assert built.returncode == 0, built.stderr
    env = {**ENV, "EDITION_DIR": str(Path(folder).relative_to(ROOT)), "DOCS_DIR": str(docs)}
    made = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return docs, site


def build_site(site_dir):
    """The commands `make site` runs: the pages and the site (edition.py site), then the PDF
    and the offline zip."""
    run(PY, "scripts/edition.py", "site", "-d", str(site_dir))
    run(PY, "scripts/edition.py", "downloads", "-d", str(site_dir))
    return Path(site_dir)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site as `make site` builds it, in a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def docs(site):
    return ROOT / "docs"


@pytest.fixture(scope="session")
def source_text():
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """One build of an unmodified copy of edition/, shared by a module: (edition, docs, result)."""
    tmp = tmp_path_factory.mktemp("baseline")
    edition = tmp / "edition"
    shutil.copytree(EDITION, edition)
    return edition, tmp / "docs", run_cli("build", edition, tmp / "docs", cwd=tmp)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, for one test module: closed at its end, so that pages a
    module leaves open (Material's search worker indexing) never run beside Lighthouse."""
    from browsing import launch
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def http_base(site):
    """The built site over http on 127.0.0.1 (base URL ending in /)."""
    from browsing import serve
    with serve(site) as url:
        yield url


PUBLISHED_URL = "https://example.org/us-russia-edition/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The site as the publishing workflow builds it: EDITION_URL set (a canonical address).
    docs/ is rebuilt without the address afterwards, as `make site` leaves it."""
    site_dir = tmp_path_factory.mktemp("published") / "site"
    env = {**ENV, "EDITION_URL": PUBLISHED_URL}
    for args in ([PY, "scripts/edition.py", "site", "-d", str(site_dir)],
                 [PY, "scripts/edition.py", "downloads", "-d", str(site_dir)]):
        result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    run(PY, "scripts/edition.py", "build")
    return site_dir


def edition_fixtures(folder, name):
    """The module fixtures of a test module about one real edition: ``name`` ((docs, site): the
    pages from the CLI, the site from MkDocs, strictly), ``text_page`` (the site's text page,
    parsed afresh for each test: some strip it) and ``paragraphs`` (its paragraphs.json).
    Use: ``sac, text_page, paragraphs = edition_fixtures(EDITION, "sac")``."""
    import json

    from lxml import html as lhtml

    @pytest.fixture(scope="module", name=name)
    def built(tmp_path_factory):
        return build_edition_site(folder, tmp_path_factory.mktemp(name))

    @pytest.fixture
    def text_page(request):
        return lhtml.parse(str(request.getfixturevalue(name)[1] / "text.html")).getroot()

    @pytest.fixture(scope="module")
    def paragraphs(request):
        docs = request.getfixturevalue(name)[0]
        return json.loads((docs / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]

    return built, text_page, paragraphs


def tables_in_source_order(article):
    """Each table figure of a text page replaced by one <p> of its cells' words in source-line
    order (data-line): a table shows its cells in reading order, the source has them as extracted."""
    from lxml import etree
    for figure in article.xpath(".//figure[contains(concat(' ',@class,' '),' edition-table ')]"):
        cells = sorted(figure.xpath(".//*[@data-line]"), key=lambda c: int(c.get("data-line")))
        words = etree.SubElement(figure.getparent(), "p")
        words.text = "".join("".join(c.itertext()) for c in cells)
        figure.addnext(words)
        figure.getparent().remove(figure)
