"""The downloads a citing scholar takes away, read back by the clients they use.

BibTeX: pybtex in strict mode (every warning an error) and biber's own data-model
validation (`biber --tool --validate-datamodel`); RIS: rispy; CSL-JSON: the CSL project's
JSON Schema (tests/schemas/csl-data.json) with jsonschema; CITATION.cff: cffconvert.
Each item of edition/bibliography.json, and the edition itself, must come back whole:
title, every author (an organisation as one name), date, type.
"""

import copy
import json
import re
import shutil
import subprocess
import sys

import jsonschema
import pybtex.errors
from pybtex.exceptions import PybtexError
import pytest
import rispy
import yaml
from conftest import ROOT
from lxml import etree, html as lhtml
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

sys.path.insert(0, str(ROOT / "scripts"))
from editkit import address, build, export_bibtex, export_ris, work  # noqa: E402

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
BIBER = shutil.which("biber")
CFFCONVERT = ROOT / ".venv" / "bin" / "cffconvert"
ITEMS = json.loads((ROOT / "edition" / "bibliography.json").read_text(encoding="utf-8"))
META = build.read_meta(ROOT / "edition")
EVERY_SPECIAL = r"Fees $5 & 10% off #1 a_b {braced} back\slash ~tilde ^caret"

# The RIS type each CSL type is given, decided from the RIS specification's type list
# (see export_ris.py for the reasons); GEN only where RIS has no type for the document.
# CSL variable -> the BibTeX fields one of which must give it back
ROUND_TRIP = {"title-short": ["shorttitle"], "note": ["note"], "genre": ["type"], "version": ["version"],
              "publisher": ["publisher", "institution", "organization"],
              "publisher-place": ["location"], "event": ["howpublished"], "container-title": ["journaltitle"],
              "volume": ["volume"], "issue": ["number"], "page": ["pages"]}
RIS_TYPE = {"treaty": "LEGAL", "report": "RPRT", "webpage": "ELEC", "book": "BOOK", "document": "GEN"}


@pytest.fixture(scope="module", autouse=True)
def strict_pybtex():
    pybtex.errors.strict = True
    yield
    pybtex.errors.strict = False


def download(site, name):
    return (site / "downloads" / name).read_text(encoding="utf-8")


def _latex_context():
    """pylatexenc's macros, with three of LaTeX's text commands it lacks or renders otherwise
    (it gives U+02C6 for \\textasciicircum, which LaTeX prints as an ASCII caret)."""
    db = get_default_latex_context_db()
    db.add_context_category("latex-text-commands", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"), MacroTextSpec("textasciicircum", "^")])
    return db


LATEX = LatexNodes2Text(latex_context=_latex_context())


def latex_text(value):
    """A BibTeX value as the text a reader sees, decoded by pylatexenc (not by the exporter)."""
    return LATEX.latex_to_text(value)


def iso(item):
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]]) if parts else None


def csl_names(item, role="author"):
    """(family, given) per CSL name; an organisation is (literal, '')."""
    return [(n["literal"], "") if n.get("literal") else (n["family"], n.get("given", "")) for n in item.get(role, [])]


def bib_names(entry, role="author"):
    return [(latex_text(" ".join(p.prelast_names + p.last_names)), latex_text(" ".join(p.first_names + p.middle_names)))
            for p in entry.persons.get(role, [])]


def biber(tmp_path, text, fmt="bibtex"):
    """biber validating a .bib against its default data model: (exit status, log lines, output)."""
    assert BIBER, "Debian's biber is required: apt-get install biber (make test installs it)"
    src = tmp_path / "in.bib"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / ("out.xml" if fmt == "biblatexml" else "out.bib")
    result = subprocess.run([BIBER, "--tool", "--validate-datamodel", f"--output-format={fmt}",
                             f"--output-file={out}", str(src)], cwd=tmp_path, capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).splitlines(), out


