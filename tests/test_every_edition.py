"""What holds for every edition in the repository, read from each edition's own data.

edition/ (the 2007 article), editions/* (the WTO agreement), tests/data/second_article and
tests/data/tables_lists (invented; the second holds a table and a list kept as blocks): each
is checked, built twice (byte-identical), and built into a site with MkDocs --strict (every
internal link and anchor resolves). Expectations come from the edition's files: its anchor
lock, its source, its structure.yml. Facts true of one text only are in test_nothing_lost.py,
test_second_article.py, test_psi_edition.py and test_tables_lists.py.
"""

import json
import subprocess
import sys

import jsonschema
import pybtex.errors
import pytest
import rispy
from conftest import ROOT, TEI_RNG, build_edition_site, run_cli, snapshot
from lxml import html as lhtml
from pybtex.database import parse_string

sys.path.insert(0, str(ROOT / "scripts"))
from editkit.build import make_edition, read_inputs  # noqa: E402
from editkit.search_index import read_data_script  # noqa: E402

EDITIONS = [ROOT / "edition", *sorted(p for p in (ROOT / "editions").iterdir() if (p / "edition.yml").is_file()),
            ROOT / "tests" / "data" / "second_article", ROOT / "tests" / "data" / "tables_lists"]
CSL_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=EDITIONS, ids=[p.relative_to(ROOT).as_posix() for p in EDITIONS])
def built(request, tmp_path_factory):
    """(edition folder, docs, site, the model): the CLI's pages and MkDocs' site, strictly."""
    folder = request.param
    docs, site = build_edition_site(folder, tmp_path_factory.mktemp("every"))
    return folder, docs, site, make_edition(read_inputs(folder))


def lock_ids(folder):
    return [e["id"] for e in json.loads((folder / "anchors.lock.json").read_text(encoding="utf-8"))["paragraphs"]]


def test_check_passes(built, tmp_path):
    folder = built[0]
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_two_builds_are_byte_identical(built, tmp_path):
    folder, docs = built[0], built[1]
    again = tmp_path / "docs"
    assert run_cli("build", folder, again, cwd=tmp_path).returncode == 0
    first = {k: v for k, v in snapshot(docs).items() if not k.startswith("assets/")}
    assert snapshot(again) == first


def test_anchors_and_numbering_follow_the_lock(built):
    folder, _, site, _ = built
    page = lhtml.parse(str(site / "text.html")).getroot()
    ids = [p.get("id") for p in page.xpath("//*[contains(concat(' ',@class,' '),' para ')][starts-with(@id,'p')]")]
    numbered = [i for i in ids if i[1:].isdigit()]
    assert numbered == lock_ids(folder) == [f"p{n}" for n in range(1, len(numbered) + 1)]


def test_every_fragment_link_on_the_text_page_lands(built):
    page = lhtml.parse(str(built[2] / "text.html")).getroot()
    present = set(page.xpath("//@id"))
    for href in page.xpath("//a/@href"):
        if href.startswith("#") and len(href) > 1:
            assert href[1:] in present, href


def test_nothing_lost_every_source_line_is_accounted_for_once(built):
    """Each non-empty line of the source is in one block (its words, in order), or set aside as
    page furniture or as a note's line; a join adds at most one word space."""
    edition = built[3]
    lines = edition.source_text.split("\n")
    owners = {}
    for block in edition.blocks:
        for n in block.lines:
            owners.setdefault(n, []).append(block.id)
        parts = [lines[n - 1].strip() for n in block.lines]
        rebuilt, source = "", block.source
        for part, join in zip(parts, [0, *block.joins]):
            if join and source[join - 1] == " " and not rebuilt.endswith(" "):
                rebuilt += " "  # the word space a Latin join keeps
            assert source.startswith(rebuilt + part), (block.id, part)
            rebuilt += part
        assert rebuilt == source, block.id
    for n in (f.number for f in edition.furniture):
        owners.setdefault(n, []).append("furniture")
    for note in edition.footnotes.values():
        for n in note.lines:
            owners.setdefault(n, []).append(f"note {note.number}")
    for n, line in enumerate(lines, start=1):
        if line.strip():
            assert len(owners.get(n, [])) == 1, (n, line, owners.get(n))


def test_exports_read_back(built, tmp_path):
    folder, docs, _, _ = built
    downloads = docs / "downloads"
    tei = subprocess.run(["jing", str(TEI_RNG), str(downloads / "edition.tei.xml")], capture_output=True, text=True)
    assert tei.returncode == 0, tei.stdout + tei.stderr
    assert b"\x0c" not in (downloads / "edition.tei.xml").read_bytes()
    item = json.loads((downloads / "edition.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft7Validator(CSL_SCHEMA).iter_errors(item))
    pybtex.errors.strict = True
    try:
        entries = parse_string((downloads / "edition.bib").read_text(encoding="utf-8"), "bibtex").entries
    finally:
        pybtex.errors.strict = False
    assert list(entries) == ["edition"]
    [record] = rispy.loads((downloads / "edition.ris").read_text(encoding="utf-8"))
    assert record["title"] == item[0]["title"]
    paragraphs = json.loads((downloads / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]
    assert [p["id"] for p in paragraphs if p.get("n")] == lock_ids(folder)


def test_search_has_an_entry_for_every_paragraph(built):
    folder, _, site, _ = built
    _, manifest = read_data_script((site / "search" / "manifest.js").read_text(encoding="utf-8"))
    locations = {doc[0] for shard in manifest["shards"]
                 for doc in read_data_script((site / "search" / shard["file"]).read_text(encoding="utf-8"))[1]}
    for pid in lock_ids(folder):
        assert f"text.html#{pid}" in locations, pid


def test_the_site_is_named_from_the_edition(built):
    folder, _, site, edition = built
    name = edition.meta["edition"].get("site_name") or edition.meta["edition"]["short_title"] + "〔校勘本〕"
    title = lhtml.parse(str(site / "index.html")).getroot().findtext(".//title")
    assert title.endswith(name)


def test_the_text_page_cites_this_edition(built):
    """The citation tags (what Zotero reads) name this edition, its editor and version date."""
    _, _, site, edition = built
    page = lhtml.parse(str(site / "text.html")).getroot()
    tags = {m.get("name"): m.get("content") for m in page.xpath("//meta[starts-with(@name,'citation_')]")}
    ed = edition.meta["edition"]
    assert tags["citation_title"] == ed["title"]
    assert tags["citation_editor"] == ed["editor"]["name"]
    assert tags["citation_publication_date"] == str(ed["date"]).replace("-", "/")


def test_every_page_is_valid_html_and_page_breaks_show_on_the_source_page(built):
    """The Nu Html Checker on this edition's site (tests/test_html_valid.py's rules); the source
    page shows each of the source's form feeds as ␌, and holds none raw."""
    from test_html_valid import nu_problems
    folder, _, site, edition = built
    remaining = nu_problems(site)
    assert not remaining, [(m.get("url"), m["message"]) for m in remaining]
    source = (folder / edition.meta["source"]["file"]).read_text(encoding="utf-8")
    source_page = (site / "source.html").read_text(encoding="utf-8")
    assert "\f" not in source_page
    assert source_page.count("␌") == source.count("\f")
