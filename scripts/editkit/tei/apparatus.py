"""The apparatus: one <note> per editorial decision, in reading order, pointing at the
intervention it explains (`@target`), with the decision's kind, certainty and reason."""

from .xml import CERT, el


def build_apparatus(back, edition, resp, lang):
    div = el(back, "div", type="apparatus")
    el(div, "head", "校勘記", lang=lang)
    for d in edition.decisions:
        targets = [f"#{d.id}"] + ([f"#{d.note_id}"] if d.note_id else [])
        note = el(div, "note", type=d.kind, n=d.id, target=" ".join(targets), resp=resp,
                  cert=CERT[d.certainty], lang=lang)
        note.text = d.reason
        if d.note:
            el(note, "note", d.note, type="editorial")
    return div
