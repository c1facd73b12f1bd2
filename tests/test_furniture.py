"""What real extractions need of the code, as data: furniture kinds (`running-foot`, `line-number`),
furniture counted by sequence, the word space of a join, and the original's own date.

The real CLI in a subprocess; the TEI against tei_all with jing. The third real edition
(editions/sac-106-pan-49) uses all four; tests/test_sac_edition.py checks them there, and this
module checks what that edition cannot show: a count that skips or stops short, a count that
starts elsewhere than 1, joins in Latin text, and editions without a date of their own.
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import EDITION, ROOT, TEI_NS, TEI_RNG, run_cli
from lxml import etree
from test_editor_workflow import errors, fill_edition_yml, init

SAC = ROOT / "editions" / "sac-106-pan-49"
SCHEMAS = "../../scripts/editkit/schemas"


def copy_edition(source_folder, tmp_path):
    """A copy of a repository edition two levels below tmp_path (its schema headers still resolve)."""
    folder = tmp_path / "editions" / source_folder.name
    shutil.copytree(source_folder, folder)
    return folder


def replace_source(folder, change):
    """Change the copy's source text and record its new SHA-256 (as an editor re-extracting would)."""
    meta_path = folder / "edition.yml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    source = folder / meta["source"]["file"]
    old = hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    new = hashlib.sha256(source.read_bytes()).hexdigest()
    meta_path.write_text(meta_path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def structure_line(folder, text):
    """The line of structure.yml that holds ``text`` (1-based)."""
    lines = (folder / "structure.yml").read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def drop_lines(text, wanted):
    """The source with the first line holding only each of ``wanted`` (a margin number) emptied:
    its place kept, so the lines after it keep their numbers (the signature table's `grid` names them)."""
    lines = text.split("\n")
    for value in wanted:
        lines[lines.index(next(line for line in lines if line.strip() == value))] = ""
    return "\n".join(lines)


# --- furniture counted by sequence ------------------------------------------------------------------

def test_a_count_that_skips_or_stops_short_is_reported_all_at_once(tmp_path):
    """The judgment with its margin numbers 40 and 200 lost and `end` one too far: three problems,
    each naming structure.yml at the count's entry, in one run; the build stops too."""
    folder = copy_edition(SAC, tmp_path)
    replace_source(folder, lambda text: drop_lines(text, ["40", "200"]))
    structure = folder / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").replace("end: 310", "end: 312"), encoding="utf-8")
    entry = structure_line(folder, "kind: line-number") - 1  # the entry starts on its `- match:` line
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 1
    found = errors(result)
    where = f"error: {structure}:{entry}: "
    skips = [line for line in found if "skips from" in line]
    assert [re.search(r"skips from (\d+) to (\d+)", line).groups() for line in skips] == [("40", "41"), ("200", "201")]
    assert all(line.startswith(where) for line in skips)
    [short] = [line for line in found if "short of `end" in line]
    assert short.startswith(where) and "ends at 310" in short and "`end: 312`" in short
    assert len(found) == 3, found
    built = run_cli("build", folder, tmp_path / "docs", cwd=tmp_path)
    assert built.returncode == 1 and built.stderr.strip() == result.stderr.strip()
    assert not (tmp_path / "docs" / "text.md").exists()


def test_start_and_end_need_sequence(tmp_path):
    """structure.schema.json: `start` and `end` say nothing without `sequence`."""
    folder = copy_edition(SAC, tmp_path)
    structure = folder / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").replace(
        "    kind: page-number\n", "    kind: page-number\n    start: 1\n"), encoding="utf-8")
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 1
    [line] = errors(result)
    assert line.startswith(f"error: {structure}") and "sequence" in line


NUMBERED = """第一條
5
本協定適用於會員領域內所有裝運前檢驗活動，不論該活動係由會員
6
政府以契約委託或授權之。本條自民國九十年
3
月施行，至今已
7
8
有
12
年。
9
"""


