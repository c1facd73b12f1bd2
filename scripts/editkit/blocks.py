r"""Tables and lists kept as blocks: runs of source lines that are not numbered as paragraphs.

structure.yml says where each is (schemas/structure.schema.json):

* ``tables``: a run of lines from ``from`` to ``to`` (patterns) or ``lines: [a, b]``. In
  pdftotext's default mode each cell comes out on a line of its own: ``columns: N`` and
  ``order`` (``rows`` or ``columns``) say how the cells fill the grid. The first ``header``
  rows are header rows; with ``caption: true`` the run's first line is the table's caption.
  Empty lines, page furniture and note lines inside the run are not cells. Every cell is its
  source line, whole: nothing is cut, so the source comes back from the cells line by line.
  In ``pdftotext -layout`` output a row is one line: ``split`` (a pattern, e.g. ``\s{2,}``)
  cuts it into its cells; each cell keeps its place in the line (``at``) and the separator
  after it (``gap``), so the line comes back from its cells too.
* ``lists`` with ``numbered: false``: the list is one block with its own id; its items are
  addressed as ``<list id>-1``, ``-2`` … and take no paragraph number. With ``wraps: true``
  (a source without a ``wrap`` policy) a line that follows an item with no empty line
  between continues that item; under a ``wrap`` policy the policy joins an item's lines as it
  joins a paragraph's.

Pure functions over the classified lines (structure.Line); the problems are returned, all of them.
"""

import re
from dataclasses import replace

from .data import LINE
from .errors import EditionError
from .model import Block

NOT_CELLS = ("blank", "furniture", "note")  # lines inside a table's run that are not its cells
TABLE_ROLES = ("caption", "cell", "row")  # row: a line of cells (`split`)
TABLE_KINDS = ("caption", "cell")  # the blocks they make


def table_ids(specs):
    """Each table's id: the one structure.yml gives, else table-1, table-2 … by its place there."""
    return [spec.get("id") or f"table-{i}" for i, spec in enumerate(specs, start=1)]


def read_tables(lines, specs, path):
    """``lines`` with each table's caption and cells marked (role ``caption``/``cell``), and
    every problem: a pattern that matches nothing (or, for ``from``, more than one line), a
    run whose cells do not fill its columns, a run that overlaps another table or a list."""
    problems, claimed = [], {}  # line number -> id of the table that holds it
    out = list(lines)
    for table_id, spec in zip(table_ids(specs), specs):
        where = spec.get(LINE)
        found = _run(lines, spec)
        if isinstance(found, str):
            problems.append(EditionError(path, f"table {table_id}: {found}", where))
            continue
        first, last = found
        taken = sorted({claimed[n] for n in range(first, last + 1) if n in claimed})
        items = [line.number for line in lines[first - 1:last] if line.role == "item"]
        if taken or items:
            other = f"table {', '.join(taken)}" if taken else f"list {lines[items[0] - 1].group} (line {items[0]})"
            problems.append(EditionError(path, f"table {table_id} (source lines {first}–{last}) overlaps {other} — "
                                               "narrow `from`/`to` or `lines` so that each line is in one block", where))
            continue
        content = [line for line in lines[first - 1:last] if line.role not in NOT_CELLS]
        caption = content[:1] if spec.get("caption") else []
        cells = content[len(caption):]
        if spec.get("split"):
            found = _rows(cells, spec)
            if isinstance(found, str):
                problems.append(EditionError(path, f"table {table_id} (source lines {first}–{last}): {found}", where))
                continue
            for line, row in zip(cells, found):
                out[line.number - 1] = replace(line, role="row", group=table_id, level=0, id="", lang="", cell=row)
            cells = []
            grid = []
        else:
            grid = _grid(len(cells), spec)
        if isinstance(grid, str):
            problems.append(EditionError(path, f"table {table_id} (source lines {first}–{last}): {grid}", where))
            continue
        for n in range(first, last + 1):
            claimed[n] = table_id
        for line in caption:
            out[line.number - 1] = replace(line, role="caption", group=table_id, level=0, id="", lang="")
        for line, (row, col, header) in zip(cells, grid):
            out[line.number - 1] = replace(line, role="cell", group=table_id, level=0, id="", lang="",
                                           cell=(row, col, header))
    return out, problems


