"""Render one block's edited text with its spans as Markdown (inline HTML where needed).

Spans nest; links never nest (a link inside a link becomes a plain span), and
point marks (lost notes, editorial markers) never stand inside a link.

Glossary terms: every occurrence is marked, but only the first in a section is a link
(``data-term``); the others lie between two comments, ``<!--t id-->`` and ``<!--/t-->``
(``<!--ti id-->`` inside another link), that reading.js turns into spans when the
reader's switch asks for all links ("all") or none ("none"). Glosses are not
repeated in the page: reading.js loads them once, on the first hover, focus or touch.
"""

import html

from .model import Span

LINKS = ("term", "mention")
WRAPPERS = ("emendation", "annotation", "term", "mention")
# Inner before outer at the same start: order of opening when spans share a start.
PRIORITY = {"mention": 0, "term": 1, "annotation": 2, "emendation": 3}
# At one position: a deletion, then its editorial marker, then a lost note.
POINT_ORDER = {"emendation": 0, "mark": 1, "lost-note": 2, "note": 2}
MD_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]#|{}"}})


def escape(text):
    """Text safe in Markdown and HTML: entities for &, <, >; a backslash before Markdown syntax."""
    return text.translate(MD_SPECIAL)


def attr(text):
    return html.escape(text, quote=True)


def render(block, spans, look, linked=frozenset()):
    """``look(span)`` gives what a span needs to render: href, title, original, label.
    ``linked``: glossary terms already linked earlier in the section (marked here, not linked)."""
    return render_linking(block, spans, look, linked)[0]


def terms_linked(block, spans, linked=frozenset()):
    """The glossary terms this block links (their first occurrence in the section, linkable)."""
    return _linked(_wrappers(spans, linked))


def render_linking(block, spans, look, linked=frozenset()):
    """``render`` and ``terms_linked`` together, the spans sorted out once: (Markdown, terms linked)."""
    wrappers = _wrappers(spans, linked)
    return _render(block, spans, _fewer_inside_links(wrappers), look), _linked(wrappers)


def _wrappers(spans, linked):
    """The spans that wrap words, properly nested, each term linked once per section."""
    return _first_link_per_term(_nest([s for s in spans if s.kind in WRAPPERS and s.end > s.start]), linked)


def _linked(wrappers):
    links = [s for s in wrappers if s.kind in LINKS and not s.ref.startswith(MORE)]
    # a first occurrence that could only be marked inside another link is not linked yet
    return {s.ref for s in links if s.kind == "term" and not _inside(s, links)}


def _render(block, spans, wrappers, look):
    text = block.text
    points = [s for s in spans if s.kind not in WRAPPERS or s.end == s.start]
    points = [_outside_links(p, wrappers) for p in points]
    opens, closes, at = {}, {}, {}
    for s in wrappers:
        opens.setdefault(s.start, []).append(s)
        closes.setdefault(s.end, []).append(s)
    for p in points:
        at.setdefault(p.start, []).append(p)
    out, stack, done = [], [], 0
    links = 0  # open spans that make a link of their own, or would: a span inside one is no link
    # only where a mark opens, closes or stands does anything happen; the text between goes as one run
    for i in sorted(k for k in {*opens, *closes, *at, len(text)} if 0 <= k <= len(text)):
        out.append(escape(text[done:i]))
        done = i
        while stack and stack[-1].end == i:  # spans nest: those that end here are the innermost open
            s = stack.pop()
            links -= _linking(s)
            out.append(_close(s, links > 0))
        for p in _ordered(at.get(i, ()), lambda p: POINT_ORDER.get(p.kind, 9)):
            out.append(_point(p, look))
        for s in _ordered(opens.get(i, ()), lambda s: (-s.end, PRIORITY[s.kind])):
            out.append(_open(s, links > 0, look))
            stack.append(s)
            links += _linking(s)
    return "".join(out)


def _ordered(items, key):
    """``sorted(items, key=key)``, without the call where there is nothing to order (most places)."""
    return sorted(items, key=key) if len(items) > 1 else items


def _nest(spans):
    """Keep spans that nest properly. Editorial spans are taken first, so a glossary or
    bibliography link that would cross an emendation is the one dropped."""
    kept = []
    for s in sorted(spans, key=lambda s: (-PRIORITY[s.kind], s.start, -s.end)):
        start, end = s.start, s.end
        for k in kept:  # apart from, inside or around each kept span
            if not (end <= k.start or start >= k.end or (k.start <= start and end <= k.end)
                    or (start <= k.start and k.end <= end)):
                break
        else:
            kept.append(s)
    return kept


