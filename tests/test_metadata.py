"""What machines read from the built pages: the canonical address, the sitemap, the one
citation block (as Zotero's Embedded Metadata translator reads it), the JSON-LD against
schema.org's vocabulary, the footer's statement of responsibility, and the offline zip's links.

Two real builds: `site` (no address configured, as `make site` builds it by default) and
`published_site` (EDITION_URL set, as the publishing workflow builds it).
"""

import gzip
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from lxml import etree, html as lhtml

from browsing import pages
from conftest import CLI, ENV, PUBLISHED_URL, PY, ROOT

SCHEMAS = Path(__file__).parent / "schemas"
META = yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(encoding="utf-8"))
ED = META["edition"]
VERSION = str(ED["history"][-1]["version"])
DATE = str(ED["history"][-1]["date"])
BODY = ED["editor"]["name"]
BASE = f"{PUBLISHED_URL}{VERSION}/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head_of(site, page):
    return lhtml.parse(str(site / page)).getroot().find("head")


def metas(head):
    """[(name or property, content)] of every meta tag, in order."""
    return [(m.get("name") or m.get("property"), m.get("content")) for m in head.iter("meta")
            if (m.get("name") or m.get("property")) and m.get("content") is not None]


def jsonld_of(head):
    return [json.loads(s.text) for s in head.xpath("script[@type='application/ld+json']")]


def abstract_zh(site):
    data = json.loads((site / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))
    return next(p["text"] for p in data["paragraphs"] if p["id"] == "abstract-zh")


# ---------------------------------------------------------------- Zotero's Embedded Metadata
# A reading of zotero/translators "Embedded Metadata.js" (lastUpdated 2026-04-27, commit
# 2814370161d05d799086825fac8d499db3a33aa3) and the RDF.js translator it hands DC/OG tags to.

EM_PREFIXES = {"dc", "dcterms", "og", "bib", "bibo", "prism", "foaf", "vcard", "link", "z",
               "eprint", "eprints", "article", "book", "rdf"}  # _prefixes, lines 88-108
