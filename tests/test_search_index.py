"""The search data's pure functions (scripts/editkit/search_index.py), and the files a build writes.

The worker (docs/assets/javascripts/search-worker.js) folds and matches in the browser:
tests/test_search_browser.py checks it there. Here: what the data holds and how it is cut.
"""

import base64
import gzip
import json
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from editkit import search_index as si  # noqa: E402
from opencc import OpenCC  # noqa: E402
from pypinyin import lazy_pinyin  # noqa: E402

T2S = OpenCC("t2s").convert

PUTIN = {"id": "putin", "term": "蒲亭", "forms": ["蒲亭", "Vladimir Putin"], "variants": ["普丁", "普京", "Putin"],
         "english": "Vladimir Putin", "russian": "Путин", "pinyin": "pu ting"}
STRATEGY = {"id": "strategy", "term": "戰略", "forms": ["戰略"], "english": "strategy"}
NATO = {"id": "nato", "term": "北約", "forms": ["北約", "北大西洋公約組織"], "except": ["北約東擴"],
        "variants": ["NATO"], "english": "NATO"}


# ----------------------------------------------------------------------------- folding

def data(path):
    return si.read_data_script(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("written, typed", [
    ("臺灣", "台湾"),              # a variant and a Simplified character
    ("葉爾辛", "叶尔辛"),
    ("北約東擴", "北约东扩"),
    ("Vladimir Putin", "vladimirputin"),
    ("《莫斯科條約》", "莫斯科条约"),  # brackets are dropped on both sides
    ("「和平使命—2007」", "和平使命2007"),
    ("434億美元", "434亿美元"),
])
def test_the_text_and_the_query_fold_to_one_form(written, typed):
    table = si.fold_table([written], T2S)
    assert si.fold(written, table) == si.fold(typed, table)


def test_folding_keeps_one_character_for_one():
    table = si.fold_table(["戰略夥伴關係，臺灣與裏海"], T2S)
    assert all(len(k) == 1 and len(v) == 1 for k, v in table.items())
    assert table["臺"] == "台" and table["夥"] == "伙"


@pytest.mark.parametrize("ch", list("，。、「」《》（）〔〕— \u3000·,.-"))
def test_spaces_and_punctuation_are_dropped(ch):
    assert si.dropped(ch)


@pytest.mark.parametrize("ch", list("蒲a1Яé"))
def test_letters_and_digits_are_kept(ch):
    assert not si.dropped(ch)


# ----------------------------------------------------------------------------- names

def test_names_hold_the_forms_apart_from_the_other_names():
    forms, other = si.names(PUTIN, lazy_pinyin)
    assert forms == ["蒲亭", "Vladimir Putin"]
    assert {"普丁", "普京", "Putin", "Путин", "puting"} <= set(other)
    assert "蒲亭" not in other


def test_pinyin_is_run_together_and_read_for_each_han_spelling():
    forms, other = si.names({"id": "x", "term": "上海合作組織", "forms": ["上海合作組織"],
                             "variants": ["上合組織"]}, lazy_pinyin)
    assert "shanghaihezuozuzhi" in other and "shanghezuzhi" in other


def test_umlaut_pinyin_is_also_written_with_u():
    _, other = si.names({"id": "x", "term": "戰略", "forms": ["戰略"]}, lazy_pinyin)
    assert "zhanlve" in other and "zhanlue" in other


def test_terms_in_honours_except():
    glossary = [PUTIN, NATO]
    assert si.terms_in("北約東擴之後", glossary) == []
    assert si.terms_in("北約與蒲亭", glossary) == [0, 1]
    assert si.terms_in("Vladimir Putin said", glossary) == [0]


# ----------------------------------------------------------------------------- documents

PARAS = [
    {"id": "p1", "n": 1, "section": "qianyan", "section_title": "壹、前言", "text": "蒲亭與北大西洋公約組織。"},
    {"id": "abstract-en", "n": None, "section": "abstract", "section_title": "Abstract", "text": "Putin and NATO."},
]


def test_paragraph_documents_are_numbered_and_know_their_entries():
    glossary = [dict(PUTIN, occurrences=["p1", "abstract-en"]), dict(NATO, occurrences=["p1"]), STRATEGY]
    docs = si.paragraph_documents(PARAS, glossary, {"p1": "蒲亭與北大新洋公約組織。"}, "text.html")
    p1, abstract = docs
    assert p1[0] == "text.html#p1" and p1[1] == "¶ 1\u3000壹、前言" and p1[2] == PARAS[0]["text"]
    assert p1[3] == "蒲亭與北大新洋公約組織。"          # the source's reading, searchable
    assert p1[4] == [0, 1] and p1[5] == si.PARAGRAPH_BOOST
    assert p1[6] == si.LABEL and p1[1] not in si.searchable(p1, [[[], []]] * 3)   # shown, not searched
    assert abstract[1] == "Abstract" and abstract[3] == "" and abstract[4] == [0]


def test_without_occurrence_lists_the_entries_are_looked_for_in_the_text():
    docs = si.paragraph_documents(PARAS[:1], [PUTIN, NATO, STRATEGY], {}, "text.html")
    assert docs[0][4] == [0, 1]


def test_a_reading_equal_to_the_text_is_not_stored_twice():
    docs = si.paragraph_documents(PARAS[:1], [], {"p1": PARAS[0]["text"]}, "text.html")
    assert docs[0][3] == ""


PAGE = ('<h1 id="glossary">詞彙表</h1><p>說明文字。</p>'
        '<h2 id="putin">蒲亭</h2><p>俄羅斯政治人物。</p>'
        '<h2 id="other">其他<a class="headerlink" href="#other">¶</a></h2><p>別的 <b>文字</b>。</p>')
TOC = [("glossary", "詞彙表"), ("putin", "蒲亭"), ("other", "其他")]


def test_page_documents_cut_a_page_at_its_headings():
    docs = si.page_documents("glossary.html", "詞彙表", PAGE, TOC, [PUTIN])
    assert [d[0] for d in docs] == ["glossary.html", "glossary.html#glossary", "glossary.html#putin",
                                    "glossary.html#other"]
    page, _, putin, other = docs
    assert page[1] == "詞彙表"
    assert putin[2] == "" and putin[4] == [0]           # found by its names, not its gloss
    assert other[1] == "其他" and other[2] == "別的 文字。" and other[4] == []


def test_pages_that_repeat_the_paragraphs_keep_headings_only():
    docs = si.page_documents("text.html", "全文", PAGE, TOC, [], heading_only=True)
    assert all(d[2] == "" for d in docs) and docs[-1][1] == "其他"
    assert all(d[5] == si.HEADING_ONLY for d in docs)


# ----------------------------------------------------------------------------- shards

def doc(n, size):
    return [f"text.html#p{n}", f"¶ {n}", "字" * size, "", [], 1]


def test_shards_keep_the_order_and_stay_near_their_size():
    docs = [doc(n, 400) for n in range(10)]
    groups = si.shards(docs, size=1000)
    assert [d for g in groups for d in g] == docs
    assert all(sum(len(d[2]) for d in g) <= 1000 for g in groups)
    assert len(groups) == 5


def test_a_document_longer_than_a_shard_is_a_shard_of_its_own():
    groups = si.shards([doc(1, 50), doc(2, 5000), doc(3, 50)], size=1000)
    assert [[d[0] for d in g] for g in groups] == [["text.html#p1"], ["text.html#p2"], ["text.html#p3"]]


def bits_of(shard, letters):
    raw = base64.b64decode(shard["has"])
    return {c for i, c in enumerate(letters) if raw[i // 8] >> (i % 8) & 1}


def test_a_shards_bitmap_holds_exactly_its_folded_characters():
    names = [si.names(PUTIN, lazy_pinyin)]
    groups = [[["a.html#p1", "¶ 1", "臺灣的東擴", "", [], 1]], [["a.html#p2", "¶ 2", "科索沃", "", [0], 1]]]
    table = si.fold_table([s for g in groups for d in g for s in si.searchable(d, names)], T2S)
    m = si.manifest(groups, names, table, {"a.html": "A"}, ["shard-0.js", "shard-1.js"])
    first, second = (bits_of(s, m["letters"]) for s in m["shards"])
    assert first == set(si.fold("¶ 1臺灣的東擴", table))
    assert set("puting") <= second and set(si.fold("普京", table)) <= second   # names count
    assert not set(si.fold("東擴", table)) <= second                         # a query skips it
    assert m["limit"] == si.LIMIT and m["pages"] == {"a.html": "A"}


# ----------------------------------------------------------------------------- the build

def test_the_build_writes_the_data_as_scripts_and_nothing_for_materials_index(site):
    folder = site / "search"
    assert not (folder / "search_index.json").exists() and not (folder / "search_index.js").exists()
    name, manifest = data(folder / "manifest.js")
    assert name == "manifest.js"
    files = [s["file"] for s in manifest["shards"]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(["manifest.js", *files])
    docs = []
    for file in files:
        name, group = data(folder / file)
        assert name == file
        docs += group
    locations = [d[0] for d in docs]
    assert len(locations) == len(set(locations))
    paragraphs = json.loads((ROOT / "docs" / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))
    for p in paragraphs["paragraphs"]:
        found = [d for d in docs if d[0] == f"text.html#{p['id']}"]
        assert found and found[0][2] == p["text"], p["id"]           # each paragraph's text, once
    assert sum(d[2].count(paragraphs["paragraphs"][5]["text"]) for d in docs) == 1
    assert any(d[0] == "glossary.html#putin" for d in docs)
    assert any(d[0].startswith("bibliography.html#") for d in docs)
    assert any(d[0].startswith("apparatus.html") for d in docs)


def test_every_page_names_the_editions_worker_and_no_search_form(site):
    html = (site / "text.html").read_text(encoding="utf-8")
    config = html.split('<script id="__config" type="application/json">')[1].split("</script>")[0]
    assert json.loads(config)["search"].endswith("assets/javascripts/search-worker.js")
    assert 'name="search"' not in html and 'class="md-search__form"' in html


def test_all_search_data_gzipped_is_small(site):
    """A bound from issue 9 (≤ 3× plain Material's index, ≈ 16 KB gzipped): 48 KB for everything."""
    data = b"".join(p.read_bytes() for p in sorted((site / "search").iterdir()))
    assert len(gzip.compress(data, 9, mtime=0)) <= 48_000


def test_list_entries_are_documents_of_their_own_and_covered_lines_are_left_out():
    content = ('<h1 id="yuanwen">原文</h1><ol class="source-lines">'
               '<li class="src-line" id="L1"><a class="src-line__n" href="#L1">1</a>'
               '<span class="src-line__text"><span class="lead-space" title="行首空格">·</span>摘要</span>'
               '<span class="src-line__where"><a href="text.html#p1">¶ 1</a></span></li>'
               '<li class="src-line" id="L2"><a class="src-line__n" href="#L2">2</a>'
               '<span class="src-line__text">正文一行</span><span class="src-line__where"></span></li></ol>')
    docs = si.page_documents("source.html", "原文", content, [], [], heading_only=True, covered={"L2"})
    entries = {d[0]: d for d in docs if "#L" in d[0]}
    assert list(entries) == ["source.html#L1"], "a line a paragraph holds is found through the paragraph"
    assert entries["source.html#L1"][1] == "原文 1" and entries["source.html#L1"][2] == "摘要"
    assert all("摘要" not in d[2] for d in docs if d[0] == "source.html"), "an entry's words are stored once"
    apparatus = ('<ol><li class="app-entry" id="e2" data-kind="emendation"><p class="app-entry__head">'
                 '<a class="app-entry__id" href="#e2">e2</a> <span>校改</span></p>'
                 '<p class="app-entry__reason">北大新洋為北大西洋之誤</p></li></ol>')
    [page, entry] = si.page_documents("apparatus.html", "校勘記", apparatus, [], [])
    assert entry[0] == "apparatus.html#e2" and entry[1] == "校勘記 e2 校改" and entry[2] == "北大新洋為北大西洋之誤"
    assert entry[5] == si.SECTION_BOOST["apparatus.html"] and page[2] == ""