def assert_bibtex_round_trip(text, items):
    """pybtex (strict) reads every entry, and the title, names, date and year come back as in the items."""
    db = parse_string(text, "bibtex")
    assert list(db.entries) == [i["id"] for i in items]
    for item in items:
        entry = db.entries[item["id"]]
        assert latex_text(entry.fields["title"]) == item["title"], item["id"]
        for role in ("author", "editor"):
            assert bib_names(entry, role) == csl_names(item, role), (item["id"], role)
        if iso(item):
            assert entry.fields["date"] == iso(item) and entry.fields["year"] == iso(item)[:4], item["id"]
        else:  # no date known: ISO 8601-2's unspecified year, and no year for classic BibTeX
            assert entry.fields["date"] == "XXXX" and "year" not in entry.fields, item["id"]
        if item.get("URL"):
            assert entry.fields["url"] == item["URL"]
    # every other field: decoded, it is the item's value (the text a reader's tool shows)
    for item in items:
        fields = db.entries[item["id"]].fields
        for csl_key, bib_keys in ROUND_TRIP.items():
            if item.get(csl_key):
                found = [latex_text(fields[k]) for k in bib_keys if k in fields]
                assert " ".join(item[csl_key].split()) in found, (item["id"], csl_key)
    return db


def assert_biber_clean(tmp_path, text, items):
    status, log, out = biber(tmp_path, text, fmt="biblatexml")
    problems = [line for line in log if line.startswith(("WARN", "ERROR"))]
    assert status == 0 and not problems, "\n".join(problems or log)
    # biber's own parse of the names: an organisation is one family name with no given name
    ns = {"b": "http://biblatex-biber.sourceforge.net/biblatexml"}
    tree = etree.parse(str(out))
    for item in items:
        for role in ("author", "editor"):
            names = tree.xpath(f"//b:entry[@id='{item['id']}']/b:names[@type='{role}']/b:name", namespaces=ns)
            assert len(names) == len(item.get(role, [])), (item["id"], role)
            for name, csl in zip(names, item.get(role, [])):
                given = name.xpath("b:namepart[@type='given']", namespaces=ns)
                family = " ".join(t.strip() for t in name.xpath("b:namepart[@type='family']//text()", namespaces=ns)
                                  if t.strip())
                if csl.get("literal"):
                    assert not given and latex_text(family) == csl["literal"], (item["id"], family)
                else:
                    assert latex_text(family) == csl["family"], (item["id"], family)


def assert_ris_round_trip(text, items):
    records = rispy.loads(text)
    assert [r["id"] for r in records] == [i["id"] for i in items]
    for record, item in zip(records, items):
        assert "unknown_tag" not in record, record
        assert record["type_of_reference"] in rispy.TYPE_OF_REFERENCE_MAPPING
        assert record["title"] == item["title"]
        assert record.get("authors", []) == [f"{f}, {g}" if g else f for f, g in csl_names(item)]
        assert record.get("secondary_authors", []) == [f"{f}, {g}" if g else f for f, g in csl_names(item, "editor")]
        if iso(item):
            y, *md = iso(item).split("-")
            assert record["year"] == y
            assert record["date"] == "/".join([y] + md + [""] * (2 - len(md))) + "/"
            assert re.fullmatch(r"\d{4}/(\d\d)?/(\d\d)?/", record["date"])
        else:
            assert "date" not in record and "year" not in record
        if item.get("URL"):
            assert record["urls"] == [item["URL"]]
    return records


def assert_csl_valid(text, items):
    data = json.loads(text)
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(data)]
    assert not errors, errors
    assert [i["id"] for i in data] == [i["id"] for i in items]


# --- the bibliography -------------------------------------------------------------------

def test_bibliography_bibtex_reads_back_in_pybtex_strict(site):
    db = assert_bibtex_round_trip(download(site, "bibliography.bib"), ITEMS)
    # Chinese stays UTF-8 (the article's own name of each document)
    assert db.entries["sort-2002"].fields["keywords"] == "《莫斯科條約》"


def test_bibliography_bibtex_passes_bibers_data_model(site, tmp_path):
    assert_biber_clean(tmp_path, download(site, "bibliography.bib"), ITEMS)