def _run(lines, spec):
    """(first, last) source line of a table's run, or what is wrong with its spec."""
    if spec.get("lines"):
        first, last = spec["lines"]
        if not 1 <= first <= last <= len(lines):
            return f"`lines: [{first}, {last}]` is not a range of the source's {len(lines)} lines — correct it"
        return first, last
    if not (spec.get("from") and spec.get("to")):
        return "say where the table is: `from` and `to` (patterns of its first and last line), or `lines: [first, last]`"
    start = [line.number for line in lines if line.role != "blank" and re.search(spec["from"], line.text)]
    if len(start) != 1:
        return (f"`from` pattern {spec['from']!r} matches " + ("no line of the source" if not start else
                f"{len(start)} lines ({', '.join(map(str, start[:6]))})") + " — correct it, or give `lines: [first, last]`")
    end = next((line.number for line in lines[start[0] - 1:]
                if line.role != "blank" and re.search(spec["to"], line.text)), None)
    if end is None:
        return f"`to` pattern {spec['to']!r} matches no line from source line {start[0]} on — correct it"
    return start[0], end


def _grid(count, spec):
    """Each cell's (row, column, is a header), counted from 1, in the order the cells come; or
    what is wrong."""
    cols = spec["columns"]
    if cols is None:  # as `init` drafts a table it detected
        return (f"`columns` is not given yet — say how many columns its {count} cells fill, and `order` "
                "(rows or columns: the order they come in, one a line)")
    if count == 0 or count % cols:
        return (f"{count} cells do not fill rows of {cols} columns — check `columns`, `caption` and the run "
                "(every non-empty line in it is a cell)")
    rows = count // cols
    header = spec.get("header", 0)
    if header > rows:
        return f"`header: {header}` is more rows than the table's {rows} — correct it"
    by_columns = spec.get("order", "rows") == "columns"
    grid = []
    for k in range(count):
        row, col = (k % rows, k // rows) if by_columns else (k // cols, k % cols)
        grid.append((row + 1, col + 1, row < header))
    return grid


def _rows(lines, spec):
    """Each line of a `split` table as (row, 0, is a header, cells), a cell being (start, end,
    gap): where it stands in the line's text and the separator after it; or what is wrong."""
    header, rows = spec.get("header", 0), []
    if header > len(lines):
        return f"`header: {header}` is more rows than the table's {len(lines)} — correct it"
    for row, line in enumerate(lines, start=1):
        seps = list(re.finditer(spec["split"], line.text))
        bounds = [0] + [b for m in seps for b in (m.start(), m.end())] + [len(line.text)]
        cells = [(bounds[i], bounds[i + 1], line.text[bounds[i + 1]:bounds[i + 2]] if i + 2 < len(bounds) else "")
                 for i in range(0, len(bounds), 2)]
        if any(gap.strip() for _, _, gap in cells):
            return f"`split` {spec['split']!r} matches more than spaces in source line {line.number} — split on whitespace only"
        if spec["columns"] is None:
            return "`columns` is not given yet — say how many cells each row has"
        if len(cells) != spec["columns"] or any(start == end for start, end, _ in cells):
            return (f"source line {line.number} splits into {len(cells)} cells, not {spec['columns']} — check "
                    "`split`, `columns` and the run (every non-empty line in it is a row)")
        rows.append((row, 0, row <= header, tuple(cells)))
    return rows


def keep_tables(lines, before):
    """A table's lines stay its own when a note's text (structure.Layout._notes) runs on into it."""
    return [b if b.role in TABLE_ROLES else line for line, b in zip(lines, before)]


def list_problems(lines, specs, path):
    """A list pattern that matches no line of the source names nothing: say so."""
    held = {line.group for line in lines if line.role == "item"}
    return [EditionError(path, f"list {spec['id']}: pattern {spec['match']!r} matches no line of the source — "
                               "correct it or remove the list", spec.get(LINE))
            for spec in specs if spec["id"] not in held]


def mark_continuations(lines, wrapping):
    """Lines that continue an item of a list in ``wrapping`` (ids of lists with ``wraps: true``):
    body lines right after an item or its continuation, with no empty line between."""
    out, item = [], None
    for line in lines:
        if line.role == "item":
            item = line.group if line.group in wrapping else None
        elif line.role == "body" and item:
            line = replace(line, role="continued", group=item)
        elif line.role not in ("furniture", "note"):
            item = None
        out.append(line)
    return out


# --- the blocks they make (breaks.assemble calls these)

def table_blocks(line, section):
    """A table's caption or its cells: blocks of their own, never joined, never numbered. A
    `split` row gives one block a cell, each with its place in the line and the gap after it."""
    if line.role == "caption":
        return [Block("caption", [line.number], line.text, section=section, id=f"{line.group}-caption",
                      group=line.group)]
    if line.role == "row":
        row, _, header, cells = line.cell
        return [Block("cell", [line.number], line.text[start:end], section=section,
                      id=f"{line.group}-r{row}c{col}", group=line.group, cell=(row, col, header, start, gap))
                for col, (start, end, gap) in enumerate(cells, start=1)]
    row, col, _ = line.cell
    return [Block("cell", [line.number], line.text, section=section, id=f"{line.group}-r{row}c{col}",
                  group=line.group, cell=line.cell)]


def continue_item(block, line, latin_space):
    """An item's next line joins it, as the wrap of a paragraph does (a word space kept between
    Latin-script words)."""
    if latin_space:
        block.source += " "
    block.joins.append(len(block.source))
    block.lines.append(line.number)
    block.source += line.text


def item_ids(blocks, unnumbered):
    """The items of a list with ``numbered: false`` take ids of their own (``<run id>-1`` …) and
    no paragraph number: the list is one block, its items addressable inside it."""
    count = {}
    for block in blocks:
        if block.kind == "item" and (block.group in unnumbered or _base(block.group) in unnumbered):
            count[block.group] = count.get(block.group, 0) + 1
            block.id = f"{block.group}-{count[block.group]}"


def _base(run_id):
    """The list id of a run id (a list met again is `id-2`: see build._distinct_list_ids)."""
    return re.sub(r"-[0-9]+$", "", run_id)


def tables(blocks):
    """{table id: its caption block or None, and its cells as rows of blocks, in reading order}."""
    found = {}
    for block in blocks:
        if block.kind in TABLE_KINDS:
            entry = found.setdefault(block.group, {"caption": None, "cells": []})
            if block.kind == "caption":
                entry["caption"] = block
            else:
                entry["cells"].append(block)
    for entry in found.values():
        entry["rows"] = []
        for cell in sorted(entry["cells"], key=lambda c: c.cell[:2]):
            if cell.cell[1] == 1:
                entry["rows"].append([])
            entry["rows"][-1].append(cell)
    return found


def readable(blocks):
    """The blocks a reader finds by search and the paragraph export lists, in reading order:
    paragraphs and list items as they are, and each table once, as one block (its caption and
    cells, row by row, in one text; its id; every line it holds)."""
    pending = tables(blocks)
    for block in blocks:
        if block.kind in ("paragraph", "item"):
            yield block
        elif block.kind in TABLE_KINDS and block.group in pending:
            table = pending.pop(block.group)
            parts = ([table["caption"]] if table["caption"] else []) + [c for row in table["rows"] for c in row]
            yield Block("table", sorted(n for p in parts for n in p.lines), " ".join(p.source for p in parts),
                        section=block.section, id=block.group, text=" ".join(p.text for p in parts))
