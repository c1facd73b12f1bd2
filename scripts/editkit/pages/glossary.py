"""The glossary page (詞彙表): every term with its spellings, glosses and occurrences."""

from ..glossary import KINDS, pinyin_marked
from ..inline import escape
from .common import front_matter

PAGE = "glossary.md"


def render(edition):
    out = [front_matter("詞彙表", "文中所見人物、組織、條約、事件、地名與概念：異寫、英文、拼音、釋義及出現段落。")]
    out.append("# 詞彙表\n")
    out.append(f"文中所見人物、組織、條約與文件、事件、地名與概念共 {len(edition.glossary)} 條。"
               "每條列出文中寫法、今日臺灣與中國大陸的常見寫法（含簡體）、英文名稱、漢語拼音、簡要釋義，"
               "以及出現的全部段落（由程式自文中查得）。全文中各詞於每一節首次出現處連至本表（虛線底線），以滑鼠懸停、鍵盤聚焦或點觸可見簡釋（英文摘要中為英文簡釋）；全文頁首的「詞彙連結」可改為全部連結或不連結。"
               "下載：[詞彙表 JSON](downloads/glossary.json)。\n")
    by_id = {b.id: b for b in edition.blocks}
    for kind, label in KINDS.items():
        terms = [t for t in edition.glossary if t.kind == kind]
        if not terms:
            continue
        out.append(f"## {label} {{: #{kind} }}\n")
        for t in terms:
            out.append(_entry(t, by_id))
    return "\n".join(out)


def _entry(t, by_id):
    rows = [f"### {escape(t.term)} {{: #{t.id} }}\n"]
    others = [f for f in t.forms if f != t.term]
    if others:
        rows.append(f"- **文中另作**：{'、'.join(escape(f) for f in others)}")
    if t.variants:
        rows.append(f"- **其他寫法**：{'、'.join(escape(v) for v in t.variants)}")
    if t.simplified:
        rows.append(f'- **簡體**：<span lang="zh-Hans">{"、".join(escape(s) for s in t.simplified)}</span>')
    names = f'- **英文**：<span lang="en">{escape(t.english)}</span>'
    if t.russian:
        names += f'；**俄文**：<span lang="ru">{escape(t.russian)}</span>'
    rows.append(names)
    rows.append(f'- **拼音**：<span lang="zh-Latn-pinyin">{escape(pinyin_marked(t))}</span>')
    rows.append(f"- **釋義**：{escape(t.gloss_zh)}")
    rows.append(f'- <span lang="en">*Gloss*: {escape(t.gloss_en)}</span>')
    if t.note:
        rows.append(f"- **附註**：{escape(t.note)}")
    if t.unverified:
        rows.append(f"- **未查證**：{escape(t.unverified)}")
    # HTML, as the apparatus's and the source page's links to paragraphs: a term in a collection
    # occurs in thousands of paragraphs, and a Markdown link costs MkDocs a hundred times more
    links = "、".join(f'<a href="text.html#{b}">{_label(by_id[b])}</a>' for b in t.occurrences)
    rows.append(f"- **見於**：{links}")
    return "\n".join(rows) + "\n"


def _label(block):
    return f"¶ {block.n}" if block.numbered else block.id
