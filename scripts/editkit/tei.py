"""The edited text as TEI P5: paragraphs with xml:id and n, <choice> for emendations,
<note> for lost notes and editorial annotations, names and terms pointing to the glossary."""

from xml.sax.saxutils import escape

from .inline import WRAPPERS, _nest, _outside_links

NAME_TAGS = {"person": "persName", "organisation": "orgName", "place": "placeName"}
CERT = {"certain": "high", "conjectural": "low"}


def document(edition):
    meta, original = edition.meta["edition"], edition.meta["original"]
    decisions = {d.id: d for d in edition.decisions}
    kinds = {t.id: t.kind for t in edition.glossary}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{meta["language"]}">',
           "<teiHeader><fileDesc>",
           f'<titleStmt><title type="supplied">{escape(meta["title"])}</title>'
           f'<title xml:lang="en" type="supplied">{escape(meta["title_en"])}</title>'
           f"<author>{escape(meta['author_zh'])}</author></titleStmt>",
           f'<editionStmt><edition n="{meta["version"]}"><date when="{meta["date"]}"/></edition></editionStmt>',
           f"<publicationStmt><p>{escape(meta['editor']['name'])}</p></publicationStmt>",
           "<sourceDesc><bibl>"
           f'<title type="supplied">{escape(meta["title"])}</title><author>{escape(meta["author_zh"])}</author>'
           f'<note type="submitted"><date when="{original["submitted"]}"/></note>'
           f'<note type="accepted"><date when="{original["accepted"]}"/></note>'
           f'<idno type="sha256">{edition.meta["source"]["sha256"]}</idno>'
           f"<ref>{escape(edition.source_name)}</ref></bibl></sourceDesc>",
           "</fileDesc></teiHeader>", "<text>"]
    front = [b for b in edition.blocks if b.kind == "paragraph" and not b.numbered]
    out.append("<front>")
    for b in front:
        lang = f' xml:lang="{b.lang}"' if b.lang else ""
        out.append(f'<div type="abstract"{lang}><p xml:id="{b.id}">{_inline(b, decisions, kinds)}</p></div>')
    out.append("</front><body>")
    open_divs, in_list = [], None
    for b in edition.blocks:
        if b in front or b.kind == "pubdata" or (b.kind == "heading" and b.section in {f.section for f in front}):
            continue
        if in_list and b.group != in_list:
            out.append("</list></quote>")
            in_list = None
        if b.kind == "heading":
            while open_divs and open_divs[-1] >= b.level:
                out.append("</div>")
                open_divs.pop()
            out.append(f'<div xml:id="{b.id}"><head>{escape(b.text)}</head>')
            open_divs.append(b.level)
        elif b.kind == "item":
            if not in_list:
                in_list = b.group
                out.append(f'<quote xml:id="{b.group}"><list>')
            out.append(f'<item xml:id="{b.id}" n="{b.n}">{_inline(b, decisions, kinds)}</item>')
        else:
            out.append(f'<p xml:id="{b.id}" n="{b.n}">{_inline(b, decisions, kinds)}</p>')
    if in_list:
        out.append("</list></quote>")
    out.extend("</div>" for _ in open_divs)
    out.append("</body></text></TEI>")
    return "\n".join(out) + "\n"


def _inline(block, decisions, kinds):
    text = block.text
    wrappers = _nest([s for s in block.spans if s.kind in WRAPPERS and s.end > s.start])
    points = [_outside_links(p, wrappers) for p in block.spans if p.kind not in WRAPPERS or p.end == p.start]
    out, stack = [], []
    for i in range(len(text) + 1):
        for s in reversed(stack[:]):
            if s.end == i:
                out.append(_close(s, decisions, kinds))
                stack.remove(s)
        for p in (p for p in points if p.start == i):
            out.append(_point(p, decisions))
        for s in sorted((s for s in wrappers if s.start == i), key=lambda s: -s.end):
            out.append(_open(s, decisions, kinds))
            stack.append(s)
        if i < len(text):
            out.append(escape(text[i]))
    return "".join(out)


def _open(span, decisions, kinds):
    if span.kind == "term":
        tag = NAME_TAGS.get(kinds[span.ref], "term")
        return f'<{tag} ref="glossary.html#{span.ref}">'
    if span.kind == "mention":
        return f'<ref type="bibl" target="bibliography.html#{span.ref}">'
    if span.kind == "emendation":
        d = decisions[span.ref]
        return f'<choice><sic>{escape(d.original)}</sic><corr cert="{CERT[d.certainty]}" xml:id="{d.id}">'
    return "<seg>"  # annotation: the words, then the note


def _close(span, decisions, kinds):
    if span.kind == "term":
        return f"</{NAME_TAGS.get(kinds[span.ref], 'term')}>"
    if span.kind == "mention":
        return "</ref>"
    d = decisions[span.ref]
    if span.kind == "emendation":
        return "</corr></choice>"
    return (f'</seg><note type="editorial" resp="#editor" cert="{CERT[d.certainty]}" xml:id="{d.id}">'
            f"{escape(d.reason)}</note>")


def _point(span, decisions):
    if span.kind == "lost-note":
        d = next(d for d in decisions.values() if d.note_id == span.ref)
        said = f" {escape(d.note)}" if d.note else ""
        return (f'<note type="lost" xml:id="{span.ref}" n="{span.ref[1:]}" cert="{CERT[d.certainty]}" '
                f'resp="#editor">原注佚：注文不存於來源文本。{said}</note>')
    d = decisions[span.ref]  # a deletion
    return f'<choice><sic>{escape(d.original)}</sic><corr cert="{CERT[d.certainty]}"/></choice>'