def new_edition(tmp_path, name, text, structure):
    """A text built from data alone: init, then the editor's structure.yml (no break left for
    breaks.yml to decide), edition.yml filled in."""
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    folder = tmp_path / name
    assert init(source, folder, tmp_path).returncode == 0
    (folder / "structure.yml").write_text(f"# yaml-language-server: $schema=../{SCHEMAS}/structure.schema.json\n"
                                          + structure, encoding="utf-8")
    (folder / "breaks.yml").write_text(f"# yaml-language-server: $schema=../{SCHEMAS}/breaks.schema.json\n[]\n",
                                       encoding="utf-8")
    fill_edition_yml(folder)
    return folder


def lock_and_build(folder, tmp_path):
    """`lock` then `build`: the pages' paragraphs.json."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "edition.py"), "lock", str(folder)], cwd=tmp_path,
                   check=True, capture_output=True)
    built = run_cli("build", folder, tmp_path / "docs", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    return json.loads((tmp_path / "docs" / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]


NUMBERED_STRUCTURE = """furniture:
  - match: '^(\\d+)$'
    kind: line-number
    sequence: true
    start: 5
    end: 9
headings:
  - match: '^第一條$'
ids:
  第一條: art1
wrap:
  break_before: []
  break_after: ['。']
  width: 60
"""


def test_a_count_from_start_keeps_the_numbers_behind_it_and_the_tei_calls_them_lineNum(tmp_path):
    """Lines numbered from 5 (an excerpt), one digit a line: 5 … 9 are line numbers; the `3` of the
    text matches too but is behind the count, so it is text. TEI: <fw type="lineNum">, valid tei_all."""
    folder = new_edition(tmp_path, "numbered", NUMBERED, NUMBERED_STRUCTURE.replace("'^(\\d+)$'", "'^(\\d)$'"))
    [text] = [p["text"] for p in lock_and_build(folder, tmp_path)]
    assert text == "本協定適用於會員領域內所有裝運前檢驗活動，不論該活動係由會員政府以契約委託或授權之。本條自民國九十年3月施行，至今已有12年。"
    tei = tmp_path / "docs" / "downloads" / "edition.tei.xml"
    jing = subprocess.run(["jing", str(TEI_RNG), str(tei)], capture_output=True, text=True)
    assert jing.returncode == 0, jing.stdout + jing.stderr
    body = etree.parse(str(tei)).getroot().find("t:text", TEI_NS)
    assert [fw.text for fw in body.findall(".//t:fw[@type='lineNum']", TEI_NS)] == ["5", "6", "7", "8", "9"]
    assert not body.findall(".//t:fw[@type!='lineNum']", TEI_NS)


def test_a_number_ahead_of_the_count_is_a_skip_not_text(tmp_path):
    """With a pattern that also takes the text's `12` (source line 11): it is ahead of the count (9
    is due after 8), so it is reported as a skip, naming structure.yml; the `3` behind the count is
    text and reported nowhere."""
    folder = new_edition(tmp_path, "numbered", NUMBERED, NUMBERED_STRUCTURE)
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 1
    [line] = errors(result)
    assert line.startswith(f"error: {folder / 'structure.yml'}:{structure_line(folder, 'kind: line-number') - 1}: ")
    assert re.search(r"skips from (\d+) to (\d+) on source line (\d+)", line).groups() == ("9", "12", "11")


# --- the word space of a join ----------------------------------------------------------------------

MIXED = """第一條
依 GATT
1994 第三條之規定，財政部10
0年函釋之稅額1,010,
784元，每股60
.8元。
It is set out in Table 3
2019 figures follow, as
shown.
"""


def test_a_join_keeps_the_space_of_latin_words_and_none_inside_a_number_cut_in_chinese(tmp_path):
    """A typesetter's rule: `GATT`/`1994` and `Table 3`/`2019` (Latin text, wrapped at spaces) keep a
    word space; `財政部10`/`0年`, `1,010,`/`784元` and `60`/`.8元` are numbers the wrap cut in Chinese
    text, joined tight."""
    folder = new_edition(tmp_path, "mixed", MIXED, "headings:\n  - match: '^第一條$'\nids:\n  第一條: art1\n"
                         "wrap:\n  break_before: ['^It is set out']\n  break_after: ['。', '.']\n  width: 60\n")
    assert [p["text"] for p in lock_and_build(folder, tmp_path)] == [
        "依 GATT 1994 第三條之規定，財政部100年函釋之稅額1,010,784元，每股60.8元。",
        "It is set out in Table 3 2019 figures follow, as shown.",
    ]


# --- the original's own date --------------------------------------------------------------------------

@pytest.mark.parametrize("folder", [EDITION, ROOT / "editions" / "psi-agreement"], ids=["edition", "psi-agreement"])
def test_an_edition_without_a_date_of_its_original_gets_none(folder, tmp_path):
    """The 2007 article states only when it was submitted and accepted; the WTO agreement's source
    gives no date of that kind either: no undated-type <date> in the TEI's account of the original,
    no datePublished in the JSON-LD's isBasedOn."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from editkit import build, metadata

    meta = build.read_meta(folder)  # as the hook that writes the JSON-LD reads it
    assert "date" not in meta["original"]
    built = run_cli("build", folder, tmp_path / "docs", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    tei = etree.parse(str(tmp_path / "docs" / "downloads" / "edition.tei.xml")).getroot()
    dates = tei.xpath("//t:sourceDesc//t:bibl[@type='original-article']/t:date", namespaces=TEI_NS)
    assert all(d.get("type") in ("submitted", "accepted") for d in dates)
    assert "datePublished" not in metadata.jsonld(meta, "")["isBasedOn"]


def test_a_date_that_is_not_iso_is_reported_naming_edition_yml(tmp_path):
    folder = copy_edition(SAC, tmp_path)
    path = folder / "edition.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2017-01-25", "date: 民國106年1月25日"),
                    encoding="utf-8")
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 1
    [line] = errors(result)
    assert line.startswith(f"error: {path}:") and "date" in line


