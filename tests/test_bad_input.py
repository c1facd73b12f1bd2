"""Bad input: one clear line naming the file (and line), exit status 1, no traceback, docs/ untouched.

A copy of edition/ (in pytest's tmp_path) is built once with the real CLI in a
subprocess; each case gets its own copy of that edition and of the docs folder the
build wrote, snapshots the docs folder, breaks one input file, builds again, and
checks the error line and that the docs folder is byte-identical.
"""

import re
import shutil
from pathlib import Path

import pytest
from conftest import EDITION, run_cli, snapshot

# `error: <file>[:line]: <problem> — <what to do>`
ERROR_LINE = re.compile(r"^error: (?P<file>.+?)(?::(?P<line>\d+))?: (?P<message>.+)$")


# --- helpers -------------------------------------------------------------------------------------





def source_path(edition: Path) -> Path:
    files = sorted((edition / "source").glob("*.txt"))
    assert len(files) == 1, f"expected one source text in {edition / 'source'}"
    return files[0]


def line_of(path: Path, prefix: str, start: int = 1) -> int:
    """1-based number of the first line at or after ``start`` that begins with ``prefix`` (comments never do)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if number >= start and line.startswith(prefix):
            return number
    raise AssertionError(f"no line begins with {prefix!r} in {path}")


def replace_line(path: Path, number: int, new: str):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def append(path: Path, text: str) -> int:
    """Append ``text`` (a YAML entry) after a blank line; return the line its first line lands on."""
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    new = old + "\n" + text
    path.write_text(new, encoding="utf-8")
    return old.count("\n") + 2


def first_at(edition: Path):
    """The first break decision in breaks.yml: (line number of `- at:`, end, start)."""
    breaks = edition / "breaks.yml"
    number = line_of(breaks, '- at: "')
    value = breaks.read_text(encoding="utf-8").split("\n")[number - 1].split('"')[1]
    end, start = value.split("|")
    return number, end, start


# --- the ways to break the input -----------------------------------------------------------------
# Each takes the edition copy, breaks it, and returns (file name, expected line or None, [phrases]).

def source_missing(ed):
    src = source_path(ed)
    src.unlink()
    return src.name, None, ["missing"]


def source_changed(ed):
    src = source_path(ed)
    text = src.read_text(encoding="utf-8")
    assert "俄" in text
    src.write_text(text.replace("俄", "美", 1), encoding="utf-8")  # one character changed
    return src.name, None, ["checksum"]


def source_big5(ed):
    src = source_path(ed)
    src.write_bytes(src.read_text(encoding="utf-8").encode("big5"))
    return src.name, 1, ["UTF-8", "Big5"]


def source_bom(ed):
    src = source_path(ed)
    src.write_bytes(b"\xef\xbb\xbf" + src.read_bytes())
    return src.name, None, ["BOM"]


def source_crlf(ed):
    src = source_path(ed)
    src.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    return src.name, 1, ["CRLF"]


def source_empty(ed):
    src = source_path(ed)
    src.write_bytes(b"")
    return src.name, None, ["empty"]


def yaml_bad_indentation(ed):
    breaks = ed / "breaks.yml"
    number = line_of(breaks, "  decision:")
    replace_line(breaks, number, " " + breaks.read_text(encoding="utf-8").split("\n")[number - 1])
    return "breaks.yml", number, ["YAML"]


def yaml_unclosed_quote(ed):
    # The quote opens on this line and is never closed: the line to report is this one
    # (not the end of the file, where the YAML scanner gives up).
    breaks = ed / "breaks.yml"
    number = line_of(breaks, "  certainty: certain")
    replace_line(breaks, number, "  certainty: 'certain")
    return "breaks.yml", number, ["YAML"]


def json_malformed(ed):
    bib = ed / "bibliography.json"
    number = line_of(bib, '    "id":')
    line = bib.read_text(encoding="utf-8").split("\n")[number - 1]
    assert line.endswith(",")
    replace_line(bib, number, line + ",")  # a doubled comma
    return "bibliography.json", number, ["JSON"]


def edition_field_missing(ed):
    meta = ed / "edition.yml"
    replace_line(meta, line_of(meta, "  short_title:"), "")
    return "edition.yml", None, ["edition.short_title"]


def break_context_not_found(ed):
    breaks = ed / "breaks.yml"
    number, end, start = first_at(ed)
    replace_line(breaks, number, f'- at: "{end}|並無此句{start}"')
    return "breaks.yml", number, ["not found"]


def break_context_found_twice(ed):
    # In the source, lines 15–16 and 67–68 both are `…。` followed by `蘇聯解體後…`.
    text = source_path(ed).read_text(encoding="utf-8").split("\n")
    pairs = [n for n, (a, b) in enumerate(zip(text, text[1:]), start=1)
             if a.strip().endswith("。") and b.strip().startswith("蘇聯解體後")]
    assert len(pairs) == 2, pairs
    number = append(ed / "breaks.yml", '- at: "。|蘇聯解體後"\n  decision: break\n  certainty: certain\n'
                                       "  reason: test\n")
    return "breaks.yml", number, [str(pairs[0]), str(pairs[1])]


def break_decided_twice(ed):
    number_first, end, start = first_at(ed)
    number = append(ed / "breaks.yml", f'- at: "{end[-3:]}|{start[:3]}"\n  decision: break\n'
                                       "  certainty: certain\n  reason: test\n")
    return "breaks.yml", number, ["decided twice"]


def break_undecided(ed):
    breaks = ed / "breaks.yml"
    number, end, start = first_at(ed)
    lines = breaks.read_text(encoding="utf-8").split("\n")
    stop = number  # the entry runs to the next blank line
    while stop < len(lines) and lines[stop].strip():
        stop += 1
    breaks.write_text("\n".join(lines[: number - 1] + lines[stop + 1:]), encoding="utf-8")
    text = source_path(ed).read_text(encoding="utf-8").split("\n")
    [first] = [n for n, (a, b) in enumerate(zip(text, text[1:]), start=1)
               if a.strip().endswith(end) and b.strip().startswith(start)]
    return "breaks.yml", None, ["undecided", f"{first} ", f"{first + 1} "]


def emendation_context_not_found(ed):
    emend = ed / "emendations.yml"
    number = line_of(emend, '- context: "')
    line = emend.read_text(encoding="utf-8").split("\n")[number - 1]
    replace_line(emend, number, line.replace('context: "', 'context: "並無此句', 1))
    return "emendations.yml", number, ["not found"]


def emendation_context_found_twice(ed):
    number = append(ed / "emendations.yml", '- context: "俄羅斯"\n  original: 俄\n  reading: 俄\n'
                                            "  certainty: certain\n  reason: test\n")
    return "emendations.yml", number, ["俄羅斯"]


def emendation_without_certainty(ed):
    emend = ed / "emendations.yml"
    number = line_of(emend, '- context: "')
    certainty = line_of(emend, "  certainty:", start=number)
    lines = emend.read_text(encoding="utf-8").split("\n")
    assert all(lines[i].strip() for i in range(number - 1, certainty)), "certainty must belong to the first entry"
    del lines[certainty - 1]
    emend.write_text("\n".join(lines), encoding="utf-8")
    return "emendations.yml", number, ["certainty"]


CASES = [
    source_missing, source_changed, source_big5, source_bom, source_crlf, source_empty,
    yaml_bad_indentation, yaml_unclosed_quote, json_malformed, edition_field_missing,
    break_context_not_found, break_context_found_twice, break_decided_twice, break_undecided,
    emendation_context_not_found, emendation_context_found_twice, emendation_without_certainty,
]


# --- tests ---------------------------------------------------------------------------------------



@pytest.fixture
def built_copy(baseline, tmp_path):
    """A fresh copy of edition/ and of a docs folder that a successful build of it wrote.

    The build is run once per module (it is deterministic, and slow enough that one per case
    would make this file alone take most of the time budget); each case gets its own copy.
    """
    _, docs, result = baseline
    assert result.returncode == 0, result.stderr
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    shutil.copytree(docs, tmp_path / "docs")
    return edition, tmp_path / "docs"


def test_check_and_build_succeed_on_an_unmodified_copy(baseline, tmp_path):
    edition, docs, result = baseline
    assert result.returncode == 0, result.stderr
    # one line only: edition.yml names no published address yet (tests/test_metadata.py)
    assert result.stderr.startswith("warning: no canonical address") and result.stderr.count("\n") == 1
    assert (docs / "text.md").is_file()
    checked = run_cli("check", edition, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""


@pytest.mark.parametrize("breaker", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_one_line_and_leaves_docs_alone(breaker, built_copy, tmp_path):
    edition, docs = built_copy
    before = snapshot(docs)
    assert "text.md" in before

    name, line, phrases = breaker(edition)
    result = run_cli("build", edition, docs, cwd=tmp_path)

    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"expected exactly one line on stderr, got {result.stderr!r}"
    message = lines[0]
    assert result.stderr == message + "\n"
    match = ERROR_LINE.match(message)
    assert match, f"not `error: <file>[:line]: <problem>`: {message!r}"
    assert match["file"].endswith(name), f"error should name {name}: {message!r}"
    if line is not None:
        assert match["line"] == str(line), f"error should point at {name}:{line}: {message!r}"
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} missing from {message!r}"
    assert " — " in match["message"], f"error should say what to do after ' — ': {message!r}"
    assert snapshot(docs) == before, "a failed build must leave docs/ exactly as it was"
