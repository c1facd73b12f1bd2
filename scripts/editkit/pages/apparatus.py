"""The apparatus (校勘記): every editorial decision, where it stands and why.

One card per decision (stacked rows, readable at a phone's width as at a desk), each with
its own id (j3, e2 …: the anchor the text's markers, the notes, the source page and search
results point to), its links to the paragraph and the source lines, and filters by kind
and certainty (reading.js; without scripts every entry shows).
"""

from collections import Counter
from html import escape

from .common import CERTAINTY_LABELS, KIND_LABELS, front_matter, para_label

PAGE = "apparatus.md"
# What the reader filters by: a lost note whether it joins or breaks; the kind otherwise.
GROUPS = {"join": "併行", "lost-note": "佚注", "break": "分段", "emendation": "校改", "annotation": "按語"}
GROUP_OF = {"join-note": "lost-note", "break-note": "lost-note"}
LINE_BREAK = "／"  # shows the source's line break in a reading (in every CJK font, unlike ⏎)


def group(decision):
    return GROUP_OF.get(decision.kind, decision.kind)


def render(edition):
    out = [front_matter("校勘記", "本版每一項編輯決定：併行、佚注、校改、按語，附原文行號、原讀與校讀、判斷與理由。")]
    out.append("# 校勘記\n")
    counts = Counter(d.kind for d in edition.decisions)
    summary = "、".join(f"{KIND_LABELS[k]} {counts[k]} 項" for k in KIND_LABELS if counts[k])
    out.append(f"本版共有編輯決定 {len(edition.decisions)} 項（{summary}），其中佚注標記 {len(edition.notes)} 處。"
               "依閱讀順序排列；每項連至全文該段與原文該行。"
               f"原讀中的「{LINE_BREAK}」表示來源文本的換行。凡校改，全文頁中校讀與其後的「校」字皆可懸停、聚焦或點觸，"
               "以見原讀與理由；凡按語，不改原文。\n")
    out.append(_filters(edition.decisions))
    out.append('<ol class="apparatus">')
    out.extend(_entry(d) for d in edition.decisions)
    out.append("</ol>\n")
    return "\n".join(out) + "\n"


def _filters(decisions):
    groups = Counter(group(d) for d in decisions)
    certainties = Counter(d.certainty for d in decisions)
    kinds = "".join(f'<label><input type="checkbox" name="kind" value="{g}" checked> {label}（{groups[g]}）</label>'
                    for g, label in GROUPS.items() if groups[g])
    sure = "".join(f'<label><input type="checkbox" name="certainty" value="{c}" checked> {label}（{certainties[c]}）</label>'
                   for c, label in CERTAINTY_LABELS.items() if certainties[c])
    n = len(decisions)
    return (f'<form class="app-filters" aria-label="篩選校勘記">\n'
            f'<fieldset><legend>類別</legend>{kinds}</fieldset>\n'
            f'<fieldset><legend>判斷</legend>{sure}</fieldset>\n'
            f'<p class="app-filters__status" role="status">顯示 {n} / {n} 項</p>\n</form>\n')


def _entry(d):
    block = d.block
    lines = sorted(set(d.lines))
    span = f"{lines[0]}" if len(lines) == 1 else f"{lines[0]}–{lines[-1]}"
    reason = escape(d.reason) + (f"<br>編按：{escape(d.note)}" if d.note else "")
    return (f'<li class="app-entry" id="{d.id}" data-kind="{d.kind}" data-group="{group(d)}" data-certainty="{d.certainty}">'
            f'<p class="app-entry__head"><a class="app-entry__id" href="#{d.id}">{d.id}</a> '
            f'<span class="app-entry__kind">{KIND_LABELS[d.kind]}</span> '
            f'<span class="app-entry__certainty app-entry__certainty--{d.certainty}">{CERTAINTY_LABELS[d.certainty]}</span> '
            f'<a href="text.html#{block.id}">{para_label(block)}</a> '
            f'<a href="source.html#L{lines[0]}">原文第 {span} 行</a></p>'
            f'<dl class="app-entry__readings"><dt>原讀</dt><dd>{_reading(d.original) or "—"}</dd>'
            f'<dt>校讀</dt><dd>{_edited(d)}</dd></dl>'
            f'<p class="app-entry__reason">{reason}</p></li>')


def _reading(text):
    return escape(text).replace("⏎", f'<span class="app-lb">{LINE_BREAK}</span>')


def _note_mark(d):
    return f'<a href="text.html#fnref:{d.note_id}">〔注佚{d.note_id[1:]}〕</a>'


def _edited(d):
    if d.kind == "emendation":
        return escape(d.reading) if d.reading else "（刪）"
    if d.kind == "annotation":
        return "（不改）"
    if d.kind in ("join", "join-note"):
        head, tail = d.original.split("⏎")
        note = _note_mark(d) if d.note_id else ""
        return f"{escape(head)}{note}{escape(tail)}"
    if d.kind == "break-note":
        return f"分段，段末{_note_mark(d)}"
    return "分段"