MORE = "~"  # prefix of a term span's ref at an occurrence that is marked but not linked


def _inside(span, links):
    """Whether ``span`` lies within another of ``links`` (the outer one at equal extent)."""
    start, end = span.start, span.end
    for o in links:
        if (o is not span and o.start <= start and end <= o.end and o.kind in LINKS
                and ((o.start, o.end) != (start, end) or PRIORITY[o.kind] < PRIORITY[span.kind])):
            return True
    return False


def _first_link_per_term(wrappers, linked=frozenset()):
    """A term is linked once per section: at its first occurrence that can be a link of its own
    (not inside another link), or else at its first occurrence. Its other occurrences, and all
    of those of a term in ``linked``, come back with their ref prefixed by MORE (marked, not linked)."""
    chosen = {}
    for s in sorted(wrappers, key=lambda s: s.start):
        if s.kind == "term" and s.ref not in linked and (
                s.ref not in chosen or (_inside(chosen[s.ref], wrappers) and not _inside(s, wrappers))):
            chosen[s.ref] = s
    return [s if s.kind != "term" or chosen.get(s.ref) is s else Span(s.start, s.end, "term", MORE + s.ref)
            for s in wrappers]


def _fewer_inside_links(wrappers):
    """Inside another link (a document's title) a term is marked only if it has not occurred
    earlier in the block: the link speaks for it, and a mark there serves no switch."""
    links = [w for w in wrappers if w.kind in LINKS and not w.ref.startswith(MORE)]
    seen, kept = set(), []
    for s in sorted(wrappers, key=lambda s: (s.start, -s.end)):
        if s.kind == "term":
            ref = s.ref.removeprefix(MORE)
            if ref in seen and _inside(s, links):
                continue
            seen.add(ref)
        kept.append(s)
    return kept


def _outside_links(point, wrappers):
    for w in wrappers:
        if w.kind in LINKS and w.start < point.start < w.end:
            return Span(w.end, w.end, point.kind, point.ref)
    return point


def _linking(span):
    """A mention or a term's first occurrence: a link, unless inside another."""
    return span.kind in LINKS and not span.ref.startswith(MORE)


def _is_link(span, in_link):
    """A span that renders as a link: a mention or a term's first occurrence, never inside a link
    (``in_link``: the spans open around it hold one)."""
    return _linking(span) and not in_link


def _open(span, in_link, look):
    if span.kind == "term":
        ref = span.ref.removeprefix(MORE)
        if not _is_link(span, in_link):  # marked for the reader's switch; the outer link speaks for it
            # a comment, not an element: no node to style or lay out before the first paint;
            # reading.js makes the span when the reader asks for "all" or "none"
            inner = "i" if in_link else ""
            return f"<!--t{inner} {ref}-->"
        return f'<a class="term" href="{look(span)["href"]}" data-term="{ref}">'
    if span.kind in LINKS and in_link:  # no link inside a link: the outer one speaks for both
        return f'<span class="{span.kind}" data-ref="{span.ref}">'
    info = look(span)
    if span.kind in LINKS:
        title = f' title="{attr(info["title"])}"' if info.get("title") else ""
        return f'<a class="{span.kind}" href="{info["href"]}"{title}>'
    # an emended or annotated reading: focusable, reading.js shows the source's reading and the
    # reason (from the marker that follows) on hover, focus and touch
    # (inside a link it takes no focus of its own: the marker after the link, which says the same, does)
    focus = "" if in_link else ' tabindex="0"'
    return f'<span class="{span.kind}" data-original="{attr(info["original"])}" data-ed="{span.ref}"{focus}>'


def _close(span, in_link):
    if span.kind == "term" and not _is_link(span, in_link):
        return "<!--/t-->"
    if span.kind in LINKS:
        return "</a>" if _is_link(span, in_link) else "</span>"
    return "</span>"


def _point(span, look):
    if span.kind in ("lost-note", "note"):  # a lost note's place; a surviving note's marker
        return f"[^{span.ref}]"
    info = look(span)
    if span.kind == "emendation":  # a deletion: a visible, focusable mark (the deleted text, struck, in CSS)
        return (f'<span class="emendation deletion" data-original="{attr(info["original"])}" data-ed="{span.ref}"'
                f' tabindex="0" role="img" aria-label="刪去「{attr(info["original"])}」"></span>')
    # an editorial marker after an emended or annotated reading; reading.js turns its title into a popover
    return f'<a class="ed-mark" href="{info["href"]}" title="{attr(info["title"])}">{info["label"]}</a>'
