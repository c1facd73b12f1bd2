"""Paragraph numbers, and the lock that keeps published anchors meaning the same paragraph.

A paragraph's fingerprint is a hash of its source text (before emendation), so
correcting a slip never moves an anchor, but joining or splitting paragraphs does,
and that needs an explicit, recorded renumbering.
"""

import hashlib
from pathlib import Path

from .errors import EditionError


def number(blocks):
    """Give body paragraphs and quotation items p1…pN; front matter keeps its own ids."""
    n = 0
    seen = {}
    for block in blocks:
        if block.kind in ("paragraph", "item") and not block.id:
            n += 1
            block.n = n
            block.id = f"p{n}"
        elif block.kind == "paragraph" and block.id:  # front matter: abstract-zh, abstract-zh-2 …
            seen[block.id] = seen.get(block.id, 0) + 1
            if seen[block.id] > 1:
                block.id = f"{block.id}-{seen[block.id]}"


def fingerprint(block):
    return hashlib.sha256(block.source.encode("utf-8")).hexdigest()[:16]


def lock_entries(blocks):
    return [
        {"id": b.id, "fingerprint": fingerprint(b), "lines": f"{b.lines[0]}-{b.lines[-1]}", "incipit": b.source[:16]}
        for b in blocks if b.numbered
    ]


def check(blocks, lock, path):
    """Fail if a published id would now name a different paragraph (or vanish)."""
    if lock is None:
        raise EditionError(path, f"anchor lock is missing — run `{_lock_command(path)}` once to publish the "
                                 "paragraph ids, and commit it")
    published = {e["id"]: e["fingerprint"] for e in lock.get("paragraphs", [])}
    current = {e["id"]: e["fingerprint"] for e in lock_entries(blocks)}
    by_print = {f: i for i, f in current.items()}
    moved = []
    for pid, print_ in published.items():
        if current.get(pid) == print_:
            continue
        now = by_print.get(print_)
        moved.append(f"{pid} (now {now})" if now else f"{pid} (its paragraph is gone or changed)")
    if moved:
        shown = ", ".join(moved[:6]) + (" …" if len(moved) > 6 else "")
        raise EditionError(
            path,
            f"this edit would renumber published paragraphs: {shown} — undo the change, or renumber explicitly "
            "with `make lock RENUMBER=\"why\"`, which records the renumbering in the lock",
        )
    new = [pid for pid in current if pid not in published]
    if new:
        raise EditionError(path, f"paragraphs {', '.join(new[:6])} are not yet in the anchor lock — run "
                                 f"`{_lock_command(path)}` to publish them, and commit the lock")


def _lock_command(path):
    """`make lock` for the default edition, the CLI with its folder for any other."""
    folder = Path(path).parent
    return "make lock" if folder.name == "edition" else f"python scripts/edition.py lock {folder}"


def relock(blocks, lock, reason, today):
    """A new lock: new paragraphs are added; moving published ids needs a reason, which is recorded."""
    lock = dict(lock or {})
    history = list(lock.get("renumberings", []))
    old = {e["id"]: e["fingerprint"] for e in lock.get("paragraphs", [])}
    entries = lock_entries(blocks)
    changed = [e["id"] for e in entries if e["id"] in old and old[e["id"]] != e["fingerprint"]]
    gone = [pid for pid in old if pid not in {e["id"] for e in entries}]
    if changed or gone:
        if not reason:
            raise ValueError(f"published ids would change ({', '.join((changed + gone)[:6])}); give a reason")
        history.append({"date": today, "reason": reason, "ids": changed + gone})
    return {
        "comment": "Published paragraph anchors. Do not edit by hand: `make lock` adds new ones; "
                   "`make lock RENUMBER=\"why\"` records a renumbering.",
        "paragraphs": entries,
        "renumberings": history,
    }
