"""The TEI <text>: the edited text with every source line marked, so the source can be rebuilt.

Every line of the source file has its `<lb n="…"/>`: inside a heading or paragraph where the
line's words are, between blocks for the source's empty lines. Whitespace that the model strips
(a line's leading or trailing spaces) is kept as `<space quantity="…" unit="chars"/>`. So the
source reads back from the TEI line by line: each `<lb/>` starts a line, `<sic>` gives the
source's reading of an emendation, and the editor's `<corr>` and `<note>`s are left out.

Editorial interventions carry the decision's id, `@resp` (the editorial body) and `@cert`:
`<choice xml:id="e1"><sic/><corr/></choice>` for emendations (a deletion has an empty <corr/>),
`<seg type="annotated" xml:id="a1">` for annotations, `<note type="lost">` where a note marker
was lost, and the `<lb xml:id="j1"/>` of the line break a break decision concerns. Their reasons
are in the apparatus (tei/apparatus.py).
"""

from lxml import etree

from .. import blocks
from ..blocks import TABLE_KINDS
from ..emendations import edited_index
from ..furniture import TEI_TYPES
from ..inline import WRAPPERS, _nest, _ordered, _outside_links
from .xml import CERT, el

NAME_TAGS = {"person": "persName", "organisation": "orgName", "place": "placeName"}
LOST_NOTE = "〔原注佚〕此處原有注號，注文不存於來源文本。"


def build_text(root, edition, resp):
    """Append <text> (front, body, back) to ``root``."""
    ctx = _Context(edition, resp)
    text = el(root, "text")
    containers = {"front": None, "body": None, "back": None}
    front_sections = {b.section for b in edition.blocks if b.kind == "paragraph" and not b.numbered}
    divs = []  # open body divisions: (level, element)
    current = None  # where the next block goes
    in_list = None  # (group, <list>) of the quotation being filled
    last_line = 0
    tables = blocks.tables(edition.blocks)
    for b in edition.blocks:
        part = "front" if b.section in front_sections else "back" if b.kind == "pubdata" else "body"
        if containers[part] is None:
            containers[part] = el(text, part)
            current, divs, in_list = containers[part], [], None
        if in_list and (b.kind != "item" or b.group != in_list[0]):
            in_list = None
        if b.kind == "heading":
            while divs and divs[-1][0] >= b.level:
                divs.pop()
            parent = divs[-1][1] if divs else containers[part]
            _blank_lines(current, ctx, last_line, b.lines[0])
            div = el(parent, "div", id=b.id, type="abstract" if part == "front" else None,
                     lang=b.lang or None)
            divs.append((b.level, div))
            head = el(div, "head")
            ctx.fill(head, b, inline=False)
            current = div
        elif b.kind == "pubdata":
            _blank_lines(current, ctx, last_line, b.lines[0])
            div = el(containers[part], "div", type="pubdata")
            ctx.fill(el(div, "p", id=b.id), b, inline=False)
            current = div
        elif b.kind in TABLE_KINDS:
            table = tables.pop(b.group, None)
            if table:  # the whole table, at its first block (its cells come in source-line order)
                _blank_lines(current, ctx, last_line, b.lines[0])
                last_line = _table(current, ctx, b.group, table)
            continue
        elif b.kind == "item" and not b.numbered:  # a list kept as one block: <list>, its items unnumbered
            _blank_lines(in_list[1] if in_list else current, ctx, last_line, b.lines[0])
            if not in_list:
                in_list = (b.group, el(current, "list", id=b.group))
            ctx.fill(el(in_list[1], "item", id=b.id), b)
        elif b.kind == "item":
            _blank_lines(in_list[1] if in_list else current, ctx, last_line, b.lines[0])
            if not in_list:
                quote = el(current, "quote", id=b.group)
                in_list = (b.group, el(quote, "list"))
            ctx.fill(el(in_list[1], "item", id=b.id, n=b.n or None), b)
        else:
            _blank_lines(current, ctx, last_line, b.lines[0])
            ctx.fill(el(current, "p", id=b.id, n=b.n or None), b)
        last_line = b.lines[-1]
    _blank_lines(in_list[1] if in_list else current, ctx, last_line, len(ctx.raw) + 1)
    return text


