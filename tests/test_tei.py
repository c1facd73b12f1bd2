"""The TEI download: valid tei_all (jing), the source rebuilt from it character for character,
every pointer resolving, every editorial decision with its reason and certainty, and a header
that says what edition.yml says (and no publication year for the article)."""

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import CLI, EDITION, ENV, PY, ROOT, SOURCE, TEI_RNG, run_cli
from lxml import etree

sys.path.insert(0, str(ROOT / "scripts"))  # the pure parts of editkit.tei, tested directly below
T = "http://www.tei-c.org/ns/1.0"
NS = {"t": T}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTERS = ("ref", "target", "corresp", "resp", "who", "source", "ana", "sameAs", "prev", "next")
CERT = {"certain": "high", "conjectural": "low"}
# What the Debian jing wrapper prints on stderr about optional jars it does not need.
WRAPPER_NOTICE = re.compile(r"^\[warning\] /usr/bin/jing: Unable to locate \S+ in /usr/share/java$")


def build(tmp, url=None):
    env = {k: v for k, v in ENV.items() if k != "EDITION_URL"}
    if url:
        env["EDITION_URL"] = url
    docs = tmp / "docs"
    subprocess.run([PY, str(CLI), "build", "--edition", str(EDITION), "--docs", str(docs)],
                   cwd=tmp, env=env, check=True, capture_output=True)
    return docs / "downloads" / "edition.tei.xml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tei")
    path = build(tmp)
    return path, tmp / "docs"


@pytest.fixture(scope="module")
def tei(built):
    return etree.parse(str(built[0]))


@pytest.fixture(scope="module")
def meta():
    return yaml.safe_load((EDITION / "edition.yml").read_text(encoding="utf-8"))


def jing(path):
    assert shutil.which("jing"), "Debian's jing is missing: `make test` installs it (apt-get install jing)"
    result = subprocess.run(["jing", str(TEI_RNG), str(path)], capture_output=True, text=True)
    noise = [line for line in result.stderr.splitlines() if not WRAPPER_NOTICE.match(line)]
    return result.returncode, result.stdout.strip(), noise


def x(node, path):
    return node.xpath(path, namespaces=NS)


# ----------------------------------------------------------------------------- validity

def test_schema_is_tei_p5_all():
    head = TEI_RNG.read_text(encoding="utf-8")[:1500]
    assert re.search(r"TEI Edition: P5 Version\s4\.11\.0\.", head)  # a no-break space in the original


def test_valid_against_tei_all(built):
    code, out, noise = jing(built[0])
    assert (code, out, noise) == (0, "", [])


def test_jing_rejects_what_tei_all_forbids(built, tmp_path):
    """The validator is live: the same file with a paragraph where TEI allows none fails."""
    tree = etree.parse(str(built[0]))
    title_stmt = x(tree, "//t:titleStmt")[0]
    etree.SubElement(title_stmt, f"{{{T}}}p").text = "not allowed here"
    bad = tmp_path / "bad.tei.xml"
    tree.write(str(bad), encoding="UTF-8", xml_declaration=True)
    code, out, _ = jing(bad)
    assert code != 0 and "bad.tei.xml" in out and "error" in out


def test_two_builds_identical(built, tmp_path):
    assert build(tmp_path).read_bytes() == built[0].read_bytes()


# ----------------------------------------------------------------------------- the source, back

def source_from_tei(tree):
    """The source text as the TEI records it: each <lb n> starts line n; <sic>, not <corr>;
    no notes; <space> as the spaces it stands for. The apparatus and bibliography are not text."""
    text = x(tree, "/t:TEI/t:text")[0]
    lines, state = {}, {"line": None}

    def add(s):
        if not s:
            return
        if state["line"] is None:
            assert not s.strip(), f"text before any line break: {s!r}"
            return
        lines[state["line"]].append(s)

    def walk(node, in_block):
        tag = etree.QName(node).localname
        if tag == "lb":
            n = int(node.get("n"))
            assert n not in lines, f"line {n} twice"
            lines[n] = []
            state["line"] = n
        elif tag == "space":
            kind = node.get("type")
            add((chr(int(kind[2:], 16)) if kind else " ") * int(node.get("quantity")))
        in_block = in_block or tag in ("head", "p", "item", "cell")
        if in_block:
            add(node.text)
        elif (node.text or "").strip():
            raise AssertionError(f"text outside a block in <{tag}>: {node.text!r}")
        for child in node:
            if etree.QName(child).localname not in ("corr", "note"):
                walk(child, in_block)
            if in_block:
                add(child.tail)
            elif (child.tail or "").strip():
                raise AssertionError(f"text outside a block after <{etree.QName(child).localname}>")

    for part in text:
        for child in part:
            if child.get("type") not in ("apparatus", "bibliography"):
                walk(child, False)
    return lines