HIGHWIRE_MAPPINGS = {  # lines 42-65
    "citation_title": "title", "citation_publication_date": "date", "citation_cover_date": "date",
    "citation_date": "date", "citation_journal_title": "publicationTitle",
    "citation_journal_abbrev": "journalAbbreviation", "citation_inbook_title": "publicationTitle",
    "citation_book_title": "bookTitle", "citation_volume": "volume", "citation_issue": "issue",
    "citation_series_title": "series", "citation_conference_title": "conferenceName",
    "citation_conference": "conferenceName", "citation_dissertation_institution": "university",
    "citation_technical_report_institution": "institution", "citation_technical_report_number": "number",
    "citation_publisher": "publisher", "citation_isbn": "ISBN", "citation_abstract": "abstractNote",
    "citation_doi": "DOI", "citation_public_url": "url", "citation_language": "language",
}
HW_TYPES = {  # init(), lines 298-324: tags that fix the item type
    "citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection", "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
OG_TYPES = {"article": ("ogGuess", "journalArticle"), "book": ("og", "book"), "website": ("og", "webpage")}  # RDF.js 697-719 (og:type "book" → book)
ZOTERO_TYPES = {"book", "bookSection", "journalArticle", "webpage", "report", "thesis", "conferencePaper"}


def zotero_capture(head, location):
    tags = metas(head)
    hw_type = hw_guess = None
    rdf = {}
    for name, value in tags:
        if not value:
            continue
        parts = re.split(r"[.:_]", name)
        if parts[0].lower() in EM_PREFIXES:          # lines 262-287: becomes an RDF statement
            rdf.setdefault(parts[0].lower() + ":" + name[len(parts[0]) + 1:].lower(), value)
            continue
        short = name[name.rfind("citation_"):] if "citation_" in name else name
        if short in HW_TYPES:
            hw_type = HW_TYPES[short]
        elif short in ("citation_title", "citation_series_title"):
            hw_guess = hw_guess or "journalArticle"   # "fall back to journalArticle"
        elif short == "citation_isbn":
            hw_guess = "book"
    # lines 346-367: with RDF statements, hwType wins, else RDF's detectType (RDF.js 815-818:
    # t.zotero || t.bib || t.prism || t.eprints || t.og || t.dc || t.so || defaultUnknownType ...)
    t = {}
    if rdf.get("og:type") in OG_TYPES:
        key, value = OG_TYPES[rdf["og:type"]]
        t[key] = value
    if rdf.get("dc:type") in ZOTERO_TYPES:
        t["dc"] = rdf["dc:type"]
    item_type = hw_type or t.get("og") or t.get("dc") or hw_guess or ("webpage" if rdf else None) or t.get("ogGuess")
    item = {"itemType": item_type}
    for name, field in HIGHWIRE_MAPPINGS.items():   # processFields: the last matching tag of each
        values = [v for n, v in tags if n == name and v.strip()]
        if values:
            item[field] = " ".join(values[0].split())
    # addHighwireMetadata, lines 401-415: citation_author(s) as authors, citation_editor(s) as editors
    creators = [("author", v) for n, v in tags if n in ("citation_author", "citation_authors")]
    creators += [("editor", v) for n, v in tags if n in ("citation_editor", "citation_editors")]
    if not creators:                                 # RDF creators: dc:creator/contributor as authors
        creators = [("author", v) for k, v in rdf.items() if k in ("dc:creator", "dc:contributor")]
    item["creators"] = creators
    if not item.get("date"):                         # lines 500-517
        item["date"] = next((v for n, v in tags if n in ("citation_online_date", "citation_year")), None)
    if not item.get("url"):                          # lines 565-567, then 717-719
        canonical = head.xpath("link[@rel='canonical']/@href")
        item["url"] = (next((v for n, v in tags if n in ("citation_abstract_html_url", "citation_fulltext_html_url")), None)
                       or (canonical[0] if canonical else location))
    if not item.get("abstractNote"):                 # lines 711-714: else the page description
        item["abstractNote"] = next((v for n, v in tags if n == "description"), None)
    if not creators:                                 # addLowQualityMetadata: the W3C author tag
        item["creators"] = [("author", v) for n, v in tags if n == "author"]
    return item


def test_zotero_captures_the_edition_as_a_book_edited_by_the_editorial_body(published_site):
    item = zotero_capture(head_of(published_site, "text.html"), BASE + "text.html")
    assert item["itemType"] == "book"
    assert item["title"] == ED["title"]
    assert item["creators"] == [("editor", BODY)]     # no author: the source records none
    assert item["publisher"] == BODY
    assert item["date"].replace("/", "-") == DATE     # the current version's date
    assert item["abstractNote"] == abstract_zh(published_site)
    assert item["url"] == BASE + "text.html"
    assert item["language"] == ED["language"]


def test_zotero_without_an_address_still_gets_the_book_but_no_invented_url(site):
    item = zotero_capture(head_of(site, "text.html"), "file:///somewhere/text.html")
    assert item["itemType"] == "book" and item["creators"] == [("editor", BODY)]
    assert item["url"] == "file:///somewhere/text.html"   # Zotero falls back to where it was opened


def test_one_citation_block_on_the_full_text_page_only(site):
    abstract = abstract_zh(site)
    for page in pages(site):
        head = head_of(site, page)
        names = [n for n, _ in metas(head)]
        citation = [n for n in names if n.startswith(("citation_", "DC.", "og:"))]
        if page == "text.html":
            assert names.count("citation_title") == 1 and len(jsonld_of(head)) == 1
        else:
            assert citation == [] and jsonld_of(head) == [], page
            description = dict(metas(head)).get("description")
            assert description and description != abstract, page   # its own plain description


def test_no_author_name_and_no_publication_year_of_the_article(site, published_site):
    for built in (site, published_site):
        head = head_of(built, "text.html")
        tags = dict(metas(head))
        assert "citation_author" not in tags and "DC.creator" not in tags and "author" not in tags
        ld = jsonld_of(head)[0]
        text = json.dumps(ld, ensure_ascii=False) + json.dumps(tags, ensure_ascii=False)
        assert ED["author_zh"] not in text and ED["author_en"] not in text
        for key in ("citation_publication_date", "citation_date", "DC.date"):
            if key in tags:
                assert tags[key].replace("/", "-") == DATE
        assert "datePublished" not in ld["isBasedOn"] and "dateCreated" not in ld["isBasedOn"]
    for page in pages(site):   # descriptions and titles of every page
        for name, value in metas(head_of(site, page)):
            if name in ("description", "citation_publication_date", "DC.date"):
                assert not re.search(r"2007年(刊出|刊|出版)|2007年臺灣期刊", value), (page, name, value)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "2007年刊出" not in home and "一篇2007年" not in home


def test_highwire_dublin_core_and_jsonld_say_the_same(published_site):
    head = head_of(published_site, "text.html")
    tags = dict(metas(head))
    ld = jsonld_of(head)[0]
    assert tags["citation_title"] == tags["DC.title"] == tags["og:title"] == ld["name"] == ED["title"]
    assert tags["citation_editor"] == tags["DC.contributor"] == ld["editor"]["name"] == BODY
    assert tags["citation_publisher"] == tags["DC.publisher"] == ld["publisher"]["name"] == BODY
    assert tags["citation_publication_date"].replace("/", "-") == tags["DC.date"] == ld["datePublished"] == DATE
    assert tags["citation_language"] == tags["DC.language"] == ld["inLanguage"]
    assert tags["citation_abstract"] == ld["abstract"] == abstract_zh(published_site)
    assert (tags["citation_public_url"] == tags["citation_fulltext_html_url"] == tags["DC.identifier"]
            == tags["og:url"] == ld["url"] == BASE + "text.html")
    assert tags["DC.rights"] == ld["license"] == ED["licence"]["url"]
    assert ld["version"] == VERSION
    assert ld["isBasedOn"]["@type"] == "ScholarlyArticle"
    assert ld["isBasedOn"]["locationCreated"] == {"@type": "Place", "name": META["original"]["country"]}
    stated = ld["isBasedOn"]["description"]
    assert str(META["original"]["submitted"]) in stated and str(META["original"]["accepted"]) in stated


# ---------------------------------------------------------------- schema.org vocabulary

VOCAB = json.loads((SCHEMAS / "schemaorg-30.0-vocabulary.json").read_text(encoding="utf-8"))
LITERAL_TYPES = {"Text", "URL", "Date", "DateTime", "Number", "Language", "TextObject"}
# schema.org lists only Person as the expected type of `editor`; this edition's editor is an
# editorial body. Schema.org's ranges are expectations, not constraints ("expected types"),
# and the Organization says who edited it, as the Highwire and Dublin Core tags do.
RANGE_ALLOWANCES = {("editor", "Organization")}


def ancestors(cls):
    seen, todo = set(), [cls]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo += VOCAB["classes"].get(c, [])
    return seen


def schema_problems(node, path="$"):
    problems = []
    cls = node.get("@type")
    if cls not in VOCAB["classes"]:
        return [f"{path}: unknown type {cls}"]
    lineage = ancestors(cls)
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        spec = VOCAB["properties"].get(prop)
        if spec is None:
            problems.append(f"{path}.{prop}: no such property")
            continue
        if not lineage & set(spec["domain"]):
            problems.append(f"{path}.{prop}: domain {spec['domain']} does not include {cls}")
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                if not ancestors(v.get("@type")) & set(spec["range"]) and (prop, v.get("@type")) not in RANGE_ALLOWANCES:
                    problems.append(f"{path}.{prop}: {v.get('@type')} not in range {spec['range']}")
                problems += schema_problems(v, f"{path}.{prop}")
            elif not set(spec["range"]) & LITERAL_TYPES:
                problems.append(f"{path}.{prop}: a literal where {spec['range']} is expected")
    return problems


def test_schema_check_catches_what_it_should():
    bad = {"@type": "Book", "locationCreated": "臺灣", "author": {"@type": "Place", "name": "x"},
           "dateSubmitted": "2007", "numberOfEmployees": 3}
    problems = "\n".join(schema_problems(bad))
    for expected in ("locationCreated: a literal", "author: Place not in range", "dateSubmitted: no such property",
                     "numberOfEmployees: domain"):
        assert expected in problems


@pytest.mark.parametrize("which", ["site", "published_site"])
def test_jsonld_is_valid_schema_org(which, request):
    ld = jsonld_of(head_of(request.getfixturevalue(which), "text.html"))[0]
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Book"
    assert ld["editor"]["@type"] == ld["publisher"]["@type"] == "Organization"
    assert schema_problems(ld) == []


# ---------------------------------------------------------------- canonical address and sitemap

def test_canonical_link_on_every_page_is_the_published_address(published_site):
    for page in pages(published_site):
        if page == "404.html":
            continue
        canonical = head_of(published_site, page).xpath("link[@rel='canonical']/@href")
        assert canonical == [BASE + page], page


def test_sitemap_lists_every_page_absolute_and_validates(published_site):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    raw = (published_site / "sitemap.xml").read_bytes()
    doc = etree.fromstring(raw)
    schema.assertValid(doc)
    locs = [loc.text for loc in doc.iter(SITEMAP_NS + "loc")]
    assert sorted(locs) == sorted(BASE + p for p in pages(published_site) if p != "404.html")
    assert gzip.decompress((published_site / "sitemap.xml.gz").read_bytes()) == raw


def test_the_empty_sitemap_mkdocs_writes_without_an_address_fails_the_schema():
    """Why there is no sitemap without an address: an empty urlset is invalid."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    empty = etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')
    assert not schema.validate(empty)


def test_without_an_address_no_canonical_no_sitemap_no_url(site):
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    for page in pages(site):
        head = head_of(site, page)
        assert head.xpath("link[@rel='canonical']") == [], page
        names = [n for n, _ in metas(head)]
        assert not {"citation_public_url", "citation_fulltext_html_url", "DC.identifier", "og:url"} & set(names)
    assert "url" not in jsonld_of(head_of(site, "text.html"))[0]


def test_build_says_once_that_no_address_is_configured(baseline, site):
    assert (site / "text.html").is_file()   # and mkdocs build --strict still succeeds (the `site` fixture)
    edition, docs, result = baseline
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("warning: no canonical address"), result.stderr
    assert "edition.url" in lines[0] and "EDITION_URL" in lines[0]


def test_build_with_an_address_says_nothing(tmp_path, baseline):
    edition, _, _ = baseline
    result = subprocess.run([PY, str(CLI), "build", "--edition", str(edition), "--docs", str(tmp_path / "docs")],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**ENV, "EDITION_URL": PUBLISHED_URL})
    assert result.returncode == 0 and result.stderr == ""


# ---------------------------------------------------------------- responsibility and licence

@pytest.mark.parametrize("page", ["index.html", "text.html", "about.html", "404.html"])
def test_footer_names_the_editors_the_licence_and_the_articles_rights(site, page):
    footer = lhtml.parse(str(site / page)).getroot().xpath("//*[contains(@class,'md-copyright__highlight')]")
    assert len(footer) == 1, page
    text = footer[0].text_content()
    assert BODY in text and "CC BY 4.0" in text and "MIT" in text and "作者" in text
    assert footer[0].xpath(".//a[@rel='license']/@href") == [ED["licence"]["url"]]
    about = footer[0].xpath(".//a[contains(@href,'about.html#responsibility')]")
    assert about and (site / "about.html").exists()
    assert "responsibility" in lhtml.parse(str(site / "about.html")).getroot().xpath("//h2/@id")


def test_about_page_says_who_edited_the_licence_and_how_to_report_errors(site):
    root = lhtml.parse(str(site / "about.html")).getroot()
    section = root.xpath("//h2[@id='responsibility']/following-sibling::ul[1]")[0]
    text = section.text_content()
    assert BODY in text and ED["editor"]["name_en"] in text
    assert ED["licence"]["article_zh"] in text
    assert section.xpath(".//a/@href") == [ED["licence"]["url"]]   # no invented tracker address
    assert "告知編者" in text   # edition.yml names no issue tracker


def test_licence_file_is_mit_and_names_cc_by_for_the_editorial_work():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "CC BY 4.0" in text and ED["licence"]["url"] in text


# ---------------------------------------------------------------- the offline zip's links

@pytest.mark.parametrize("build", ["published_site", "site"])
def test_offline_zip_links_only_to_what_it_holds(build, request):
    """With an address (the zip's own link names the published zip) and without one (the
    home page's link to the zip is dropped in the packed copy: the zip is not inside itself)."""
    archive = zipfile.ZipFile(io.BytesIO((request.getfixturevalue(build) / "downloads" / "edition-offline.zip").read_bytes()))
    names = set(archive.namelist())
    checked = 0
    for name in sorted(n for n in names if n.endswith(".html")):
        root = lhtml.fromstring(archive.read(name))
        for el in root.xpath("//*[@href or @src]"):
            ref = el.get("href") if el.get("href") is not None else el.get("src")
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                if ref.startswith(PUBLISHED_URL):
                    # the published edition named as such: its canonical address, or a version's
                    # address on the changelog; never a resource the page loads
                    assert el.tag in ("link", "a") and (el.tag == "a" or el.get("rel") == "canonical"), (name, ref)
                else:
                    assert el.tag == "a", (name, ref)   # a link out to another site, never a resource
                continue
            assert parts.scheme in ("", "mailto"), (name, ref)
            if parts.scheme or not parts.path:
                continue
            target = os.path.normpath(urljoin(name, parts.path))
            assert target in names, (name, ref)
            checked += 1
    assert checked > 100


def test_an_issue_tracker_named_in_edition_yml_is_linked_and_none_is_invented():
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from editkit import responsibility
    tracker = "https://example.org/tracker"
    with_tracker = {"edition": {**ED, "issues": tracker}}
    without = {"edition": {**ED, "issues": None}}
    assert f"({tracker})" in responsibility.report_errors_markdown(with_tracker)
    assert f'href="{tracker}"' in responsibility.footer(with_tracker)
    assert "http" not in responsibility.report_errors_markdown(without)
    assert responsibility.footer(without).count("href=") == 2   # the licence and the About page only
