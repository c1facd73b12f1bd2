"""A second article of the same kind needs only new data, not new code.

tests/data/second_article/ is a small invented edition (a made-up city library,
民國97年): its own source, checksum, layout rules, break decisions, one
emendation, one annotation, page templates and anchor lock. The real CLI builds
a copy of it in tmp_path.
"""

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

DATA = Path(__file__).resolve().parent / "data" / "second_article"
REAL_EDITION = ROOT / "edition"

# Paragraphs of source/second.txt, counted by hand:
#   p1  line 9            (the break 9|10 is decided `break`)
#   p2  lines 10–11       (line 10 ends in `，`: `join-note`, lost note n1)
#   p3  line 14           (under 貳)
#   p4  line 17           (under 一; 17|18 is `break-note`, lost note n2: line 18 begins with a space)
#   p5  line 18
#   p6  line 19           (18|19 is `break`)
#   p7–p9 lines 21–23     (the items 第1，… 第3，, one id each)
#   p10 line 25
# The abstracts (lines 3 and 6) are front matter: abstract-zh, abstract-en, not numbered.
EXPECTED_PARAGRAPHS = 10
ITEMS = ["p7", "p8", "p9"]
HEADING_IDS = ["zhaiyao", "abstract", "qianyan", "shiban-jingguo", "zhigong-zhidu"]
# Lines whose wording the layout of this kind of source fixes (they are the same in every article).
LAYOUT_LINES = {" 摘　　要", " Abstract", " 壹、前言"}




@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build a copy of the second article once; return (result, docs folder, edition copy)."""
    tmp = tmp_path_factory.mktemp("second")
    edition = tmp / "edition"
    shutil.copytree(DATA, edition)
    docs = tmp / "docs"
    return run_cli("build", edition, docs, cwd=tmp), docs, edition


@pytest.fixture(scope="module")
def text_md(built):
    result, docs, _ = built
    assert result.returncode == 0, result.stderr
    return (docs / "text.md").read_text(encoding="utf-8")


def test_build_succeeds(built):
    result, docs, _ = built
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for page in ("text.md", "apparatus.md", "source.md", "index.md", "about.md"):
        assert (docs / page).is_file(), page


def test_check_succeeds_against_its_own_lock(built, tmp_path):
    _, _, edition = built
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_paragraph_ids_in_order(text_md):
    ids = re.findall(r"^\s*\{: #(p\d+) ", text_md, re.M)
    assert ids == [f"p{n}" for n in range(1, EXPECTED_PARAGRAPHS + 1)]
    assert "{: #abstract-zh " in text_md and "{: #abstract-en " in text_md


def test_list_items_get_ids(text_md):
    match = re.search(r'<blockquote class="statement" id="memorandum-points" markdown>(.*?)</blockquote>',
                      text_md, re.S)
    assert match, "the 第1，… list should be one quotation block with the id from structure.yml"
    inside = match.group(1)
    assert re.findall(r"\{: #(p\d+) ", inside) == ITEMS
    for n, pid in zip((1, 2, 3), ITEMS):
        assert re.search(rf'^1\. .*href="#{pid}".*第{n}，', inside, re.M), f"item 第{n}， should carry {pid}"


def test_lost_notes(text_md):
    # n1 at the join of lines 10–11, n2 at the end of p4 (break-note before the line with a leading space)
    assert "熱烈支持，[^n1]並由讀書會成員" in text_md
    assert "結訓者發給識別證。[^n2]" in text_md
    for note in ("n1", "n2"):
        assert re.search(rf"^\[\^{note}\]: ", text_md, re.M), f"footnote {note} missing"
    assert "[^n3]" not in text_md
    assert "所注或為合作備忘錄的出處" in text_md


def test_emendation_and_annotation(text_md):
    assert re.search(r'<span class="emendation" data-original="損"[^>]*>捐</span>', text_md)
    assert re.search(r'<span class="annotation" data-original="東灣"[^>]*>東灣</span>', text_md)


def test_heading_ids_from_structure(text_md):
    for hid in HEADING_IDS:
        assert re.search(rf"^#+ .*\{{: #{re.escape(hid)}[ }}]", text_md, re.M), f"heading id {hid} missing"
    assert re.search(r"^### 一、志工制度的建立 \{: #zhigong-zhidu", text_md, re.M)


def test_pubdata_with_common_era_dates(text_md):
    match = re.search(r'<p class="pubdata" id="pubdata">(.*?)</p>', text_md)
    assert match, "the 投稿日期 line should be shown as publication data, not as a paragraph"
    line = match.group(1)
    assert 'datetime="2008-01-05"' in line and "2008年1月5日" in line
    assert 'datetime="2008-03-01"' in line and "2008年3月1日" in line
    assert "投稿日期" not in "".join(re.findall(r"^\[\d+\]\(#p\d+.*$", text_md, re.M))


def test_templates_filled_with_this_articles_figures(built):
    result, docs, _ = built
    assert result.returncode == 0, result.stderr
    index = (docs / "index.md").read_text(encoding="utf-8")
    assert "{{" not in index
    assert f"{EXPECTED_PARAGRAPHS} 段" in index and f"p{EXPECTED_PARAGRAPHS}" in index
    assert "青嶼市立圖書館" in index


def test_no_string_of_the_real_article_in_the_second_one():
    """The second article's data is invented: no 10-character run of the real source occurs in it."""
    real = next((REAL_EDITION / "source").glob("*.txt")).read_text(encoding="utf-8")
    width = 10
    for path in sorted(p for p in DATA.rglob("*") if p.is_file()):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if line in LAYOUT_LINES:
                continue
            for i in range(len(line) - width + 1):
                run_ = line[i:i + width]
                assert run_ not in real, f"{path.relative_to(DATA)}:{number} repeats the real article: {run_!r}"