def _table(parent, ctx, table_id, table):
    """<table> with its <head> (the caption) and <row>s of <cell>s (header rows `role="label"`).
    Each cell is its source line, with its <lb/> (a `grid` cell of several lines: an <lb/> for
    each, the empty lines among them too); the empty lines and page furniture inside the table's
    run follow the cell or caption of the line before them in the source, wherever the cell
    stands in the grid. Returns the run's last line."""
    rows, caption = table["rows"], table["caption"]
    node = el(parent, "table", id=table_id, rows=len(rows), cols=len(rows[0]))
    held = []  # (first line, last line, the element that holds them)
    if caption:
        held.append((caption.lines[0], caption.lines[-1], el(node, "head")))
        ctx.fill(held[-1][2], caption)
    for row in rows:
        label = "label" if blocks.header_row(row) else None
        tr = el(node, "row", role=label)
        for cell in row:
            if cell is None:  # a `grid`'s empty cell
                el(tr, "cell", role=label)
                continue
            held.append((cell.lines[0], cell.lines[-1], el(tr, "cell", id=cell.id, role=label)))
            ctx.fill(held[-1][2], cell)
            if len(cell.cell) > 3:
                _within_line(held[-1][2], cell, ctx)
            _empty_lines_inside(held[-1][2], ctx, cell.lines)
    held.sort(key=lambda h: h[0])
    for (_, last, holder), (first, _, _) in zip(held, held[1:]):
        _blank_lines(holder, ctx, last, first)
    return max(last for _, last, _ in held)


def _empty_lines_inside(node, ctx, lines):
    """The empty lines between the lines of a cell of several lines (which fill leaves out, as
    they are neither text nor furniture): each an <lb/> before the next line's."""
    for line, after in zip(lines, lines[1:]):
        empty = [n for n in range(line + 1, after) if n not in ctx.furniture and n not in ctx.note_lines]
        if empty:
            [next_lb] = node.xpath(".//*[local-name()='lb'][@n=$n]", n=str(after))
            for n in empty:
                next_lb.addprevious(etree.Element(next_lb.tag, n=str(n)))
                if ctx.raw[n - 1]:  # an empty line's spaces: a <space/>, as fill gives them
                    spaces = etree.SubElement(node, "scratch")
                    ctx.space(spaces, ctx.raw[n - 1])
                    next_lb.addprevious(spaces[0])
                    node.remove(spaces)


def _within_line(node, cell, ctx):
    """A cell of a `split` row shares its source line with the row's other cells: only the first
    opens the line (its <lb/> and leading spaces), only the last keeps the line's trailing
    spaces, and the separator after a cell is a <space/> in it."""
    _, _, _, start, gap = cell.cell
    raw = ctx.raw[cell.lines[0] - 1]
    if start > 0:  # fill opened it with the line's <lb/> and, for an indented line, its <space/>
        opening = node[:2] if raw[:1].isspace() and not node[0].tail else node[:1]
        node.text = opening[-1].tail
        for child in opening:
            node.remove(child)
    if gap:
        if raw[-1:].isspace() and len(node) and etree.QName(node[-1]).localname == "space" and not node[-1].tail:
            node.remove(node[-1])  # the line's trailing spaces: they follow its last cell
        ctx.space(node, gap)


def _same_term_once(wrappers):
    """A term inside another mark of the same term (全方位 in 全方位外交) is marked once, by the outer."""
    terms = {}  # ref -> its marks: a mark is compared only with those of its own term
    for o in wrappers:
        if o.kind == "term":
            terms.setdefault(o.ref, []).append(o)
    return [s for s in wrappers if not (s.kind == "term" and any(
        o is not s and o.start <= s.start and s.end <= o.end
        and (o.end - o.start) > (s.end - s.start) for o in terms[s.ref]))]