def test_source_rebuilt_from_the_tei_character_for_character(tei):
    lines = source_from_tei(tei)
    source = SOURCE.read_text(encoding="utf-8")
    expected = source.split("\n")
    assert sorted(lines) == list(range(1, len(expected) + 1))
    rebuilt = "\n".join("".join(lines[n]) for n in range(1, len(expected) + 1))
    for n, (got, want) in enumerate(zip(rebuilt.split("\n"), expected), start=1):
        assert got == want, f"source line {n}"
    assert rebuilt == source


def test_line_breaks_in_source_order(tei):
    numbers = [int(lb.get("n")) for lb in x(tei, "/t:TEI/t:text//t:lb")]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))


# ----------------------------------------------------------------------------- pointers

def test_every_pointer_resolves(tei):
    ids = {n.get(XML_ID) for n in tei.iter() if n.get(XML_ID)}
    checked = 0
    for node in tei.iter():
        for att in POINTERS:
            for token in (node.get(att) or "").split():
                checked += 1
                if token.startswith("#"):
                    assert token[1:] in ids, f"<{etree.QName(node).localname} {att}={token}> points at nothing"
                else:
                    assert re.match(r"^https?://[^/\s]+\.[^/\s]+/", token), f"{att}={token} is neither #id nor absolute"
    assert checked > 500
    assert not re.search(r'(ref|target)="[^"#h][^"]*\.html', etree.tostring(tei, encoding="unicode"))


def test_terms_and_mentions_point_into_the_file(tei):
    glossary = yaml.safe_load((EDITION / "glossary.yml").read_text(encoding="utf-8"))
    kinds = {e["id"]: e["kind"] for e in glossary}
    where = {"person": "t:person", "organisation": "t:org", "place": "t:place"}
    for term_id, kind in kinds.items():
        found = x(tei, f"//t:teiHeader//{where.get(kind, 't:category')}[@xml:id='{term_id}']")
        assert len(found) == 1, term_id
    items = [i["id"] for i in __import__("json").loads((EDITION / "bibliography.json").read_text(encoding="utf-8"))]
    assert [b.get(XML_ID) for b in x(tei, "//t:listBibl[@type='cited']/t:bibl")] == items
    assert x(tei, "//t:body//t:persName[@ref='#putin']") and x(tei, "//t:body//t:ref[@target='#sort-2002']")


# ----------------------------------------------------------------------------- decisions

def decisions_data():
    breaks = yaml.safe_load((EDITION / "breaks.yml").read_text(encoding="utf-8"))
    changes = yaml.safe_load((EDITION / "emendations.yml").read_text(encoding="utf-8"))
    return ([(b["decision"], b["certainty"], b["reason"].strip(), b) for b in breaks]
            + [(c.get("type", "emendation"), c["certainty"], c["reason"].strip(), c) for c in changes])


def test_every_decision_with_its_reason_and_certainty(tei, built):
    notes = x(tei, "//t:back/t:div[@type='apparatus']/t:note")
    data = decisions_data()
    assert len(notes) == len(data)
    by_reason = {}
    for note in notes:
        by_reason.setdefault(note.text.strip(), []).append(note)
    apparatus_page = (built[1] / "apparatus.md").read_text(encoding="utf-8")
    for kind, certainty, reason, entry in data:
        note = by_reason[reason].pop(0)
        assert note.get("type") == kind and note.get("cert") == CERT[certainty] and note.get("resp") == "#editors"
        target = note.get("target").split()[0][1:]
        assert f'class="app-entry" id="{target}"' in apparatus_page  # the same id as on the apparatus page
        node = x(tei, f"//t:text//*[@xml:id='{target}']")[0]
        tag = etree.QName(node).localname
        if kind == "emendation":
            assert tag == "choice"
            sic = "".join(x(node, "t:sic")[0].itertext())
            assert sic == entry["original"] and "".join(x(node, "t:corr")[0].itertext()) == entry["reading"]
            corr = x(node, "t:corr")[0]
            assert corr.get("cert") == CERT[certainty] and corr.get("resp") == "#editors"
        elif kind == "annotation":
            assert tag == "seg" and "".join(node.itertext()) == entry["original"]
            assert node.get("cert") == CERT[certainty]
        else:  # a line-break decision: the <lb/> of the line after the break
            assert tag == "lb"
            end, start = entry["at"].split("|")
            line = SOURCE.read_text(encoding="utf-8").split("\n")[int(node.get("n")) - 1]
            assert line.strip().startswith(start)
            block = node.getparent()
            while etree.QName(block).localname not in ("p", "item"):
                block = block.getparent()
            first_lb = x(block, ".//t:lb")[0] is node
            assert first_lb == kind.startswith("break"), f"{target}: {kind}"
            if kind.endswith("-note"):
                lost = x(tei, f"//t:text//t:note[@type='lost'][@corresp='#{target}']")
                assert len(lost) == 1 and lost[0].get("cert") == CERT[certainty]
                assert "#" + lost[0].get(XML_ID) in note.get("target").split()
            if entry.get("note"):
                assert x(note, "t:note")[0].text == entry["note"].strip()


