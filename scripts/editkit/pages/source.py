"""The source page: the text as received, line by line, each line linked to what it became.

One row per line (its own id, L12: the anchor the text, the apparatus and search results
point to), not a table: at a phone's width the links go under the line instead of
squeezing it into a narrow column.
"""

from html import escape

from .common import front_matter, para_label

PAGE = "source.md"
LEAD_SPACE = "·"  # a leading space made visible: U+00B7, in Big5 and so in every Traditional-Chinese font
FORM_FEED = '<span class="form-feed" title="換頁符（U+000C）">␌</span>'


def render(edition):
    out = [front_matter("原文", "來源文本原樣，逐行編號，每行連至本版中的對應段落與校勘記。")]
    out.append("# 原文\n")
    out.append(f"來源文本 `{edition.source_name}` 原樣照錄（UTF-8，{len(edition.source_text)} 字元，"
               f"{edition.source_text.count(chr(10)) + 1} 行；SHA-256 `{edition.meta['source']['sha256']}`）。"
               f"行首空格以淺色「{LEAD_SPACE}」標示。每行之後連至本版中由該行而成的段落或標題，及涉及該行的校勘記。\n")
    where, decided = {}, {}
    for block in edition.blocks:
        for n in block.lines:
            where[n] = block
    for d in edition.decisions:
        for n in sorted(set(d.lines)):
            decided.setdefault(n, []).append(d)
    out.append('<ol class="source-lines">')
    for n, raw in enumerate(edition.source_text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        lead = LEAD_SPACE * (len(raw) - len(stripped))
        text = (f'<span class="lead-space" title="行首空格">{lead}</span>' if lead else "") + escape(stripped)
        text = text.replace("\f", FORM_FEED)  # pdftotext's page break: shown, never copied into HTML
        block = where.get(n)
        links = [f'<a href="text.html#{block.id}">{_label(block)}</a>'] if block else []
        links += [f'<a href="apparatus.html#{d.id}">{d.id}</a>' for d in decided.get(n, [])]
        out.append(f'<li class="src-line" id="L{n}"><a class="src-line__n" href="#L{n}">{n}</a>'
                   f'<span class="src-line__text">{text}</span>'
                   f'<span class="src-line__where">{" ".join(links)}</span></li>')
    out.append("</ol>\n")
    return "\n".join(out) + "\n"


def _label(block):
    if block.kind == "heading":
        return "標題"
    if block.kind == "pubdata":
        return "出版資料"
    return para_label(block)
