"""A table given as a `grid` (structure.yml `tables`, scripts/editkit/blocks.py): rows of cells,
each cell a source line, a range [first, last] of lines (one cell of several lines) or null (an
empty cell), the cells' lines in any order. The real case is the signature block of
editions/sac-106-pan-49 (tests/test_sac_edition.py: its real site, HTML, TEI through jing and the
nothing-lost proof); here: the same table said two ways reads the same, the pure functions, and a
bad grid gives one clear line a problem, all of them at once, naming structure.yml and its line.

tests/data/tables_lists/source/report.txt, read by hand: the caption is line 15, the header cells
lines 17, 23, 29, the rows lines 19/25/31, 20/26/32, 21/27/33 (one cell a line, column by column).
"""

import re
import shutil
import sys

import pytest
from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "scripts"))
from editkit.breaks import assemble  # noqa: E402
from editkit.errors import EditionError  # noqa: E402
from editkit.structure import Layout  # noqa: E402

DATA = ROOT / "tests" / "data" / "tables_lists"
AS_COLUMNS = """tables:
  - id: opening-hours
    from: '^表一'
    to: '^20:30$'
    caption: true
    columns: 3
    order: columns
    header: 1
"""
GRID_ROWS = ["[17, 23, 29]", "[19, 25, 31]", "[20, 26, 32]", "[21, 27, 33]"]


def as_grid(rows=GRID_ROWS, run="[15, 33]"):
    return ("tables:\n  - id: opening-hours\n    lines: " + run + "\n    caption: true\n    header: 1\n    grid:\n"
            + "".join(f"      - {row}\n" for row in rows))


def edition_with(tmp_path, tables):
    """A copy of tests/data/tables_lists whose table is ``tables``; (folder, structure.yml, the entry's line)."""
    edition = tmp_path / "edition"
    shutil.copytree(DATA, edition)
    structure = edition / "structure.yml"
    text = structure.read_text(encoding="utf-8")
    assert AS_COLUMNS in text
    structure.write_text(text.replace(AS_COLUMNS, tables), encoding="utf-8")
    entry_line = text[:text.index(AS_COLUMNS)].count("\n") + 2  # the line of `- id: opening-hours`
    return edition, structure, entry_line


def figure(markdown):
    return re.search(r'<figure class="edition-table" id="opening-hours".*?</figure>', markdown, re.S).group(0)


