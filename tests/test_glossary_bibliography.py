"""Glossary and bibliography: entries, occurrences found in the text, links both ways, downloads."""

import json
import re

import bibtexparser
import yaml
from conftest import ROOT, TEI_NS
from lxml import html as lhtml


def page(site, name):
    return lhtml.parse(str(site / name)).getroot()


def paragraph_texts(site):
    """Each block's edited text as the reader sees it (numbers and marks left out)."""
    text = page(site, "text.html")
    out = {}
    for p in text.xpath("//*[contains(concat(' ',@class,' '),' para ')]"):
        for el in p.xpath(".//*[contains(@class,'pnum') or contains(@class,'ed-mark')] | .//sup"):
            el.drop_tree()
        out[p.get("id")] = "".join(p.itertext())
    return out, text


def glossary_data():
    return yaml.safe_load((ROOT / "edition" / "glossary.yml").read_text(encoding="utf-8"))


def occurs(text, entry):
    """An independent reading of 'the term occurs here': a form, not inside an excluded longer string."""
    for form in entry.get("forms") or [entry["term"]]:
        for m in re.finditer(re.escape(str(form)), text):
            if not any(_covers(text, m, ex) for ex in entry.get("except") or []):
                return True
    return False


def _covers(text, m, ex):
    for e in re.finditer(re.escape(ex), text):
        if e.start() <= m.start() and m.end() <= e.end():
            return True
    return False


def test_glossary_has_enough_entries_of_every_kind(site):
    entries = page(site, "glossary.html").xpath("//h3[@id]")
    assert len(entries) >= 50
    kinds = {e["kind"] for e in glossary_data()}
    assert kinds == {"person", "organisation", "treaty", "event", "place", "concept"}


def test_every_paragraph_where_a_term_occurs_is_listed(site):
    texts, _ = paragraph_texts(site)
    glossary = page(site, "glossary.html")
    for entry in glossary_data():
        listed = {a.get("href").split("#")[1] for a in glossary.xpath(
            f"//h3[@id='{entry['id']}']/following-sibling::ul[1]//a[starts-with(@href,'text.html#')]")}
        expected = {pid for pid, text in texts.items() if occurs(text, entry)}
        assert expected, f"{entry['id']} never occurs"
        assert listed == expected, f"{entry['id']}: listed {sorted(listed - expected)} extra, missing {sorted(expected - listed)}"


def test_terms_are_marked_in_every_paragraph_they_occur_in(site):
    texts, text = paragraph_texts(site)
    for entry in glossary_data():
        marks = []
        for pid, body in texts.items():
            if not occurs(body, entry):
                continue
            para = text.xpath(f"//*[@id='{pid}']")[0]
            # a later occurrence lies between the comments <!--t id--> (<!--ti id--> in a link) and <!--/t-->
            marked = para.xpath(f".//a[@href='glossary.html#{entry['id']}'] | .//*[@data-term='{entry['id']}']"
                                f" | .//*[@data-ref='{entry['id']}'] | .//comment()[normalize-space(.)='t {entry['id']}'"
                                f" or normalize-space(.)='ti {entry['id']}']")
            assert marked, f"{entry['id']} occurs in {pid} but is not marked there"
            marks.append(marked[0])
        # linked at its first occurrence in a section; elsewhere a span (or inside another link)
        links = text.xpath(f"//article//a[@data-term='{entry['id']}']")
        if not links:  # the term only ever occurs inside a document's title, which links to the bibliography
            assert all(m.xpath("ancestor::a[@class='mention']") for m in marks), entry["id"]
            continue
        for link in links:  # its gloss: reading.js shows it from generated/glosses.js (test_reading_browser)
            assert link.get("data-term") == entry["id"], f"{entry['id']}: a marked term names its entry"


def test_term_and_mention_links_point_to_existing_entries(site):
    text = page(site, "text.html")
    glossary_ids = set(page(site, "glossary.html").xpath("//@id"))
    bib_ids = set(page(site, "bibliography.html").xpath("//@id"))
    terms = text.xpath("//a[@class='term']")  # linked once per section; every occurrence is marked
    mentions = text.xpath("//a[@class='mention']")
    later = text.xpath("//comment()[starts-with(., 't ') or starts-with(., 'ti ')]")  # later occurrences
    assert len(terms) > 100 and len(text.xpath("//*[@data-term]")) + len(later) > len(terms) and len(mentions) >= 15
    for c in later:
        assert c.text.split()[1] in glossary_ids
    for a in terms:
        assert a.get("href").split("#")[1] in glossary_ids
    for a in mentions:
        assert a.get("href").split("#")[1] in bib_ids


def test_bibliography_entries_cite_existing_paragraphs(site):
    bib = page(site, "bibliography.html")
    text_ids = set(page(site, "text.html").xpath("//@id"))
    entries = bib.xpath("//h2[@id]")
    assert len(entries) >= 15
    for h in entries:
        links = h.xpath("following-sibling::ul[1]//a[starts-with(@href,'text.html#')]")
        assert links, f"{h.get('id')} is cited nowhere"
        for a in links:
            assert a.get("href").split("#")[1] in text_ids