def test_bibliography_ris_reads_back_in_rispy(site):
    records = assert_ris_round_trip(download(site, "bibliography.ris"), ITEMS)
    for record, item in zip(records, ITEMS):
        expected = RIS_TYPE.get(item["type"])
        if item["type"] == "speech":  # RIS has no speech type: a conference's text is a conference paper
            expected = "CPAPER" if item.get("event") else "GEN"
            if item.get("event"):
                assert record["secondary_title"] == item["event"]
        if item["custom"].get("ris_type"):  # a government's document, as the data says
            expected = item["custom"]["ris_type"]
        assert record["type_of_reference"] == expected, item["id"]
    types = [r["type_of_reference"] for r in records]
    assert types.count("GOVDOC") == 6 and types.count("GEN") == 2, "GEN only where RIS has no type"


def test_bibliography_csl_json_is_valid_against_the_csl_schema(site):
    assert_csl_valid(download(site, "bibliography.json"), ITEMS)


# --- the edition itself -----------------------------------------------------------------

def test_edition_downloads_describe_the_edition(site, tmp_path):
    item = work.edition_item(META)
    assert "author" not in item and item["editor"] == [{"literal": META["edition"]["editor"]["name"]}]
    assert_csl_valid(download(site, "edition.json"), [item])
    assert json.loads(download(site, "edition.json")) == [item]
    entry = assert_bibtex_round_trip(download(site, "edition.bib"), [item]).entries["edition"]
    assert "author" not in entry.persons
    assert entry.fields["version"] == META["edition"]["version"]
    assert entry.fields["date"] == str(META["edition"]["date"])
    assert_biber_clean(tmp_path, download(site, "edition.bib"), [item])
    record = assert_ris_round_trip(download(site, "edition.ris"), [item])[0]
    assert record["edition"] == META["edition"]["version"] and record["publisher"] == META["edition"]["editor"]["name"]
    if address.page_url(META) is None:  # no address configured: no URL anywhere
        assert "url" not in entry.fields and "urls" not in record and "URL" not in item


def test_edition_with_a_configured_address_carries_its_url(tmp_path):
    meta = copy.deepcopy(META)
    meta["edition"]["url"] = "https://example.org/~ed/a_b%20c&d=1#"
    item = work.edition_item(meta)
    assert item["URL"] == address.page_url(meta) and "%20c&d=1#" in item["URL"]
    assert_bibtex_round_trip(export_bibtex.bibtex([item]), [item])
    assert_biber_clean(tmp_path, export_bibtex.bibtex([item]), [item])
    assert_ris_round_trip(export_ris.ris([item]), [item])
    assert_csl_valid(json.dumps([item]), [item])


def test_about_page_lists_the_edition_downloads(site):
    about = lhtml.parse(str(site / "about.html")).getroot()
    links = about.xpath("//*[@id='downloads']/following-sibling::ul[1]//a/@href")
    for name in ("edition.json", "edition.bib", "edition.ris"):
        assert f"downloads/{name}" in links
        assert (site / "downloads" / name).is_file()


# --- escaping and edge cases, through the same clients --------------------------------

CASES = {
    "every special character": {"title": EVERY_SPECIAL,
                                "author": [{"literal": "Smith & Sons_Ltd {UK}"}, {"family": "O'Neil", "given": "A. B."}]},
    "a lone brace": {"title": "left { only", "author": [{"literal": "Right } only"}]},
    "unicode": {"title": "Обзор внешней политики 〔後冷戰〕 – “quoted”", "author": [{"literal": "俄羅斯聯邦外交部"}]},
    "year only": {"title": "T", "issued": {"date-parts": [[2006]]}},
    "year and month": {"title": "T", "issued": {"date-parts": [[2006, 7]]}},
    "no date": {"title": "T", "issued": None},
    "report without author": {"type": "report", "title": "T", "publisher": "P"},
    "webpage with url": {"type": "webpage", "title": "T", "URL": "https://example.org/a_b%20c~d#x"},
    "journal article": {"type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "J."}],
                        "container-title": "Journal & Review", "volume": "12", "issue": "3", "page": "45–67"},
    "book with author": {"type": "book", "title": "T", "author": [{"family": "Doe", "given": "J."}],
                         "publisher": "P", "publisher-place": "Taipei", "editor": [{"literal": "Editorial Board"}]},
    "line break in a value": {"title": "one\ntwo", "note": "a\r\nb"},
}


