"""Decide each break between adjacent lines: join them, keep them apart, place a lost note.

A decision names its break by context, ``end of one line|start of the next``,
so it survives edits elsewhere; every candidate break must be decided.
"""

from .blocks import TABLE_ROLES, continue_item, table_blocks
from .errors import EditionError, raise_all
from .model import Block, Decision
from .structure import Layout

KINDS = {  # as schemas/breaks.schema.json allows them
    "join": "join the lines into one paragraph",
    "join-note": "join the lines; a lost note marker stood at the join",
    "break-note": "keep the paragraph break; a lost note marker stood at the end of the first paragraph",
    "break": "keep the paragraph break",
}


def body_pairs(lines):
    """Adjacent body lines with no blank line between them."""
    return [(a, b) for a, b in zip(lines, lines[1:]) if a.role == b.role == "body"]


SET_ASIDE = ("blank", "furniture", "note")  # not part of the running text, under a wrap policy


def text_pairs(lines):
    """Consecutive body lines of running text, across empty lines, page furniture and note texts."""
    seq = [line for line in lines if line.role not in SET_ASIDE]
    return [(a, b) for a, b in zip(seq, seq[1:]) if a.role == b.role == "body"]


def pairs_of(lines, layout):
    return text_pairs(lines) if layout.wrap else body_pairs(lines)


def match_decisions(lines, layout, entries, path):
    """Map each adjacent body pair to its recorded decision; every problem is reported at once."""
    decided, problems = decisions_and_problems(lines, layout, entries, path)
    raise_all(problems)
    return decided


def decisions_and_problems(lines, layout, entries, path):
    """The decisions that fit, and every problem: contexts not found or not unique, breaks decided
    twice, entries still undecided (`decision: null`, as `init` drafts them), and candidate breaks
    with no entry at all."""
    pairs = pairs_of(lines, layout)
    find = _PairIndex(pairs).find
    decided, problems, listed = {}, [], set()
    for entry in entries:  # records.BreakChoice
        at, end, start = entry.at, entry.end, entry.start
        found = find(end, start)
        if not found:
            problems.append(EditionError(path, f"context `{at}` not found: no line ends with {end!r} before a line "
                                               f"beginning {start!r} — correct it or remove the decision", entry.line))
            continue
        if len(found) > 1:
            where = ", ".join(f"{a.number}–{b.number}" for a, b in found)
            problems.append(EditionError(path, f"context `{at}` found {len(found)} times (lines {where}) — "
                                               "lengthen it until it is unique", entry.line))
            continue
        a, b = found[0]
        if a.number in listed:
            problems.append(EditionError(path, f"break after source line {a.number} is decided twice — "
                                               "keep one decision", entry.line))
            continue
        listed.add(a.number)
        if entry.decision is None:
            rule = entry.rule or layout.is_candidate(a, b) or "listed"
            problems.append(EditionError(path, f"undecided break between source lines {a.number} and {b.number} "
                                               f"({rule}) — set `decision` ({', '.join(KINDS)}), `certainty` "
                                               "and `reason`", entry.line))
            continue
        decided[a.number] = entry
    unmatched = len(listed) < len(entries)  # an entry that names no break leaves its break unlisted: one problem
    for a, b in pairs:
        reason = layout.is_candidate(a, b)
        if reason and a.number not in listed and not unmatched:
            problems.append(EditionError(
                path,
                f"undecided break between source lines {a.number} and {b.number} ({reason}) — add a decision "
                f"`at: \"{a.text[-6:]}|{b.text[:6]}\"` with `decision` ({', '.join(KINDS)}), `certainty` and `reason`",
            ))
    return decided, problems


class _PairIndex:
    """The pairs of lines by how the second begins (or, for an empty start, how the first ends),
    one table per length asked for: a context is looked up, not compared with every break."""

    def __init__(self, pairs):
        self.pairs = [(a, b, a.text, b.text) for a, b in pairs]
        self.tables = {}

    def find(self, end, start):
        """The pairs, in source order, whose first line ends with ``end`` and next begins with ``start``."""
        side, key = (3, start) if start else (2, end)
        table = self.tables.get((side, len(key)))
        if table is None:
            table = self.tables[(side, len(key))] = {}
            n = len(key)
            for pair in self.pairs:
                text = pair[side]
                if len(text) >= n:
                    table.setdefault(text[:n] if side == 3 else text[len(text) - n:], []).append(pair)
        return [(a, b) for a, b, a_text, b_text in table.get(key, ())
                if a_text.endswith(end) and b_text.startswith(start)]