def test_init_drafts_the_margin_line_numbers_as_a_count(tmp_path):
    """`init` on the judgment's extraction: the number-only lines count 1 … 310 (DAMAGE.md), so it
    drafts them as a counted `line-number` entry, and the page numbers `1/8` … `8/8` as `page-number`;
    `check` then asks of structure.yml only the columns of the signature block's cell runs (and no notes
    are drafted from the margin numbers)."""
    folder = tmp_path / "sac"
    result = init(SAC / "source" / "sac-106-pan-49.txt", folder, tmp_path)
    assert result.returncode == 0, result.stderr
    structure = yaml.safe_load((folder / "structure.yml").read_text(encoding="utf-8"))
    furniture = {f["kind"]: f for f in structure["furniture"]}
    assert furniture["line-number"] == {"match": "^(\\d{1,4})$", "kind": "line-number", "sequence": True, "end": 310}
    assert re.fullmatch(furniture["page-number"]["match"], "8/8") and not re.fullmatch(
        furniture["page-number"]["match"], "2025/11/16")
    assert "notes" not in structure
    checked = run_cli("check", folder, cwd=tmp_path)
    assert checked.returncode == 1
    # what is left of structure.yml is the editor's to count: the runs of short cells that init
    # drafted as tables lie in the signature block (source lines 876–919, DAMAGE.md "Tables")
    left = [line for line in errors(checked) if "structure.yml" in line]
    assert all("`columns` is not given yet" in line for line in left), left
    spans = [tuple(map(int, re.search(r"source lines (\d+)–(\d+)", line).groups())) for line in left]
    assert spans and all(876 <= a <= b <= 919 for a, b in spans), spans
