"""The source page: the text as received, line by line, each line linked to what it became."""

from ..inline import escape
from .common import front_matter, para_label

PAGE = "source.md"
FORM_FEED = '<span class="form-feed" title="換頁符（U+000C）">␌</span>'


def render(edition):
    out = [front_matter("原文", "來源文本原樣，逐行編號，每行連至本版中的對應段落。")]
    out.append("# 原文\n")
    out.append(f"來源文本 `{edition.source_name}` 原樣照錄（UTF-8，{len(edition.source_text)} 字元，"
               f"{edition.source_text.count(chr(10)) + 1} 行；SHA-256 `{edition.meta['source']['sha256']}`）。"
               "行首空格以 ␠ 標示。每行右欄連至本版中由該行而成的段落或標題。\n")
    where = {}
    for block in edition.blocks:
        for n in block.lines:
            where[n] = block
    out.append("| 行 | 原文 | 見 |")
    out.append("|---:|---|---|")
    for n, raw in enumerate(edition.source_text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        lead = "␠" * (len(raw) - len(stripped))
        text = (f'<span class="lead-space" title="行首空格">{lead}</span>' if lead else "") + escape(stripped)
        text = text.replace("\f", FORM_FEED)  # pdftotext's page break: shown, never copied into HTML
        block = where.get(n)
        target = f"[{_label(block)}](text.md#{block.id})" if block else ""
        out.append(f'| <span id="L{n}">{n}</span> | {text} | {target} |')
    return "\n".join(out) + "\n"


def _label(block):
    if block.kind == "heading":
        return "標題"
    if block.kind == "pubdata":
        return "出版資料"
    return para_label(block)
