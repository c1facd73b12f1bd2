"""The text page: the whole article, numbered, with its editorial marks and lost notes."""

import re

from .. import blocks, inline
from ..inline import escape
from ..model import Span
from . import footnotes
from .common import CERTAINTY_LABELS, SIGLA, ce_words, front_matter, roc_to_ce

PAGE = "text.md"
_PLACE = {"join-note": "兩行相併之處", "break-note": "段末"}  # where a lost note's marker stood


def render(edition, structure, links):
    """Markdown of the text page. ``links`` gives href/title for glossary and bibliography spans."""
    layout_pubdata = structure.get("pubdata")
    quoted = {e["id"]: e.get("cite") for e in structure.get("lists") or []}
    meta = edition.meta["edition"]
    supplied = not edition.meta["original"].get("title")  # the source has no title: the editor's (as the TEI says)
    out = [front_matter("全文", ("〔編者擬題〕" if supplied else "") + meta["short_title"] + "：全文，分段編號，附校改與佚注標記。")]
    out.append(f"# {escape(meta['title'])}" + (" {: .supplied-title }" if supplied else "") + "\n")
    if meta.get("supplied_note"):
        out.append(f'<p class="supplied-note">{escape(meta["supplied_note"])}</p>\n')
    out.append(CONTROLS)
    decisions = {d.id: d for d in edition.decisions}
    look = _look(decisions, links)
    in_list = None
    in_items = None  # a list kept as one block (`numbered: false`): its id
    tables = blocks.tables(edition.blocks)
    linked = {}  # section id -> glossary terms already linked in it
    for block in edition.blocks:
        here = linked.setdefault(block.section, set())
        if in_list and block.group != in_list:
            out.append(_close_quote(in_list, quoted, edition))
            in_list = None
        if in_items and block.group != in_items:
            out.append("</div>\n")
            in_items = None
        if block.kind in blocks.TABLE_KINDS:
            table = tables.pop(block.group, None)
            if table:  # the whole table, at its first block
                out.append(_table(block.group, table, look, here))
        elif block.kind == "item" and not block.numbered:
            if not in_items:
                in_items = block.group
                out.append(f'<div class="item-list" id="{block.group}" markdown>\n')
            out.append(_list_item(block, look, here))
        elif block.kind == "heading":
            out.append(_heading(block))
        elif block.kind == "pubdata":
            out.append(_pubdata(block, layout_pubdata))
        elif block.kind == "item":
            if not in_list:
                in_list = block.group
                out.append(f'<blockquote class="statement" id="{block.group}" markdown>\n')
            out.append(_item(block, look, here))
        else:
            out.append(_paragraph(block, look, here))
    if in_list:
        out.append(_close_quote(in_list, quoted, edition))
    if in_items:
        out.append("</div>\n")
    out.append(_notes(edition))
    out.append(footnotes.render(edition))  # notes that survive in the source (pages/footnotes.py)
    return "\n".join(out)


def marks(block):
    """The block's spans plus a marker point after each emended or annotated reading."""
    extra = [Span(s.end, s.end, "mark", s.ref) for s in block.spans if s.kind in SIGLA]
    return block.spans + extra


def body(block, look, linked):
    """The block's Markdown; adds the glossary terms it links to ``linked`` (its section's)."""
    spans = marks(block)
    text, newly = inline.render_linking(block, spans, look, frozenset(linked))
    linked |= newly
    return _cite_button(block) + text + _source_link(block)


def _cite_button(block):
    """The paragraph's 引用 button (cite.js makes it work), in the page from the start so that
    nothing moves when the script runs; its word is CSS generated content, outside the text."""
    what = f"第 {block.n} 段" if block.numbered else "本段"
    return f'<button type="button" class="cite-ui cite-btn" aria-label="引用{what}"></button>'


def _source_link(block):
    """A link to the block's lines on the source page, last in the paragraph, at the right of its
    last line. Its visible text is CSS generated content, so that copying, quoting and searching
    the paragraph never pick it up."""
    first, last = min(block.lines), max(block.lines)
    span = f"{first}" if first == last else f"{first}–{last}"
    return (f'<a class="src-link" href="source.html#L{first}" data-lines="{span}"'
            f' aria-label="原文第 {span} 行"></a>')


# The reader's switches (reading.js): how glossary terms are linked, the source beside the text.
# In the page from the start, so that nothing moves when the script runs.
CONTROLS = """<form class="reading-controls" aria-label="閱讀設定">
<fieldset><legend>詞彙連結</legend>
<label><input type="radio" name="terms" value="first" checked> 每節首見</label>
<label><input type="radio" name="terms" value="all"> 全部</label>
<label><input type="radio" name="terms" value="none"> 無</label>
</fieldset>
<label class="reading-diplomatic"><input type="checkbox" name="diplomatic"> 逐段對照原文（原行、原讀）</label>
</form>
"""


def _look(decisions, links):
    def look(span):
        if span.kind in ("term", "mention"):
            return links(span)
        d = decisions[span.ref]
        if d.kind == "emendation":
            title = f"校改：原文作「{d.original}」" + (f"，今作「{d.reading}」" if d.reading else "，今刪") + f"。{d.reason}"
        else:
            title = f"編按：{d.reason}"
        return {"original": d.original, "title": title, "label": SIGLA[d.kind], "href": f"apparatus.html#{d.id}"}
    return look


def _close_quote(group, quoted, edition):
    """End a quotation; name the document it quotes, when the data says which."""
    item = next((i for i in edition.bibliography if i["id"] == quoted.get(group)), None)
    source = ""
    if item:
        source = (f'\n<p class="quote-source">引自：<a href="bibliography.html#{item["id"]}">'
                  f'{escape(item["custom"]["article_name"])}</a></p>\n')
    return f"{source}\n</blockquote>\n"


