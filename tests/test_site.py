"""The built site as a reader meets it: numbered paragraphs, readable ids, languages, links, no other hosts."""

import re
from urllib.parse import unquote, urlsplit

import yaml
from conftest import ROOT, build_site, snapshot
from lxml import html as lhtml


def parse(path):
    return lhtml.parse(str(path)).getroot()


def test_paragraphs_are_numbered_in_reading_order(site):
    page = parse(site / "text.html")
    paras = page.xpath("//*[contains(concat(' ',@class,' '),' para ')][starts-with(@id,'p')]")
    ids = [p.get("id") for p in paras]
    assert ids == [f"p{i}" for i in range(1, len(ids) + 1)] and len(ids) >= 45
    for p in paras:
        number = p.xpath("./a[contains(@class,'pnum')]")[0]
        assert number.get("href") == "#" + p.get("id"), "clicking the number puts the paragraph's link in the address bar"
        assert number.text == p.get("id")[1:], "the number is shown beside the paragraph"
    items = page.xpath("//blockquote[contains(@class,'statement')]//*[contains(@class,'para')]")
    assert len(items) == 5, "the five-point statement is a quotation of five numbered items"


def test_front_matter_and_languages(site):
    page = parse(site / "text.html")
    assert page.get("lang") == "zh-Hant-TW"
    assert page.xpath("//*[@id='abstract-zh']") and page.xpath("//*[@id='abstract-en']")[0].get("lang") == "en"
    pub = page.xpath("//*[@id='pubdata']")[0]
    assert [t.get("datetime") for t in pub.xpath(".//time")] == ["2007-08-15", "2007-11-21"]
    assert not pub.get("class").count("para"), "publication data is not a paragraph"


def test_headings_have_the_readable_ids_of_the_data(site):
    ids = yaml.safe_load((ROOT / "edition" / "structure.yml").read_text(encoding="utf-8"))["ids"]
    page = parse(site / "text.html")
    for text, hid in ids.items():
        heading = page.xpath(f"//*[self::h2 or self::h3][@id='{hid}']")
        assert heading and heading[0].text_content().strip() == text.strip()
    assert not page.xpath("//h2[starts-with(@id,'_')] | //h3[starts-with(@id,'_')]")


def test_supplied_title_and_unknown_author_are_said(site):
    about = parse(site / "about.html").text_content()
    assert "編者" in about and "佚名" in about and "無篇名" in about
    title = parse(site / "text.html").xpath("//h1")[0].text_content()
    assert title.startswith("〔") and title.endswith("〕")


def html_pages(site):
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_no_broken_internal_link_or_fragment(site):
    ids = {}
    for path in html_pages(site):
        ids[path] = set(parse(path).xpath("//@id"))
    broken = []
    for path in html_pages(site):
        for el in parse(path).xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
            ref = el.get("href") or el.get("src")
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or ref.startswith("mailto:"):
                continue
            base = site if parts.path.startswith("/") else path.parent  # 404.html links from the site root
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.name}: {ref}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids.get(target, set()):
                broken.append(f"{path.name}: {ref}")
    assert not broken, broken[:10]


def test_no_page_asks_another_host(site):
    for path in html_pages(site):
        page = parse(path)
        for el in page.xpath("//script[@src] | //link[@href][not(@rel='canonical')] | //img[@src] | //iframe[@src]"):
            ref = el.get("src") or el.get("href")
            assert not re.match(r"^(https?:)?//", ref), f"{path.name} loads {ref}"
    assets = " ".join(p.read_text(errors="ignore") for p in (site / "assets").rglob("*.css"))
    assert "fonts.googleapis" not in assets and "@import url(http" not in assets


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(tmp_path / "again")
    assert snapshot(again) == snapshot(site)


def test_no_unfilled_template_field_or_doubled_bracket_anywhere(site):
    """Every page and download as the reader gets it: no `{{ name }}` left unfilled (a field
    name with digits, like source_sha256, was once never filled) and no supplied title
    bracketed twice (〔〔…〕〕)."""
    sha = yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(encoding="utf-8"))["source"]["sha256"]
    checked = 0
    for path in sorted(site.rglob("*")):
        # (BibTeX is left out: it braces a title twice on purpose)
        if path.suffix not in {".html", ".xml", ".json", ".ris", ".txt"} or "assets" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text, f"{path.relative_to(site)} has an unfilled template field"
        assert "〔〔" not in text and "〕〕" not in text, f"{path.relative_to(site)} brackets a title twice"
        checked += 1
    assert checked >= 10
    assert sha in (site / "about.html").read_text(encoding="utf-8"), "the About page gives the source's SHA-256"
