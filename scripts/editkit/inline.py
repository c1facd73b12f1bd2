"""Render one block's edited text with its spans as Markdown (inline HTML where needed).

Spans nest; links never nest (a link inside a link becomes plain hover text), and
point marks (lost notes, editorial markers) never stand inside a link.
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


def render(block, spans, look):
    """``look(span)`` gives what a span needs to render: href, title, original, label."""
    text = block.text
    wrappers = _first_link_per_term(_nest([s for s in spans if s.kind in WRAPPERS and s.end > s.start]))
    points = [s for s in spans if s.kind not in WRAPPERS or s.end == s.start]
    points = [_outside_links(p, wrappers) for p in points]
    opens, closes, at = {}, {}, {}
    for s in wrappers:
        opens.setdefault(s.start, []).append(s)
        closes.setdefault(s.end, []).append(s)
    for p in points:
        at.setdefault(p.start, []).append(p)
    out, stack = [], []
    for i in range(len(text) + 1):
        for s in reversed(stack[:]):
            if s.end == i:
                out.append(_close(s, stack))
                stack.remove(s)
        for p in sorted(at.get(i, []), key=lambda p: POINT_ORDER.get(p.kind, 9)):
            out.append(_point(p, look))
        for s in sorted(opens.get(i, []), key=lambda s: (-s.end, PRIORITY[s.kind])):
            out.append(_open(s, stack, look))
            stack.append(s)
        if i < len(text):
            out.append(escape(text[i]))
    return "".join(out)


def _nest(spans):
    """Keep spans that nest properly. Editorial spans are taken first, so a glossary or
    bibliography link that would cross an emendation is the one dropped."""
    kept = []
    for s in sorted(spans, key=lambda s: (-PRIORITY[s.kind], s.start, -s.end)):
        if all(s.end <= k.start or s.start >= k.end or (k.start <= s.start and s.end <= k.end)
               or (s.start <= k.start and k.end <= s.end) for k in kept):
            kept.append(s)
    return kept


def _first_link_per_term(wrappers):
    """A term is marked once per block: at its first occurrence that can be a link of its own
    (not inside another link), or else at its first occurrence."""
    def inside_link(s):
        return any(o is not s and o.kind in LINKS and o.start <= s.start and s.end <= o.end
                   and ((o.start, o.end) != (s.start, s.end) or PRIORITY[o.kind] < PRIORITY[s.kind])
                   for o in wrappers)
    chosen = {}
    for s in sorted(wrappers, key=lambda s: s.start):
        if s.kind == "term" and (s.ref not in chosen or (inside_link(chosen[s.ref]) and not inside_link(s))):
            chosen[s.ref] = s
    return [s for s in wrappers if s.kind != "term" or chosen[s.ref] is s]


def _outside_links(point, wrappers):
    for w in wrappers:
        if w.kind in LINKS and w.start < point.start < w.end:
            return Span(w.end, w.end, point.kind, point.ref)
    return point


def _in_link(stack):
    return any(s.kind in LINKS for s in stack)


def _open(span, stack, look):
    if span.kind in LINKS and _in_link(stack):  # no link inside a link: the outer one speaks for both
        return f'<span class="{span.kind}" data-ref="{span.ref}">'
    info = look(span)
    if span.kind in LINKS:
        title = f' title="{attr(info["title"])}"' if info.get("title") else ""
        return f'<a class="{span.kind}" href="{info["href"]}"{title}>'
    # the hover text sits on the editorial marker that follows (one tooltip, not two)
    return f'<span class="{span.kind}" data-original="{attr(info["original"])}">'


def _close(span, stack):
    if span.kind in LINKS:
        return "</span>" if _in_link([s for s in stack if s is not span]) else "</a>"
    return "</span>"


def _point(span, look):
    if span.kind in ("lost-note", "note"):  # a lost note's place; a surviving note's marker
        return f"[^{span.ref}]"
    info = look(span)
    if span.kind == "emendation":  # a deletion: nothing to show but the original on hover
        return f'<span class="emendation" data-original="{attr(info["original"])}"></span>'
    # an editorial marker after an emended or annotated reading
    return f'<a class="ed-mark" href="{info["href"]}" title="{attr(info["title"])}">{info["label"]}</a>'