# ----------------------------------------------------------------------------- header

def test_header_says_what_edition_yml_says(tei, meta):
    ed, orig, src = meta["edition"], meta["original"], meta["source"]
    h = x(tei, "/t:TEI/t:teiHeader")[0]
    current = ed["history"][-1]
    titles = x(h, "t:fileDesc/t:titleStmt/t:title")
    assert orig["title"] is None and [t.get("type") for t in titles] == ["supplied", "supplied"]
    assert [t.text for t in titles] == [ed["title"], ed["title_en"]]
    body = [ed["editor"]["name"], ed["editor"]["name_en"]]
    assert [o.text for o in x(h, "t:fileDesc/t:titleStmt/t:editor/t:orgName")] == body
    assert [o.text for o in x(h, "t:fileDesc/t:publicationStmt/t:publisher/t:orgName")] == body
    resp = x(h, "t:fileDesc/t:titleStmt/t:respStmt")[0]
    assert resp.get(XML_ID) == ed["editor"]["id"]
    resps = {n.get("resp") for n in tei.iter() if n.get("resp")}
    assert resps == {"#" + ed["editor"]["id"]}
    assert x(h, "t:fileDesc/t:editionStmt/t:edition/@n") == [str(current["version"])]
    assert x(h, "t:fileDesc/t:editionStmt/t:edition/t:date/@when") == [str(current["date"])]
    assert x(h, "t:fileDesc/t:publicationStmt/t:date/@when") == [str(current["date"])]
    avail = x(h, "t:fileDesc/t:publicationStmt/t:availability")[0]
    assert x(avail, "t:licence/@target") == [ed["licence"]["url"]]
    said = [p.text for p in x(avail, "t:p")]
    assert ed["licence"]["article_zh"] in said and ed["licence"]["article_en"] in said
    changes = x(h, "t:revisionDesc/t:change")
    assert sorted((c.get("n"), c.get("when")) for c in changes) == \
        sorted((str(v["version"]), str(v["date"])) for v in ed["history"])
    for c in changes:
        entry = next(v for v in ed["history"] if str(v["version"]) == c.get("n"))
        assert [i.text for i in x(c, "t:list[@xml:lang='zh-Hant-TW']/t:item")] == entry["changes"]
        assert [i.text for i in x(c, "t:list[@xml:lang='en']/t:item")] == entry.get("changes_en", [])
        assert c.get("who") == "#" + ed["editor"]["id"]
    source = x(h, "t:fileDesc/t:sourceDesc/t:bibl[@type='source-file']")[0]
    assert x(source, "t:idno[@type='sha256']/text()") == [src["sha256"]]
    assert x(source, "t:idno[@type='filename']/text()") == [SOURCE.name]
    original = x(source, ".//t:bibl[@xml:id='original']")[0]
    assert x(original, "t:date[@type='submitted']/@when") == [str(orig["submitted"])]
    assert x(original, "t:date[@type='accepted']/@when") == [str(orig["accepted"])]
    assert not x(original, "t:title")  # the source records no title
    assert x(original, "t:author/t:note[@type='not-recorded']")


def test_no_publication_year_for_the_article(tei):
    original = x(tei, "//t:sourceDesc//t:bibl[@xml:id='original']")[0]
    assert {d.get("type") for d in x(original, ".//t:date")} == {"submitted", "accepted"}
    assert not x(tei, "//t:imprint | //t:date[@type='published' or @type='issued']")
    whole = etree.tostring(tei, encoding="unicode")
    assert not re.search(r"(刊於|刊出於|出版於|發表於|published in|appeared in)\s*(民國)?\d{2,4}", whole, re.I)


def test_editorial_declaration_states_the_about_pages_principles(tei, built, meta):
    about = (built[1] / "about.md").read_text(encoding="utf-8")
    section = about.split("{: #principles }")[1].split("\n## ")[0]
    items = {}
    for m in re.finditer(r"^\d+\.\s+\*\*(.+?)\*\*(.*(?:\n {2,}.*)*)", section, re.M):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", "**" + m.group(1) + "**" + m.group(2))
        items[m.group(1)] = re.sub(r"\s*\n\s*", "", text).replace("**", "").replace("`", "")
    assert len(items) >= 4
    decl = x(tei, "//t:encodingDesc/t:editorialDecl")[0]
    for part, labels in meta["tei"]["editorialDecl"].items():
        assert [p.text for p in x(decl, f"t:{part}/t:p")] == [items[label] for label in labels]