def assemble(lines, decided, layout=None):
    if layout is not None and layout.wrap:
        return assemble_wrapped(lines, decided, layout)
    return assemble_decided(lines, decided)


def assemble_wrapped(lines, decided, layout):
    """Blocks of a hard-wrapped source: lines join unless a rule or a decision breaks them.

    Empty lines, page furniture and note texts are set aside (they neither join nor break);
    a heading, front matter or publication line always stands alone. Only decisions recorded
    in breaks.yml become entries of the apparatus; the default joins are the policy's.
    """
    blocks, decisions = [], []
    current, previous = None, None
    section, front = "", None
    for line in lines:
        if line.role in SET_ASIDE:
            continue
        if line.role in TABLE_ROLES:  # a table's caption and cells: blocks of their own
            current = previous = None
            blocks.extend(table_blocks(line, section))
            continue
        if line.role in ("heading", "front", "pubdata"):
            current = previous = None
            if line.role == "pubdata":
                blocks.append(Block("pubdata", [line.number], line.text, section=section, id="pubdata"))
                continue
            section = line.id
            front = line if line.role == "front" else None
            blocks.append(Block("heading", [line.number], line.text, section=section, id=line.id,
                                level=line.level or 2, lang=line.lang))
            continue
        entry = decided.get(previous.number) if current is not None else None
        joined = entry.joins if entry else (
            current is not None and line.role == "body" and layout.joins(previous, line))
        if joined:
            if layout.latin_join(previous, line):
                current.source += " "  # a word space the wrap took away
            current.joins.append(len(current.source))
            current.lines.append(line.number)
            current.source += line.text
            if entry:
                decisions.append(_decision(entry, current, previous, line, point=current.joins[-1]))
        else:
            if entry:
                decisions.append(_decision(entry, current, previous, line, point=len(current.source)))
            kind = "item" if line.role == "item" else "paragraph"
            current = Block(kind, [line.number], line.text, section=section, group=line.group,
                            lang=front.lang if front else "")
            if front:
                current.id = front.group
            blocks.append(current)
        previous = line
    return blocks, decisions


def assemble_decided(lines, decided):
    """Group source lines into blocks, joining lines where a decision says so.

    Returns the blocks and the break decisions (with the lost notes they place,
    numbered in reading order).
    """
    blocks, decisions = [], []
    current = None
    section, front = "", None
    for i, line in enumerate(lines):
        if line.role == "blank":
            current = None
            continue
        if line.role in TABLE_ROLES:  # a table's caption and cells: blocks of their own
            current = None
            blocks.extend(table_blocks(line, section))
            continue
        if line.role == "continued" and current is not None:  # a list item's next line (`wraps: true`)
            continue_item(current, line, Layout.latin_join(lines[i - 1], line))
            continue
        if line.role in ("heading", "front"):
            current = None
            section = line.id
            front = line if line.role == "front" else None
            blocks.append(Block("heading", [line.number], line.text, section=section, id=line.id,
                                level=line.level or 2, lang=line.lang))
            continue
        if line.role == "pubdata":
            current = None
            blocks.append(Block("pubdata", [line.number], line.text, section=section, id="pubdata"))
            continue
        previous = lines[i - 1] if i else None
        entry = decided.get(previous.number) if previous is not None and current is not None else None
        if entry and entry.joins:
            current.joins.append(len(current.source))
            current.lines.append(line.number)
            current.source += line.text
            decisions.append(_decision(entry, current, previous, line, point=current.joins[-1]))
            continue
        if entry:  # break or break-note: the first paragraph ends here
            decisions.append(_decision(entry, current, previous, line, point=len(current.source)))
        kind = "item" if line.role == "item" else "paragraph"
        current = Block(kind, [line.number], line.text, section=section, group=line.group,
                        lang=front.lang if front else "")
        if front:
            current.id = front.group  # abstract-zh …: front matter is not numbered
        blocks.append(current)
    return blocks, decisions


def _decision(entry, block, first, second, point):
    decision = Decision(
        id="", kind=entry.decision, certainty=entry.certainty, reason=entry.reason,
        lines=(first.number, second.number), note=entry.note,
        original=f"{first.text[-12:]}⏎{second.text[:12]}",
    )
    decision.block = block
    decision.point = point  # where the lost note marker stood, in block.source
    return decision