def test_a_grid_gives_the_same_table_as_columns_and_order(tmp_path):
    """The table of tables_lists said as a grid of its line numbers: the same caption, header,
    cells, ids and source lines on the text page, and the same <table> in the TEI."""
    built = {}
    for name, tables in (("columns", AS_COLUMNS), ("grid", as_grid())):
        edition, _, _ = edition_with(tmp_path / name, tables)
        result = run_cli("build", edition, tmp_path / name / "docs", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        docs = tmp_path / name / "docs"
        tei = (docs / "downloads" / "edition.tei.xml").read_text(encoding="utf-8")
        built[name] = (figure((docs / "text.md").read_text(encoding="utf-8")),
                       re.search(r"<table .*?</table>", tei, re.S).group(0))
    assert 'data-line="33"' in built["grid"][0] and "<th" in built["grid"][0]
    assert built["grid"] == built["columns"]


# ----------------------------------------------------------------------------- pure functions

def blocks_of(text, structure):
    layout = Layout(structure, "structure.yml")
    blocks, _ = assemble(layout.classify(text), {}, layout)
    return blocks


def test_cells_out_of_order_of_several_lines_and_empty():
    """Cells in the order the grid gives them, whatever order their lines come in; a range is one
    cell (an empty line and page furniture inside it are not its text; a Latin join keeps its
    word space, as the wrap policy's does); null is no cell; numbering goes on after the table."""
    text = "Total\n7\n\n99\nOpening\nhours\nB\nEnd of the report."
    structure = {"furniture": [{"match": "^99$", "kind": "page-number"}],
                 "wrap": {"break_after": ["\\."], "width": 10},
                 "tables": [{"id": "t", "lines": [1, 7], "grid": [[[3, 6], 7], [1, None], [None, 2]]}]}
    blocks = blocks_of(text, structure)
    cells = [(b.id, b.cell, b.lines, b.source, b.joins) for b in blocks if b.kind == "cell"]
    assert sorted(cells) == [
        ("t-r1c1", (1, 1, False), [5, 6], "Opening hours", [8]),
        ("t-r1c2", (1, 2, False), [7], "B", []),
        ("t-r2c1", (2, 1, False), [1], "Total", []),
        ("t-r3c2", (3, 2, False), [2], "7", []),
    ]
    assert [(b.kind, b.lines) for b in blocks if b.kind != "cell"] == [("paragraph", [8])]


def test_a_cell_of_chinese_lines_is_joined_without_a_space():
    text = "中\n華\n民\n國\n106 年\n1\n月"
    blocks = blocks_of(text, {"tables": [{"lines": [1, 7], "grid": [[[1, 6], 7]]}]})
    assert [(b.source, b.lines) for b in blocks] == [("中華民國106 年1", [1, 2, 3, 4, 5, 6]), ("月", [7])]


# ----------------------------------------------------------------------------- a bad grid

@pytest.mark.parametrize("rows, run, said", [
    (["[17, 23, 29]", "[[19, 20], 25, 31]", "[20, 26, 32]", "[21, 27, 33]"], "[15, 33]",
     "table opening-hours (source lines 15–33): source line 20 is in two cells, grid row 2 cell 1 and "
     "grid row 3 cell 1 — keep it in one"),
    (["[17, 23, 29]", "[19, 25, 31]", "[20, 26, 32]", "[21, 27, null]"], "[15, 33]",
     "table opening-hours (source lines 15–33): source line 33 ('20:30') is in no cell of the grid — "
     "add it to a cell"),
    (GRID_ROWS, "[15, 32]",
     "table opening-hours (source lines 15–32): grid row 4 cell 3: source line 33 is outside the table's run "
     "(15–32) — correct the cell or the run"),
    (["[17, 23, 29]", "[19, 25, 31]", "[20, 26, 32]", "[21, 27, 33]", "[34, null, null]"], "[15, 34]",
     "table opening-hours (source lines 15–34): grid row 5 cell 1: source line 34 holds an empty line — "
     "a cell is a line of text (null for an empty cell)"),
    (["[17, 23, 29]", "[19, 25, 31]", "[20, 26, 32]", "[21, 27]"], "[15, 32]",
     "table opening-hours (source lines 15–32): grid row 4 has 2 cells, not 3 like the longest row — "
     "give every row the same number of cells (null for an empty one)"),
])
def test_a_bad_grid_is_one_clear_line(tmp_path, rows, run, said):
    edition, structure, entry_line = edition_with(tmp_path, as_grid(rows, run))
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line == f"error: {structure}:{entry_line}: {said}", line


def test_every_problem_of_a_grid_at_once(tmp_path):
    """A line used twice, lines left over and a line outside the run: one line each, in the grid's order."""
    rows = ["[17, 23, 29]", "[19, 25, 31]", "[20, 26, 31]", "[21, 27, 40]"]
    edition, structure, entry_line = edition_with(tmp_path, as_grid(rows))
    result = run_cli("build", edition, tmp_path / "docs", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    head = f"error: {structure}:{entry_line}: table opening-hours (source lines 15–33): "
    assert all(line.startswith(head) for line in lines), lines
    assert [line[len(head):] for line in lines] == [
        "source line 31 is in two cells, grid row 2 cell 3 and grid row 3 cell 3 — keep it in one",
        "grid row 4 cell 3: source line 40 is outside the table's run (15–33) — correct the cell or the run",
        "source line 32 ('21:30') is in no cell of the grid — add it to a cell",
        "source line 33 ('20:30') is in no cell of the grid — add it to a cell",
    ]
    assert not (tmp_path / "docs").exists()


def test_a_cell_the_schema_refuses_is_named_with_what_a_cell_is(tmp_path):
    """structure.schema.json describes a cell (what an editor's YAML tooling shows as they type);
    `check` names each bad one, all at once."""
    rows = ["[17, 23, 29]", "[19, '25', 31]", "[20, [26, 27, 28], 32]", "[21, 27, 33]"]
    edition, structure, _ = edition_with(tmp_path, as_grid(rows))
    result = run_cli("check", edition, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode != 0 and len(lines) == 2, result.stderr
    for line, (r, c) in zip(lines, ((2, 2), (3, 2))):
        assert line.startswith(f"error: {structure}:") and f"`tables[1].grid[{r}][{c}]`" in line, line
        assert "a source line number, a range [first, last] of source lines, or null for an empty cell" in line


@pytest.mark.parametrize("extra, said", [
    ("    columns: 3\n", "`grid` says where every cell is: leave out `columns`, `order` and `split`"),
    (None, "`tables[1].columns` is missing — add it"),
])
def test_a_table_says_its_cells_one_way(tmp_path, extra, said):
    """`grid`, or `columns` (with `order` or `split`): not both, not neither."""
    tables = as_grid() + extra if extra else as_grid().split("    grid:")[0]
    edition, structure, _ = edition_with(tmp_path, tables)
    result = run_cli("check", edition, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {structure}:") and said in line, line


def test_a_cell_on_the_caption_is_named():
    """The caption is not a cell: a grid that names its line says so."""
    layout = Layout({"tables": [{"id": "t", "lines": [1, 3], "caption": True, "grid": [[1, 3]]}]}, "structure.yml")
    with pytest.raises(EditionError) as raised:
        layout.classify("表一\n\nA")
    assert "grid row 1 cell 1: source line 1 holds the table's caption — a cell is a line of text" in str(raised.value)