def _heading(block):
    hashes = "#" * (block.level or 2)
    lang = f" lang={block.lang}" if block.lang else ""
    return f"{hashes} {escape(block.text)} {{: #{block.id}{lang} }}\n"


def _pnum(block):
    # HTML, as the rest of the paragraph's marks: five thousand Markdown links with attribute
    # lists cost MkDocs far more than a tag it passes through
    return f'<a aria-label="第 {block.n} 段：點擊取得此段連結" class="pnum" href="#{block.id}">{block.n}</a>'


def _attrs(block):
    lang = f" lang={block.lang}" if block.lang else ""
    return f"{{: #{block.id} .para{lang} }}"


def _paragraph(block, look, linked):
    number = _pnum(block) if block.numbered else ""
    return f"{number}{body(block, look, linked)}\n{_attrs(block)}\n"


def _item(block, look, linked):
    return f"1. {_pnum(block)}{body(block, look, linked)}\n    {_attrs(block)}\n"


def _list_item(block, look, linked):
    """An item of a list kept as one block: its own id, no paragraph number (its label, (a) or
    1., is the source's own, in its text)."""
    return f"- {body(block, look, linked)}\n    {{: #{block.id} .para .list-item }}\n"


def _table(table_id, table, look, linked):
    """A table as HTML (md_in_html renders the cells' marks): caption, header rows, body rows.
    Each cell keeps its source line (``data-line``), so the source comes back from the cells
    in line order, whatever order the extraction gave them in (a cell of several lines: its
    first line; its lines come in a run no other cell's line is inside)."""
    caption, rows = table["caption"], table["rows"]
    lines = [n for row in rows for cell in row if cell for n in cell.lines] + (caption.lines if caption else [])
    first, last = min(lines), max(lines)
    span = f"{first}" if first == last else f"{first}–{last}"
    source = (f'<a class="src-link" href="source.html#L{first}" data-lines="{span}"'
              f' aria-label="原文第 {span} 行"></a>')
    out = [f'<figure class="edition-table" id="{table_id}" markdown>']
    labelled = ""
    if caption:
        text, newly = inline.render_linking(caption, marks(caption), look, frozenset(linked))
        linked |= newly
        out.append(f'<figcaption id="{caption.id}" data-line="{caption.lines[0]}" markdown="span">{text}{source}</figcaption>')
        labelled = f' aria-labelledby="{caption.id}"'
    out.append(f"<table{labelled} markdown>")
    heads = [row for row in rows if blocks.header_row(row)]
    for part, part_rows in (("thead", heads), ("tbody", rows[len(heads):])):
        if not part_rows:
            continue
        out.append(f"<{part} markdown>")
        for row in part_rows:
            out.append("<tr markdown>")
            for cell in row:
                if cell is None:  # a `grid`'s empty cell
                    out.append("<th></th>" if blocks.header_row(row) else "<td></td>")
                    continue
                tag, scope = ("th", ' scope="col"') if cell.cell[2] else ("td", "")
                text, newly = inline.render_linking(cell, marks(cell), look, frozenset(linked))
                linked |= newly
                at = f' data-at="{cell.cell[3]}"' if len(cell.cell) > 3 else ""  # its place in a `split` line
                more = f' data-lines="{cell.lines[0]}–{cell.lines[-1]}"' if len(cell.lines) > 1 else ""  # a `grid` cell
                out.append(f'<{tag}{scope} id="{cell.id}" data-line="{cell.lines[0]}"{more}{at} markdown>{text}</{tag}>')
            out.append("</tr>")
        out.append(f"</{part}>")
    out.append("</table>")
    if not caption:
        out.append(f'<p class="table-source">{source}</p>')
    out.append("</figure>\n")
    return "\n".join(out)


def _pubdata(block, rules):
    """The submission and acceptance line, shown as data with the Common Era dates beside it."""
    text = escape(block.text)
    match = re.search(rules["match"], block.text) if rules else None
    if match:
        for name, value in match.groupdict().items():
            iso = roc_to_ce(value) if rules.get("calendar") == "roc" else None
            if iso:
                text = text.replace(value, f'<time datetime="{iso}">{value}</time>'
                                           f'<span class="ce-date"> 〔{ce_words(iso)}〕</span>', 1)
    return f'<p class="pubdata" id="{block.id}">{text}</p>\n'


def _notes(edition):
    if not edition.notes:
        return ""
    out = ["## 原注（佚） {: #notes }\n",
           '<p class="notes-intro">來源文本的注號與注文皆已脫落。以下各注標出原注號可能所在之處；'
           "注文未存，編者能說明者附於其後。</p>\n"]
    names = {i["id"]: i["custom"]["article_name"] for i in edition.bibliography}
    for note_id, d in edition.notes.items():
        said = f" 編按：{escape(d.note)}" if d.note else ""
        refs = "、".join(f"[{escape(names[r])}](bibliography.md#{r})" for r in d.probable)
        content = f" 注文內容無從得知；所引或為{refs}：此屬推測。" if refs else ""
        # two judgements, kept apart: where the marker stood (the decision's certainty), and
        # what the lost note said (always a conjecture)
        place = CERTAINTY_LABELS[d.certainty]
        out.append(f"[^{note_id}]: 〔原注佚〕此處原有注號（位於{_PLACE[d.kind]}；此判斷：{place}），注文不存於來源文本。"
                   f"{said}{content}（[校勘記 {d.id}](apparatus.md#{d.id})）\n")
    return "\n".join(out)

