"""The apparatus (校勘記): every editorial decision, where it stands and why."""

from collections import Counter

from ..inline import escape
from .common import CERTAINTY_LABELS, KIND_LABELS, front_matter, para_label

PAGE = "apparatus.md"


def render(edition):
    out = [front_matter("校勘記", "本版每一項編輯決定：併行、佚注、校改、按語，附原文行號、原讀與校讀、判斷與理由。")]
    out.append("# 校勘記\n")
    counts = Counter(d.kind for d in edition.decisions)
    summary = "、".join(f"{KIND_LABELS[k]} {counts[k]} 項" for k in KIND_LABELS if counts[k])
    out.append(f"本版共有編輯決定 {len(edition.decisions)} 項（{summary}），其中佚注標記 {len(edition.notes)} 處。"
               "依閱讀順序排列；「段」連至全文該段，「行」連至原文頁該行。"
               "原讀中的 ⏎ 表示來源文本的換行。凡校改，全文頁以滑鼠懸停可見原讀；凡按語，不改原文。\n")
    out.append("| 編號 | 段 | 行 | 類別 | 原讀 | 校讀 | 判斷 | 理由 |")
    out.append("|---|---|---|---|---|---|---|---|")
    for d in edition.decisions:
        block = d.block
        lines = "–".join(f"[{n}](source.md#L{n})" for n in sorted(set(d.lines)))
        out.append("| " + " | ".join([
            f'<span id="{d.id}">{d.id}</span>',
            f"[{para_label(block)}](text.md#{block.id})",
            lines,
            KIND_LABELS[d.kind],
            escape(d.original) or "—",
            _edited(d),
            CERTAINTY_LABELS[d.certainty],
            escape(d.reason) + (f"<br>編按：{escape(d.note)}" if d.note else ""),
        ]) + " |")
    return "\n".join(out) + "\n"


def _edited(d):
    if d.kind == "emendation":
        return escape(d.reading) if d.reading else "（刪）"
    if d.kind == "annotation":
        return "（不改）"
    if d.kind in ("join", "join-note"):
        head, tail = d.original.split("⏎")
        note = f"[〔注{d.note_id[1:]}〕](text.md#fnref:{d.note_id})" if d.note_id else ""
        return f"{escape(head)}{note}{escape(tail)}"
    if d.kind == "break-note":
        return f"分段，段末[〔注{d.note_id[1:]}〕](text.md#fnref:{d.note_id})"
    return "分段"