def test_languages_declared(tei):
    used = {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in tei.iter()} - {None}
    declared = x(tei, "//t:profileDesc/t:langUsage/t:language/@ident")
    assert set(declared) == used and declared[0] == "zh-Hant-TW" and {"en", "ru"} <= used


# ----------------------------------------------------------------------------- canonical address

def test_canonical_address_only_when_configured(tei, meta, tmp_path):
    assert meta["edition"]["url"] is None and not x(tei, "//t:idno[@type='URI']")
    root = "https://example.org/edition"
    with_url = etree.parse(str(build(tmp_path, url=root)))
    version = str(meta["edition"]["history"][-1]["version"])
    assert x(with_url, "//t:publicationStmt/t:idno[@type='URI']/text()") == [f"{root}/{version}/"]
    assert jing(tmp_path / "docs" / "downloads" / "edition.tei.xml")[:2] == (0, "")


# ----------------------------------------------------------------------------- a second article

def test_second_article_tei_valid_and_source_rebuilt(tmp_path):
    """The same code on other data (tests/data/second_article: its own licence, no editorialDecl
    mapping, a break-note and a line that begins with a space) gives valid, faithful TEI."""
    edition = tmp_path / "edition"
    shutil.copytree(ROOT / "tests" / "data" / "second_article", edition)
    result = run_cli("build", edition, tmp_path / "docs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "docs" / "downloads" / "edition.tei.xml"
    assert jing(path) == (0, "", [])
    tree = etree.parse(str(path))
    source = (edition / "source" / "second.txt").read_text(encoding="utf-8").split("\n")
    lines = source_from_tei(tree)
    assert ["".join(lines[n]) for n in range(1, len(source) + 1)] == source
    # its About page states no principles: the TEI claims none; the licence is its own
    assert not x(tree, "//t:editorialDecl")
    assert x(tree, "//t:availability/t:licence/@target") == ["https://example.org/second-article/licence"]


# ----------------------------------------------------------------------------- bad input

def broken_build(tmp_path, name, change):
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    path = edition / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("build", edition, tmp_path / "docs", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    return lines[0]


def test_unknown_principle_label_named(tmp_path):
    line = broken_build(tmp_path, "edition.yml", lambda t: t.replace("correction: [校改]", "correction: [改字]"))
    assert line.startswith("error: edition.yml: `tei.editorialDecl.correction` names '改字'")


def test_unquoted_change_with_a_colon_named(tmp_path):
    line = broken_build(tmp_path, "edition.yml", lambda t: t.replace(
        '- "First version: the numbered', "- First version: the numbered").replace("About page and downloads.\"", "About page and downloads."))
    assert "edition.yml:" in line and "`edition.history[1].changes_en[1]`" in line and "quotes" in line


def test_id_used_twice_named(tmp_path):
    line = broken_build(tmp_path, "glossary.yml", lambda t: t.replace("- id: putin\n", "- id: qianyan\n"))
    assert line.startswith("error: glossary.yml: id 'qianyan' is used twice in the TEI")


# ----------------------------------------------------------------------------- pure parts

def test_principles_read_from_the_about_markdown():
    from editkit.tei.principles import from_about
    md = ("# 凡例\n\n## 原則 {: #principles }\n\n1. **校改**：見[校勘記](apparatus.md)，共 `4` 處。\n"
          "   續行。\n2. **按語**：不改。\n\n## 其他 {: #other }\n\n1. **不是**：略。\n")
    assert from_about(md) == [("校改", "校改：見校勘記，共 4 處。續行。"), ("按語", "按語：不改。")]


def test_indentation_never_enters_mixed_content():
    from editkit.tei.xml import el, serialize
    root = el(None, "TEI")
    body = el(el(root, "text"), "body")
    p = el(body, "p")
    el(p, "lb", n=1)
    el(p, "persName", "蒲亭")
    out = serialize(root)
    assert '<p><lb n="1"/><persName>蒲亭</persName></p>' in out and "<body>\n" in out


def test_principles_without_a_mapping_are_paragraphs():
    from editkit.tei.header import _editorial_decl
    from editkit.tei.xml import el
    encoding = el(None, "encodingDesc")
    _editorial_decl(encoding, [("校改", "校改：甲。"), ("按語", "按語：乙。")], {}, "zh-Hant-TW")
    assert [p.text for p in x(encoding, "t:editorialDecl/t:p")] == ["校改：甲。", "按語：乙。"]
