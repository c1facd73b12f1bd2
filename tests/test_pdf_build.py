"""The PDF hook (scripts/hooks/pdf.py) on its own: the text layer it fixes, printed by its own
chromium, the cache that spares an unchanged rebuild the printing (.cache/pdf/), and who
prints: the downloads step after `mkdocs build` (scripts/edition.py downloads), or the build
itself when asked (EDITION_DOWNLOADS=1, as the publish workflow's mike deploy)."""

import importlib.util
import io
import logging
import re
import shutil
import subprocess

import pytest

from conftest import ENV, PY, ROOT

RADICAL = re.compile("[\u2e80-\u2fdf]")


@pytest.fixture(scope="module")
def hook():
    spec = importlib.util.spec_from_file_location("pdf_hook", ROOT / "scripts" / "hooks" / "pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_radical_the_pages_have_stays_in_the_text_layer(hook, tmp_path):
    """Printed by the hook's own chromium: a page with 長, 民 and 文 gives them back; when the
    pages use the radical ⺠ itself, the glyph keeps the radical's name."""
    from pypdf import PdfReader
    page = tmp_path / "radicals.html"
    page.write_text('<!doctype html><html lang="zh-Hant-TW"><meta charset="utf-8">'
                    '<p style="font-family:\'Noto Serif CJK TC\'">長民文</p></html>', encoding="utf-8")
    parts, loaded = hook.print_pages([page])
    assert loaded == [page.as_uri()]

    def text(used):
        joined = hook.join(parts, "t", hook._stamp(), tmp_path.as_uri() + "/", used=used)
        return PdfReader(io.BytesIO(joined)).pages[0].extract_text().split()[0]  # (the page number follows)

    assert RADICAL.search(text(None)), "chromium alone names radicals here (else this test proves nothing)"
    assert text(set("長民文")) == "長民文"
    assert text(set("長民文⺠")) == "長⺠文"


def site_name(site):
    """The title the build gave the PDF (MkDocs' site_name)."""
    from pypdf import PdfReader
    return PdfReader(str(site / "downloads" / "edition.pdf")).metadata["/Title"]


def outcome(caplog):
    """What the hook said it did with the PDF: printed or reused."""
    said = [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.pdf"]
    caplog.clear()
    assert len(said) == 1, said
    return "reused" if " reused from " in said[0] else "printed" if " printed, cached as " in said[0] else said[0]


def test_an_unchanged_rebuild_reuses_the_pdf_and_a_changed_input_prints_anew(hook, site, tmp_path, caplog, monkeypatch):
    """The hook run on a copy of the built site, with its cache in a fresh folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    project = tmp_path / "project"
    config = {"config_file_path": str(project / "mkdocs.yml"), "site_dir": str(copy),
              "site_name": site_name(site), "site_url": None}
    cache = project / ".cache" / "pdf"
    pdf = copy / "downloads" / "edition.pdf"
    caplog.set_level(logging.INFO, logger="mkdocs.hooks.pdf")

    hook.write_pdf(config)
    assert outcome(caplog) == "printed"
    [cached] = cache.glob("*.pdf")
    assert pdf.read_bytes() == cached.read_bytes() == (site / "downloads" / "edition.pdf").read_bytes(), \
        "a fresh print is the build's PDF, byte for byte"
    manifest = next(cache.glob("*.json")).read_text(encoding="utf-8")
    assert all(f'"site:{name}"' in manifest for name in ("text.html", "apparatus.html", "assets/stylesheets/edition.css"))
    stamp = cached.stat().st_mtime_ns

    pdf.unlink()
    hook.write_pdf(config)
    assert outcome(caplog) == "reused"
    assert pdf.read_bytes() == cached.read_bytes() and cached.stat().st_mtime_ns == stamp
    assert len(list(cache.glob("*.pdf"))) == 1

    (copy / "about.html").write_text("changed", encoding="utf-8")  # not printed: no reason to print again
    hook.write_pdf(config)
    assert outcome(caplog) == "reused"

    with open(copy / "assets" / "stylesheets" / "edition.css", "a", encoding="utf-8") as css:
        css.write("\n/* changed */\n")  # a file the printed pages load
    hook.write_pdf(config)
    assert outcome(caplog) == "printed"
    assert len(list(cache.glob("*.pdf"))) == 2

    hook.write_pdf({**config, "site_name": "another title"})  # what the PDF's metadata says
    assert outcome(caplog) == "printed"
    hook.write_pdf({**config, "site_name": "another title"})
    assert outcome(caplog) == "reused"


def test_mkdocs_build_prints_nothing_and_the_downloads_step_reuses_the_pdf(site, tmp_path):
    """`mkdocs build` after the session's build: no PDF, no zip, not even an empty placeholder
    (printing is the downloads step's); then scripts/edition.py downloads, with nothing changed,
    says it reused the cached PDF, and the PDF and the zip are the session's, byte for byte."""
    again = tmp_path / "again"
    result = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(again)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "PDF" not in result.stderr
    assert (again / "text.html").is_file()
    assert not (again / "downloads" / "edition.pdf").exists() and not (again / "downloads" / "edition-offline.zip").exists()
    result = subprocess.run([PY, "scripts/edition.py", "downloads", "-d", str(again)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "PDF: downloads/edition.pdf" in line]
    assert len(said) == 1 and " reused from .cache/pdf/" in said[0], said
    for name in ("edition.pdf", "edition-offline.zip"):
        assert (again / "downloads" / name).read_bytes() == (site / "downloads" / name).read_bytes(), name


def test_a_build_asked_for_its_downloads_makes_them_itself(site, tmp_path):
    """EDITION_DOWNLOADS=1 (a mike deploy, which publishes the site its own build makes): the
    hooks make the PDF and then the zip in the build, the same bytes as the downloads step."""
    again = tmp_path / "asked"
    result = subprocess.run([PY, "-m", "mkdocs", "build", "--strict", "-d", str(again)],
                            cwd=ROOT, env={**ENV, "EDITION_DOWNLOADS": "1"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "PDF: downloads/edition.pdf" in result.stderr
    for name in ("edition.pdf", "edition-offline.zip"):
        assert (again / "downloads" / name).read_bytes() == (site / "downloads" / name).read_bytes(), name


def test_the_publish_workflow_asks_mike_s_build_for_the_downloads():
    import yaml
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    deploy = [line for run in runs for line in run.splitlines() if "mike deploy" in line]
    assert deploy and all(line.strip().startswith("EDITION_DOWNLOADS=1 ") for line in deploy), deploy


def test_the_cache_reuses_only_what_was_printed_from_the_same_files(tmp_path):
    """editkit.pdf_cache on its own: a manifest per setup, a PDF per set of file contents."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from editkit import pdf_cache
    files = {"site:text.html": b"<p>a</p>", "site:a.css": b"p{}"}
    read = files.get
    folder = tmp_path / "cache"
    setup = pdf_cache.setup_key({"code": b"x", "metadata": "title"})
    assert setup == pdf_cache.setup_key({"metadata": "title", "code": "x"}) != pdf_cache.setup_key({"code": b"y", "metadata": "title"})
    assert pdf_cache.lookup(folder, setup, read) is None
    pdf_cache.store(folder, setup, ["site:text.html", "site:a.css"], read, b"%PDF-1")
    assert pdf_cache.lookup(folder, setup, read)[1] == b"%PDF-1"
    assert pdf_cache.lookup(folder, pdf_cache.setup_key({"code": b"y"}), read) is None, "another setup"
    files["site:a.css"] = b"p{color:red}"
    assert pdf_cache.lookup(folder, setup, read) is None, "a loaded file changed"
    del files["site:a.css"]
    assert pdf_cache.lookup(folder, setup, read) is None, "a loaded file is gone"
    files["site:a.css"] = b"p{}"
    files["site:other.html"] = b"not loaded by the printed pages"
    assert pdf_cache.lookup(folder, setup, read)[1] == b"%PDF-1", "back as it was printed from"
    for n in range(pdf_cache.KEEP + 2):
        files["site:a.css"] = f"p{{order:{n}}}".encode()
        pdf_cache.store(folder, setup, ["site:text.html", "site:a.css"], read, f"%PDF-{n}".encode())
    assert len(list(folder.glob("*.pdf"))) == pdf_cache.KEEP, "only the newest are kept"
    assert pdf_cache.lookup(folder, setup, read)[1] == f"%PDF-{pdf_cache.KEEP + 1}".encode()


def test_the_pdfs_internal_links_and_every_paragraph_id_lead_to_its_pages(site):
    """Read with pypdf (not the pikepdf that joined it): each link within the PDF (a note mark
    to its note, the apparatus to its entries) names a destination on one of its pages, and
    every numbered paragraph is a named destination (edition.pdf#p12 opens there)."""
    from pypdf import PdfReader
    reader = PdfReader(str(site / "downloads" / "edition.pdf"))
    pages = {page.indirect_reference.idnum for page in reader.pages}
    named = reader.named_destinations
    assert {f"p{n}" for n in range(1, 51)} <= {name.lstrip("/") for name in named}
    for name, destination in named.items():
        assert destination.page.idnum in pages, name
    links = [annotation.get_object()["/Dest"] for page in reader.pages for annotation in page.get("/Annots") or []
             if "/Dest" in annotation.get_object()]
    assert len(links) >= 12, "the lost notes' marks link to the notes at least"
    assert all(str(link) in named for link in links), [str(link) for link in links if str(link) not in named][:5]