def _blank_lines(parent, ctx, after, before):
    """The source's empty lines between two blocks, each an <lb/> (with its spaces, if any);
    page furniture as <fw> (a page number followed by <pb/>); note texts are in their <note>."""
    for n in range(after + 1, before):
        if n in ctx.furniture or n in ctx.note_lines:
            ctx.set_aside(parent, n)
            continue
        el(parent, "lb", n=n)
        ctx.space(parent, ctx.raw[n - 1])


class _Context:
    def __init__(self, edition, resp):
        self.raw = edition.source_text.split("\n")
        self.decisions = {d.id: d for d in edition.decisions}
        self.breaks = {d.lines[1]: d for d in edition.decisions if d.kind in ("join", "join-note", "break", "break-note")}
        self.kinds = {t.id: t.kind for t in edition.glossary}
        self.names = {i["id"]: i["custom"]["article_name"] for i in edition.bibliography}
        self.resp = resp
        self.furniture = {line.number: line for line in edition.furniture}
        self.footnotes = {n.id: n for n in edition.footnotes.values()}
        self.note_lines = {n for note in edition.footnotes.values() for n in note.lines}
        self.lost = {}  # note id -> the break decision that placed the lost note
        for d in edition.decisions:
            if d.note_id:
                self.lost.setdefault(d.note_id, d)

    def set_aside(self, parent, n):
        """A line that is not text: page furniture as <fw> (a page number ends its page: <pb/>)."""
        line = self.furniture.get(n)
        if line is None:
            return  # a note's line: its words are in the <note>
        el(parent, "fw", line.text, type=TEI_TYPES[line.group])
        if line.group == "page-number":
            el(parent, "pb")

    def furniture_between(self, parent, after, before):
        for n in range(after + 1, before):
            if n in self.furniture:
                self.set_aside(parent, n)

    # --- whitespace and line breaks

    def space(self, parent, chars):
        """Whitespace of the source as <space/>: ASCII spaces plainly, other characters named."""
        if not chars.strip() and chars:
            kind = None if set(chars) == {" "} else "U+%04X" % ord(chars[0])
            el(parent, "space", quantity=len(chars), unit="chars", type=kind)

    def lb(self, parent, line_no):
        raw = self.raw[line_no - 1]
        d = self.breaks.get(line_no)
        el(parent, "lb", n=line_no, id=d.id if d else None)
        self.space(parent, raw[: len(raw) - len(raw.lstrip())])

    def trail(self, parent, line_no):
        raw = self.raw[line_no - 1]
        self.space(parent, raw[len(raw.rstrip()):])

    # --- one block

    def fill(self, node, block, inline=True):
        """The block's words with their marks, a <lb/> where each of its source lines begins."""
        builder = _Builder(node)
        joins = list(zip(block.joins, block.lines[1:]))  # join k starts source line lines[k + 1]
        changes = [self.decisions[s.ref] for s in block.spans if s.kind == "emendation"]
        inside = {j: d for j, _ in joins for d in changes if d.start < j < d.end}  # go inside the <sic>
        spans = block.spans if inline else [s for s in block.spans if s.kind not in ("term", "mention")]
        wrappers = _same_term_once(_nest([s for s in spans if s.kind in WRAPPERS and s.end > s.start]))
        points = self._points(block, spans, wrappers, joins, inside)
        self.lb(builder.top, block.lines[0])
        opens = {}
        for s in wrappers:
            opens.setdefault(s.start, []).append(s)
        ends = {s.end for s in wrappers}
        stack, done, text = [], 0, block.text
        # only where a mark opens, closes or stands does anything happen; the text between goes as one run
        for i in sorted(k for k in {*opens, *ends, *points, len(text)} if 0 <= k <= len(text)):
            if i > done:
                builder.text(text[done:i])
                done = i
            while stack and stack[-1].end == i:  # spans nest: those that end here are the innermost open
                if stack.pop().kind == "emendation":
                    builder.close()  # </corr> and, below, </choice>
                builder.close()
            for kind, ref in points.get(i, []):
                if kind == "lb":
                    self.trail(builder.top, self._previous(block.lines, ref))
                    self.furniture_between(builder.top, self._previous(block.lines, ref), ref)
                    self.lb(builder.top, ref)
                elif kind == "note":  # a note that survives, where its marker stood
                    note = self.footnotes[ref]
                    el(builder.top, "note", note.text, place="foot", n=note.number, id=note.id)
                elif kind == "lost":
                    self._lost_note(builder.top, ref)
                else:  # a deletion: the source's words and an empty <corr/>
                    d = self.decisions[ref]
                    el(self._choice(builder.top, d, block, inside), "corr", resp=self.resp, cert=CERT[d.certainty])
            for s in _ordered(opens.get(i, ()), lambda s: -s.end):
                self._open(builder, s, block, inside)
                stack.append(s)
        self.trail(builder.top, block.lines[-1])

    def _points(self, block, spans, wrappers, joins, inside):
        """{edited position: [(kind, ref)]} for line breaks, lost notes and deletions, in source
        order: at one position a lost note (end of a line) comes before the next line's <lb/>."""
        events = []  # (edited position, source position, rank, (kind, ref))
        for j, line_no in joins:
            if j not in inside:
                events.append((edited_index(block, j), j, 1, ("lb", line_no)))
        for p in spans:
            if p.kind in WRAPPERS and p.end > p.start:
                continue
            if p.kind == "note":
                events.append((p.start, self.footnotes[p.ref].at, 0, ("note", p.ref)))
            elif p.kind == "lost-note":
                p = _outside_links(p, wrappers)
                d = self.lost[p.ref]
                events.append((p.start, d.point, 0, ("lost", p.ref)))
            else:
                events.append((p.start, self.decisions[p.ref].start, 2, ("deletion", p.ref)))
        points = {}
        for e in sorted(events, key=lambda e: e[:3]):
            points.setdefault(e[0], []).append(e[3])
        return points

    @staticmethod
    def _previous(lines, line_no):
        return lines[lines.index(line_no) - 1]

    def _open(self, builder, span, block, inside):
        if span.kind == "term":
            tag = NAME_TAGS.get(self.kinds[span.ref], "term")
            builder.open(tag, ref=f"#{span.ref}")
        elif span.kind == "mention":
            builder.open("ref", type="bibl", target=f"#{span.ref}")
        elif span.kind == "emendation":
            d = self.decisions[span.ref]
            builder.push(self._choice(builder.top, d, block, inside))
            builder.open("corr", resp=self.resp, cert=CERT[d.certainty])
        else:  # annotation: the words annotated; the note is in the apparatus
            d = self.decisions[span.ref]
            builder.open("seg", type="annotated", id=d.id, resp=self.resp, cert=CERT[d.certainty])

    def _choice(self, parent, d, block, inside):
        """<choice xml:id><sic>the source's words, with any line break inside them</sic>…"""
        choice = el(parent, "choice", id=d.id)
        sic = _Builder(el(choice, "sic"))
        pos = d.start
        for j, line_no in zip(block.joins, block.lines[1:]):
            if inside.get(j) is d:
                sic.text(block.source[pos:j])
                self.trail(sic.top, self._previous(block.lines, line_no))
                self.lb(sic.top, line_no)
                pos = j
        sic.text(block.source[pos:d.end])
        return choice

    def _lost_note(self, parent, note_id):
        d = self.lost[note_id]
        note = el(parent, "note", type="lost", id=note_id, n=note_id[1:], resp=self.resp,
                  cert=CERT[d.certainty], corresp=f"#{d.id}")
        note.text = LOST_NOTE + (f" 編按：{d.note}" if d.note else "")
        for ref in d.probable:
            r = el(note, "ref", self.names[ref], type="bibl", target=f"#{ref}", cert="low")
            r.tail = "（推測所引）"


class _Builder:
    """Appends text and elements in document order under a moving insertion point."""

    def __init__(self, node):
        self.stack = [node]

    @property
    def top(self):
        return self.stack[-1]

    def text(self, s):
        node = self.top
        if len(node):
            last = node[-1]
            last.tail = (last.tail or "") + s
        else:
            node.text = (node.text or "") + s

    def open(self, tag, **attrs):
        self.stack.append(el(self.top, tag, **attrs))

    def push(self, node):
        self.stack.append(node)

    def close(self):
        self.stack.pop()