@pytest.mark.parametrize("case", CASES)
def test_edge_cases_read_back_in_every_client(case, tmp_path):
    item = {"id": "x", "type": "document", "issued": {"date-parts": [[2001, 11, 13]]}, **CASES[case]}
    item = {k: v for k, v in item.items() if v is not None}
    expected = {**item, "title": " ".join(item["title"].split())}
    assert_bibtex_round_trip(export_bibtex.bibtex([item]), [expected])
    assert_biber_clean(tmp_path, export_bibtex.bibtex([item]), [expected])
    assert_ris_round_trip(export_ris.ris([item]), [expected])


def test_a_url_with_braces_keeps_bibtex_balanced():
    # braces are not allowed unencoded in a URL (RFC 3986): percent-encoding them names the same resource
    assert export_bibtex.escape_url("https://example.org/{a}\\b") == "https://example.org/%7Ba%7D%5Cb"


def test_the_clients_are_strict(tmp_path):
    """What the old export wrote fails in both clients: an unbraced date, names split at spaces."""
    old = "@misc{a,\n  title = {T},\n  date = 1945-06-26,\n  author = {A} and {B}\n}\n"
    with pytest.raises(PybtexError):
        parse_string(old, "bibtex")
    status, log, _ = biber(tmp_path, "@misc{a,\n  title = {T},\n  publisher = {P},\n  date = {2001}\n}\n")
    assert any(line.startswith("WARN") for line in log)
    # the schema rejects a type CSL does not have and a field it does not define
    assert len(list(jsonschema.Draft7Validator(SCHEMA).iter_errors([{"id": "a", "type": "speeches", "url": "x"}]))) == 2


@pytest.mark.parametrize("char", list("$&%#_{}\\~^"))
def test_escape_handles_each_special_character(char):
    escaped = export_bibtex.escape(f"a{char}b")
    assert escaped != f"a{char}b"
    value = parse_string(f"@misc{{x, title = {{{escaped}}}}}", "bibtex").entries["x"].fields["title"]
    assert latex_text(value) == f"a{char}b"


# --- cited documents' addresses ----------------------------------------------------------

def test_a_cited_document_has_a_url_only_with_its_check_recorded():
    for item in ITEMS:
        if "URL" in item:
            assert item["URL"].startswith("https://") and item["custom"].get("url_checked"), item["id"]
        assert "url_checked" not in item["custom"] or "URL" in item, item["id"]


# --- CITATION.cff -----------------------------------------------------------------------

def cffconvert_validate(path):
    assert CFFCONVERT.exists(), "cffconvert is pinned in requirements.txt: make test installs it"
    return subprocess.run([str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True)


def test_citation_cff_is_valid():
    result = cffconvert_validate(ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


def test_cffconvert_rejects_an_invalid_file(tmp_path):
    """The validator really validates: a licence that is no SPDX id fails."""
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("license: CC-BY-4.0",
                                                                                  "license: CC BY 4"),
                      encoding="utf-8")
    assert cffconvert_validate(broken).returncode != 0


def test_citation_cff_agrees_with_edition_yml():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    ed = META["edition"]
    assert cff["title"] == ed["title"]
    assert cff["version"] == ed["version"]
    assert str(cff["date-released"]) == str(ed["date"])
    assert cff["license"] == ed["licence"]["id"]
    assert cff["authors"] == [{"name": ed["editor"]["name"], "alias": ed["editor"]["name_en"]}]
    assert cff["type"] == "dataset"
    assert cff.get("url") == ed.get("url"), "CITATION.cff's url must be edition.url (none while it is null)"