def test_unverified_items_say_so(site):
    items = json.loads((ROOT / "edition" / "bibliography.json").read_text(encoding="utf-8"))
    unverified = [i["id"] for i in items if not i["custom"].get("verified")]
    assert unverified, "DESIGN.md lists documents that could not be verified"
    bib = page(site, "bibliography.html")
    for item_id in unverified:
        block = "".join(bib.xpath(f"//h2[@id='{item_id}']/following-sibling::ul[1]")[0].itertext())
        assert "未查證" in block
    assert not any("url" in i for i in items) and all(i["custom"].get("url_checked") for i in items if "URL" in i), \
        "no URL is stated without a recorded check of a stored copy"


def test_lost_note_beside_a_mention_names_its_probable_reference(site):
    text = page(site, "text.html")
    note = text.xpath("//li[@id='fn:n1']")[0]
    assert note.xpath(".//a[starts-with(@href,'bibliography.html#')]"), "n1 follows the 2001 joint statement"
    assert "推測" in "".join(note.itertext())


def test_downloads_parse_back(site):
    downloads = site / "downloads"
    items = json.loads((downloads / "bibliography.json").read_text(encoding="utf-8"))
    source_items = json.loads((ROOT / "edition" / "bibliography.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [i["id"] for i in source_items]
    library = bibtexparser.parse_string((downloads / "bibliography.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [i["id"] for i in items]
    assert all("title" in e.fields_dict for e in library.entries)
    ris = (downloads / "bibliography.ris").read_text(encoding="utf-8")
    records = [r for r in ris.split("ER  - ") if r.strip()]
    assert len(records) == len(items)
    for record, item in zip(records, items):
        tags = dict(re.findall(r"^([A-Z][A-Z0-9])  - (.*)$", record, flags=re.M))
        assert tags["ID"] == item["id"] and tags["TI"] == item["title"]
    paragraphs = json.loads((downloads / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]
    numbered = [p for p in paragraphs if p["n"]]
    assert [p["id"] for p in numbered] == [f"p{i}" for i in range(1, len(numbered) + 1)]


def test_tei_matches_the_edition(site):
    from lxml import etree
    ns = TEI_NS
    tei = etree.parse(str(site / "downloads" / "edition.tei.xml"))
    numbered = tei.xpath("//t:body//t:p[@n] | //t:body//t:item[@n]", namespaces=ns)
    texts, _ = paragraph_texts(site)
    assert tei.xpath("//t:choice/t:sic", namespaces=ns) and tei.xpath("//t:note[@type='lost']", namespaces=ns)
    assert [e.get("{http://www.w3.org/XML/1998/namespace}id") for e in numbered] == \
        [k for k in texts if k.startswith("p")]
    for e in numbered:
        for junk in e.xpath(".//t:note | .//t:sic", namespaces=ns):
            junk.getparent().remove(junk) if junk.tail is None else _drop_keep_tail(junk)
        pid = e.get("{http://www.w3.org/XML/1998/namespace}id")
        assert "".join(e.itertext()) == texts[pid], pid
    assert tei.xpath("//t:body//t:persName[@ref='#putin']", namespaces=ns)
    assert tei.xpath("//t:teiHeader//t:person[@xml:id='putin']", namespaces=ns)


def _drop_keep_tail(el):
    parent, tail = el.getparent(), el.tail
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


# Readings a careful reader checks by hand: polyphonic characters in names and terms
# (華 huá, 車 chē, 喬 qiáo, 單 dān, 彈 dàn, 倒 dǎo) and digits read out.
CHECKED_READINGS = {
    "warsaw-pact": "huá shā gōng yuē zǔ zhī",
    "chechen-war": "chē chén wēi jī",
    "georgia": "qiáo zhì yà",
    "unipolar-hegemony": "dān jí bà quán",
    "abm-treaty": "fǎn dàn dào dǎo dàn tiáo yuē",
    "lean-to-one-side": "yī biān dǎo",
    "september-11": "jiǔ yī yī",
    "putin": "pú tíng",
}


def test_pinyin_is_right_where_the_default_reading_is_not(site):
    glossary = page(site, "glossary.html")
    for term_id, reading in CHECKED_READINGS.items():
        shown = glossary.xpath(f"//h3[@id='{term_id}']/following-sibling::ul[1]//span[@lang='zh-Latn-pinyin']")
        assert shown and shown[0].text == reading, term_id


def test_pinyin_overrides_read_every_character(site):
    """An override reads every Han character and every number (digit by digit, or as a quantity: 200 = èr bǎi),
    and differs from what the default would say."""
    from pypinyin import Style, pinyin
    for entry in glossary_data():
        if "pinyin" not in entry:
            continue
        term = str(entry["term"])
        han = sum("\u4e00" <= c <= "\u9fff" for c in term)
        digits, numbers = sum(c.isdigit() for c in term), len(re.findall(r"[0-9]+", term))
        assert han + numbers <= len(entry["pinyin"].split()) <= han + digits, entry["id"]
        default = " ".join(p[0] for p in pinyin(term, style=Style.TONE))
        assert entry["pinyin"] != default, f"{entry['id']}: the override says what pypinyin says already"


def test_glossary_export_gives_search_its_spellings(site):
    terms = {t["id"]: t for t in json.loads((site / "downloads" / "glossary.json").read_text(encoding="utf-8"))}
    assert "叶尔辛" in terms["yeltsin"]["simplified"]
    assert terms["sco"]["pinyin"] == "shang hai he zuo zu zhi"
    assert "普京" in terms["putin"]["variants"]
