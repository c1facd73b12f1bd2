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
  Where pdftotext wrote the cells out of reading order, or a cell over several lines, ``grid``
  says where each cell is: a list of rows, each a list of cells, each cell a source line
  number, a range ``[first, last]`` (one cell of several lines, joined as the wrap joins a
  paragraph's lines, each line's characters kept), or null (an empty cell). Every non-empty
  line of the run (furniture and note lines aside; the caption) is in exactly one cell.
* ``lists`` with ``numbered: false``: the list is one block with its own id; its items are
  addressed as ``<list id>-1``, ``-2`` … and take no paragraph number. With ``wraps: true``
  (a source without a ``wrap`` policy) a line that follows an item with no empty line
  between continues that item; under a ``wrap`` policy the policy joins an item's lines as it
  joins a paragraph's.

Pure functions over the classified lines (structure.Line); the problems are returned, all of them.
"""

import re
from dataclasses import replace

from . import word_space
from .data import LINE
from .errors import EditionError
from .model import Block

NOT_CELLS = ("blank", "furniture", "note")  # lines inside a table's run that are not its cells
TABLE_ROLES = ("caption", "cell", "row", "cell-line")  # row: a line of cells (`split`);
# cell-line: a further line of a `grid` cell of several lines (its first line, role `cell`, holds them all)
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
        if spec.get("grid") is not None:
            wrong, found = _grid_cells(lines, cells, spec, (first, last))
            if wrong:
                problems.extend(EditionError(path, f"table {table_id} (source lines {first}–{last}): {said}", where)
                                for said in wrong)
                continue
            for n in range(first, last + 1):
                claimed[n] = table_id
            for line in caption:
                out[line.number - 1] = replace(line, role="caption", group=table_id, level=0, id="", lang="")
            for (row, col, header), held in found:
                parts = tuple((n, lines[n - 1].text) for n in held)
                out[held[0] - 1] = replace(lines[held[0] - 1], role="cell", group=table_id, level=0, id="",
                                           lang="", cell=(row, col, header, parts))
                for n in held[1:]:
                    out[n - 1] = replace(lines[n - 1], role="cell-line", group=table_id, level=0, id="", lang="")
            continue
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


NOT_TEXT = {"blank": "an empty line", "furniture": "page furniture", "note": "a note's line"}  # NOT_CELLS, said


def _grid_cells(lines, content, spec, run):
    """(every problem with the grid, one sentence each; each cell as ((row, column, is a header),
    its source lines in order), in reading order)."""
    first, last = run
    grid, header = spec["grid"], spec.get("header", 0)
    problems, cells, owner = [], [], {}  # owner: source line -> the cell that holds it
    if any(key in spec for key in ("columns", "order", "split")):
        problems.append("`grid` says where every cell is: leave out `columns`, `order` and `split`")
    width = max((len(row) for row in grid), default=0)
    if not grid or not width:
        return ["`grid` has no cells — give its rows, each a list of cells"], []
    if header > len(grid):
        problems.append(f"`header: {header}` is more rows than the grid's {len(grid)} — correct it")
    text_lines = {line.number for line in content}
    for r, row in enumerate(grid, start=1):
        if len(row) != width:
            problems.append(f"grid row {r} has {len(row)} cells, not {width} like the longest row — "
                            "give every row the same number of cells (null for an empty one)")
        if all(cell is None for cell in row):
            problems.append(f"grid row {r} is empty — remove it, or give it its cells")
        for c, cell in enumerate(row, start=1):
            if cell is None:
                continue
            where = f"grid row {r} cell {c}"
            a, b = (cell, cell) if isinstance(cell, int) else cell
            if a > b:
                problems.append(f"{where}: [{a}, {b}] runs backwards — give a range as [first, last]")
                continue
            if not first <= a <= b <= last:
                problems.append(f"{where}: source line {a if a == b else f'{a}–{b}'} is outside the table's run "
                                f"({first}–{last}) — correct the cell or the run")
                continue
            held = [n for n in range(a, b + 1) if n in text_lines]
            if not held:
                said = NOT_TEXT.get(lines[a - 1].role, "the table's caption") if a == b else "no line of text"
                problems.append(f"{where}: source line{'' if a == b else 's'} {a if a == b else f'{a}–{b}'} "
                                f"hold{'s' if a == b else ''} {said} — a cell is a line of text (null for an empty cell)")
                continue
            for n in held:
                if n in owner:
                    problems.append(f"source line {n} is in two cells, {owner[n]} and {where} — keep it in one")
                owner.setdefault(n, where)
            cells.append(((r, c, r <= header), held))
    for c in range(1, width + 1):
        if all(len(row) < c or row[c - 1] is None for row in grid):
            problems.append(f"grid column {c} is empty in every row — remove it")
    for n in sorted(text_lines - owner.keys()):
        problems.append(f"source line {n} ({lines[n - 1].text[:20]!r}) is in no cell of the grid — add it to a cell")
    return problems, cells


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
    if line.role == "cell-line":  # a further line of a `grid` cell: its first line made the cell
        return []
    row, col, header = line.cell[:3]
    block = Block("cell", [line.number], line.text, section=section, id=f"{line.group}-r{row}c{col}",
                  group=line.group, cell=(row, col, header))
    parts = line.cell[3] if len(line.cell) > 3 else ()  # a `grid` cell: (number, text) of each of its lines
    for (_, before), (number, text) in zip(parts, parts[1:]):
        if word_space.needs_space(before, text):
            block.source += " "  # a word space the wrap took away, as in a paragraph
        block.joins.append(len(block.source))
        block.lines.append(number)
        block.source += text
    return [block]


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
    """{table id: its caption block or None, and its cells as rows of blocks, in reading order
    (None where a `grid` leaves a cell empty)}."""
    found = {}
    for block in blocks:
        if block.kind in TABLE_KINDS:
            entry = found.setdefault(block.group, {"caption": None, "cells": []})
            if block.kind == "caption":
                entry["caption"] = block
            else:
                entry["cells"].append(block)
    for entry in found.values():
        height = max(c.cell[0] for c in entry["cells"])
        width = max(c.cell[1] for c in entry["cells"])
        entry["rows"] = [[None] * width for _ in range(height)]
        for cell in entry["cells"]:
            entry["rows"][cell.cell[0] - 1][cell.cell[1] - 1] = cell
    return found


def header_row(row):
    """A header row: its cells say so (an empty cell says nothing)."""
    return any(cell is not None and cell.cell[2] for cell in row)


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
            parts = ([table["caption"]] if table["caption"] else []) + [c for row in table["rows"] for c in row if c]
            yield Block("table", sorted(n for p in parts for n in p.lines), " ".join(p.source for p in parts),
                        section=block.section, id=block.group, text=" ".join(p.text for p in parts))
