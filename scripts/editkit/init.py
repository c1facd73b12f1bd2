"""Start a new edition from a source text: `python scripts/edition.py init SOURCE DIR`.

Pure: from the source's bytes to the files of a new edition folder (the caller writes
them). What can be detected is drafted (headings and their ids, candidate breaks), what
only the editor can say is left empty (null), so that `check DIR` lists every open point
at once: the fields of edition.yml, and every candidate break, each `decision: null` with
the rule that flagged it.
"""

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from .breaks import pairs_of
from .errors import EditionError
from .source import check_source
from .structure import Layout, columns, page_ends

# Heading forms of Traditional-Chinese articles, theses and legal texts: (pattern, level).
# Only the patterns that match a line of the source are drafted.
HEADING_FORMS = [
    (r"^第[一二三四五六七八九十百]+[章篇]", 2),
    (r"^[壹貳參肆伍陸柒捌玖拾]+、", 2),
    (r"^第[一二三四五六七八九十百]+[節條]", 3),
    (r"^[一二三四五六七八九十]+、", 3),
]
HEADING_MAX = 40  # characters: a longer line is text, whatever it begins with
# Default candidate rules (as edition/structure.yml): a break after a comma, before a comma or a
# space, or after a full stop, closing quote or bracket followed by a short line.
BREAK_RULES = {"line_ends": ["，"], "line_starts": ["，", " "], "after": ["。", "」", "）"], "short": 60}
# What a page leaves in an extraction: page-number lines, in the forms printed pages use.
PAGE_NUMBERS = [r"^\d{1,3}-\d{1,3}$", r"^-\s*\d{1,4}\s*-$", r"^第\s*\d{1,4}\s*頁$", r"^\d{1,3}/\d{1,3}$",
                r"^\d{1,4}$"]
# Margin line numbers (a court judgment, a numbered-line edition): lines holding only a number
# that count 1, 2, 3 … through the text, at least this far.
LINE_NUMBER = r"^(\d{1,4})$"
LINE_NUMBERS_MIN = 20
PAGES_MIN = 3  # fewer page-number lines than this is not a paginated extraction
RUNNING_HEAD_MIN = 3  # a short line repeated this often beside the page numbers is a running head
HEAD_REACH = 3  # lines from a page number
# Notes that survive: a digit glued to CJK text, and a line holding only the note's number.
NOTE_MARKER = r"(?<=[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b])([1-9])(?=[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b]|$)"
NOTE_NUMBER = r"^([1-9])$"
# Notes whose markers pdftotext set on lines of their own (a Word document's footnotes): lines
# holding only a number, each page's last one its page number, the others met twice, counted (the
# marker in the text, then the note's number at the foot).
LONE_NUMBER = r"^([1-9]\d{0,2})$"
MARKERS_MIN = 3
NOTES_SHARE = 0.9  # of the markers, this share met again as a note's number
# List items that open a paragraph in a hard-wrapped text (not "(e)款", a reference to one).
ITEM_FORMS = [r"^\d{1,2}\.(?: ?(?=[^\s\d])|$)", r"^\((?:[a-z]|[ivx]{1,4})\)(?![款組項至目])"]
ITEMS_MIN = 3
SENTENCE_ENDS = ["。", "；", "："]
LONG = 20  # columns: lines shorter than this say nothing of the wrap width
WRAPPED_SHARE = 0.4  # this share of the long lines about as wide as the commonest width: hard-wrapped
WRAP_SLACK = 4  # columns short of a full line at which a sentence end is taken to end its paragraph
WRAP_OVER = 6  # columns a full line may run over (punctuation, Latin text)


def start_edition(source: Path, folder: Path, today: str, schemas: str):
    """(files of the new edition by relative path, a report of what was detected).

    ``schemas``: the schema folder as seen from ``folder``, for the files' headers.
    """
    if folder.exists() and any(folder.iterdir()):
        raise EditionError(folder, "folder is not empty — give a new folder for the new edition")
    data = source.read_bytes() if source.is_file() else b""
    if not data:
        raise EditionError(source, "source file is missing or empty — give the extracted text (UTF-8)")
    digest = hashlib.sha256(data).hexdigest()
    text = check_source(source, data, digest)  # UTF-8, no BOM, LF line endings
    lines = [raw.strip() for raw in text.split("\n")]
    headings, forms = detect_headings(lines)
    # tables before page numbers (a column of small numbers is not a run of page numbers), but
    # after margin line numbers: a long count 1, 2, 3 … is not a column of a table
    marker_lines = detect_marker_lines(text)
    count = [] if marker_lines else counted_lines(lines)  # markers 1 … N are not margin line numbers
    taken = {n for n, _ in headings} | (set(count) if len(count) >= LINE_NUMBERS_MIN else set())
    tables = detect_tables(text.split("\n"), taken)
    in_tables = {n for t in tables for n in range(t["lines"][0], t["lines"][1] + 1)}
    structure = {"headings": [{"match": p, "level": lv} for p, lv in forms], "ids": {}, "breaks": BREAK_RULES,
                 **detect_page(["" if n in in_tables else t for n, t in enumerate(lines, start=1)], marker_lines)}
    for n, (number, heading) in enumerate(headings, start=1):
        structure["ids"].setdefault(heading, f"h{n}")
    layout = Layout(structure, folder / "structure.yml")
    classified = layout.classify(text, note_problems=False)
    if tables:  # the candidate breaks leave the tables' lines out (each undecided table read as one column)
        structure["tables"] = tables
        layout = Layout({**structure, "tables": [{**t, "columns": t["columns"] or 1} for t in tables]},
                        folder / "structure.yml")
        classified = layout.classify(text, note_problems=False)
    candidates = candidate_breaks(classified, layout)
    name = f"source/{source.name}"
    files = {
        name: data,
        "edition.yml": edition_yml(name, digest, today, schemas),
        "structure.yml": structure_yml(structure, lines, headings, schemas),
        "breaks.yml": breaks_yml(candidates, schemas),
        "emendations.yml": header("emendations", schemas) + EMENDATIONS_HELP + "[]\n",
        "anchors.lock.json": json.dumps({
            "$schema": f"{schemas}/anchors.lock.schema.json",
            "comment": "Published paragraph anchors. Do not edit by hand: `scripts/edition.py lock DIR` adds them.",
            "paragraphs": [], "renumberings": []}, ensure_ascii=False, indent=1) + "\n",
        "pages/index.md": INDEX_MD,
        "pages/about.md": ABOUT_MD,
    }
    report = (f"started {folder}/ from {source.name} (SHA-256 {digest[:12]}…): {len(lines)} lines, "
              f"{len(headings)} headings, {len(tables)} tables, {len(candidates)} candidate breaks left undecided; "
              f"run `scripts/edition.py check {folder}` for the open points")
    return files, report


def detect_headings(lines):
    """[(line number, text)] of lines that look like headings, and the forms that found them."""
    found, forms = [], []
    for pattern, level in HEADING_FORMS:
        hits = [(i, t) for i, t in enumerate(lines, start=1) if re.search(pattern, t) and len(t) <= HEADING_MAX]
        if hits:
            forms.append((pattern, level))
            found += [h for h in hits if h not in found]
    return sorted(found), forms


def candidate_breaks(classified, layout):
    """[(first line, second line, rule, at)] for every break the rules flag, with a unique context."""
    pairs = pairs_of(classified, layout)  # as the build pairs them (across furniture under a wrap policy)
    out = []
    for a, b in pairs:
        rule = layout.is_candidate(a, b)
        if rule:
            out.append((a.number, b.number, rule, _unique_at(a, b, pairs)))
    return out


def _unique_at(a, b, pairs):
    for k in range(6, max(len(a.text), len(b.text)) + 1):
        end, start = a.text[-k:], b.text[:k]
        if sum(1 for x, y in pairs if x.text.endswith(end) and y.text.startswith(start)) == 1:
            return f"{end}|{start}"
    return f"{a.text}|{b.text}"


def detect_marker_lines(text):
    """(first page number, last page number, markers) when the lines holding only a number read as
    a page number at each page's end and, elsewhere, markers 1 … N each met again as its note's
    number; else None."""
    ends = page_ends(text)
    numbers = [(n, int(t.strip())) for n, t in enumerate(text.split("\n"), start=1) if re.match(LONE_NUMBER, t.strip())]
    pages = [v for n, v in numbers if n in ends]
    if len(pages) < PAGES_MIN or pages != list(range(pages[0], pages[0] + len(pages))):
        return None
    expected, waiting, notes = 1, set(), 0
    for n, v in numbers:
        if n in ends:
            continue
        if v == expected:
            waiting.add(v)
            expected += 1
        elif v in waiting:
            waiting.discard(v)
            notes += 1
    markers = expected - 1
    if markers < MARKERS_MIN or notes < NOTES_SHARE * markers:
        return None
    return pages[0], pages[-1], markers


def detect_page(lines, marker_lines=None):
    """What the extraction kept of its pages: furniture, notes, hard wraps (structure.yml sections)."""
    if marker_lines:
        first, last, _ = marker_lines
        found = {"furniture": [{"match": LONE_NUMBER, "kind": "page-number", "page_end": True, "sequence": True,
                                "start": first, "end": last}],
                 "notes": {"number": LONE_NUMBER, "marker_lines": True}}
        return {**found, **_wrap(lines)}
    found = {}
    counted = line_count(lines)
    forms = PAGE_NUMBERS[:-1] if counted >= LINE_NUMBERS_MIN else PAGE_NUMBERS  # bare numbers: the count's
    hits = {p: [i for i, t in enumerate(lines, start=1) if re.match(p, t)] for p in forms}
    best = max(forms, key=lambda p: len(hits[p]))
    if len(hits[best]) >= PAGES_MIN:
        found["furniture"] = [{"match": best, "kind": "page-number"}]
        # a running head: a line repeated beside the page numbers (within a few lines of one)
        near = {i + d for i in hits[best] for d in range(-HEAD_REACH, HEAD_REACH + 1)}
        counts = Counter(lines[i - 1] for i in near if 0 < i <= len(lines) and lines[i - 1]
                         and not re.match(best, lines[i - 1]) and len(lines[i - 1]) <= HEADING_MAX)
        found["furniture"] += [{"match": f"^{re.escape(t)}$", "kind": "running-head"}
                               for t, c in sorted(counts.items())
                               if c >= max(RUNNING_HEAD_MIN, len(hits[best]) // 2)]
    if counted >= LINE_NUMBERS_MIN:
        found.setdefault("furniture", []).append(
            {"match": LINE_NUMBER, "kind": "line-number", "sequence": True, "end": counted})
    numbers = [t for t in lines if re.match(NOTE_NUMBER, t) and best != PAGE_NUMBERS[-1] and counted < LINE_NUMBERS_MIN]
    if numbers and sum(len(re.findall(NOTE_MARKER, t)) for t in lines) >= len(numbers):
        found["notes"] = {"marker": NOTE_MARKER, "number": NOTE_NUMBER}
    return {**found, **_wrap(lines)}


def _wrap(lines):
    found = {}
    widths = [columns(t) for t in lines if columns(t) >= LONG]
    width = Counter(widths).most_common(1)[0][0] if widths else 0  # a full line
    near = sum(1 for w in widths if width - WRAP_SLACK <= w <= width + WRAP_OVER)
    if widths and near >= WRAPPED_SHARE * len(widths):
        items = [p for p in ITEM_FORMS if sum(1 for t in lines if re.search(p, t)) >= ITEMS_MIN]
        found["wrap"] = {"break_before": items, "break_after": SENTENCE_ENDS, "width": width - WRAP_SLACK}
    return found


# Tables (structure.yml `tables`). pdftotext's default mode puts each cell on a line of its own,
# short, in groups between empty lines; -layout puts a row on a line, its cells apart by runs of
# spaces. A table's caption (表一 …) is the line before it.
CELL_MAX = 20  # columns: a longer line is text, not a cell
CELLS_MIN = 6  # short lines in a run, with empty lines among them, before it is taken for a table
LAYOUT_SPLIT = r"\s{2,}"
LAYOUT_ROWS_MIN = 3  # consecutive lines that split alike into two or more cells
CAPTION = r"^表\s*[一二三四五六七八九十0-9０-９]+"
NOT_CELL_ENDS = ("。", "；", "：", "？", "！", "，")


def detect_tables(raw_lines, taken):
    """Drafted `tables` entries for runs that look like tables; ``taken``: line numbers already
    read as headings or page furniture. The layout kind is drafted whole (its `split` and
    `columns` are seen); the default kind leaves `columns` null: the editor counts them."""
    lines = [raw.strip() for raw in raw_lines]
    found = _layout_tables(raw_lines, lines, taken)
    held = {n for t in found for n in range(t["lines"][0], t["lines"][1] + 1)}
    return sorted(found + [t for t in _cell_runs(lines, taken) if not held & set(range(t["lines"][0], t["lines"][1] + 1))],
                  key=lambda t: t["lines"])


def _with_caption(lines, first, last, entry):
    before = next((n for n in range(first - 1, 0, -1) if lines[n - 1]), None)
    if before and re.match(CAPTION, lines[before - 1]):
        entry.update(caption=True)
        first = before
    entry["lines"] = [first, last]
    return entry


def _cell_runs(lines, taken):
    def cell(n):
        t = lines[n - 1]
        return t and n not in taken and columns(t) <= CELL_MAX and not t.endswith(NOT_CELL_ENDS)
    out, n = [], 1
    while n <= len(lines):
        if not cell(n):
            n += 1
            continue
        end, last = n, n
        while end + 1 <= len(lines) and (cell(end + 1) or not lines[end]):
            end += 1
            if lines[end - 1]:
                last = end
        run = range(n, last + 1)
        cells = sum(1 for k in run if lines[k - 1])
        if cells >= CELLS_MIN and any(not lines[k - 1] for k in run):
            out.append(_with_caption(lines, n, last, {"columns": None}))
        n = last + 1
    return out


def _layout_tables(raw_lines, lines, taken):
    def cells(n):
        t = lines[n - 1]
        return len(re.split(LAYOUT_SPLIT, t)) if t and n not in taken and re.search(LAYOUT_SPLIT, t) else 0
    out, n = [], 1
    while n <= len(lines):
        width = cells(n)
        end = n
        while width and end + 1 <= len(lines) and cells(end + 1) == width:
            end += 1
        if width and end - n + 1 >= LAYOUT_ROWS_MIN:
            out.append(_with_caption(lines, n, end, {"columns": width, "split": LAYOUT_SPLIT}))
        n = end + 1
    return out


def line_count(lines):
    """How far lines holding only a number count up from 1, in reading order (numbers out of the
    count, such as a date's day alone on a line, are passed over)."""
    return len(counted_lines(lines))


def counted_lines(lines):
    """The line numbers (from 1) of the lines that hold the count 1, 2, 3 … ."""
    found = []
    for n, text in enumerate(lines, start=1):
        if re.match(LINE_NUMBER, text) and int(text) == len(found) + 1:
            found.append(n)
    return found


def header(name, schemas):
    return f"# yaml-language-server: $schema={schemas}/{name}.schema.json\n"


def _q(text):
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def structure_yml(structure, lines, headings, schemas):
    out = [header("structure", schemas), "# How to read the layout of the source; drafted by `init` from what it detected.\n",
           "# Patterns are Python regular expressions, matched against a line without its surrounding spaces.\n\n",
           "headings:\n"]
    out += [f"  - match: {_q(h['match'])}\n    level: {h['level']}\n" for h in structure["headings"]]
    if not structure["headings"]:
        out[-1] = "headings: []\n"
    out.append("\n# A readable anchor for every heading (rename the drafted h1, h2 …).\n")
    out.append("ids:\n" if structure["ids"] else "ids: {}\n")
    out += [f"  {_q(text)}: {hid}\n" for text, hid in structure["ids"].items()]
    rules = structure["breaks"]
    out.append("\n# Which breaks between adjacent lines are candidates, each to be decided in breaks.yml.\n"
               f"breaks:\n  line_ends: {_q(rules['line_ends'])}\n  line_starts: {_q(rules['line_starts'])}\n"
               f"  after: {_q(rules['after'])}\n  short: {rules['short']}\n")
    if "furniture" in structure:
        out.append("\n# Page furniture (detected): not text; kept on the source page and in the TEI, joined across.\n"
                   "furniture:\n")
        out += [f"  - match: {_q(f['match'])}\n    kind: {f['kind']}\n"
                + ("    page_end: true   # only a page's last non-empty line (a note's number has the same form)\n"
                   if f.get("page_end") else "")
                + ("    sequence: true   # counted: 1, 2, 3 … (a number out of the count is text)\n"
                   + (f"    start: {f['start']}\n" if f.get("start", 1) != 1 else "")
                   + f"    end: {f['end']}\n" if f.get("sequence") else "") for f in structure["furniture"]]
    if "notes" in structure and structure["notes"].get("marker_lines"):
        out.append("\n# Notes that survive (detected): each marker on a line of its own before the text line it stands\n"
                   "# in (the first line holding n), the note's text after the second, up to the page's furniture.\n"
                   "# A note's text out of place or running on to the next page: add `continued: [{starts: <its\n"
                   "# first words there>, note: <number>}]`; a marker whose place `check` cannot tell: add\n"
                   "# `places: [{note: <number>, at: \"words|words\"}]`.\n"
                   f"notes:\n  number: {_q(structure['notes']['number'])}\n  marker_lines: true\n")
    elif "notes" in structure:
        notes = structure["notes"]
        out.append("\n# Notes that survive (detected): a marker glued to the text, the note's text after a line\n"
                   "# holding only its number, up to the page's furniture. A note running on to the next page:\n"
                   "# add `continued: [{starts: <its first words there>, note: <number>}]`.\n"
                   f"notes:\n  marker: {_q(notes['marker'])}\n  number: {_q(notes['number'])}\n")
    if "tables" in structure:
        out.append("\n# Tables (detected): each a block of its own, not numbered. Check the run (`lines`), the caption,\n"
                   "# and fill in what is null: `columns`, and `order` (rows or columns: the order the cells come in,\n"
                   "# one a line); add `header: N` for N header rows and an `id`.\n"
                   "tables:\n")
        for t in structure["tables"]:
            out.append(f"  - lines: [{t['lines'][0]}, {t['lines'][1]}]\n")
            if t.get("caption"):
                out.append("    caption: true\n")
            out.append(f"    columns: {t['columns'] if t['columns'] else 'null'}\n")
            out.append(f"    split: {_q(t['split'])}\n" if t.get("split") else "    order: columns\n")
    if "wrap" in structure:
        wrap = structure["wrap"]
        out.append("\n# The text is hard-wrapped (detected): lines join unless a rule here or breaks.yml says break.\n"
                   f"wrap:\n  break_before: {_q(wrap['break_before'])}\n  break_after: {_q(wrap['break_after'])}\n"
                   f"  width: {wrap['width']}\n")
    return "".join(out)


def breaks_yml(candidates, schemas):
    out = [header("breaks", schemas), BREAKS_HELP]
    if not candidates:
        return "".join(out) + "[]\n"
    for first, second, rule, at in candidates:
        out.append(f"\n- at: {_q(at)}\n  lines: \"{first}|{second}\"\n  rule: {_q(rule)}\n  decision: null\n")
    return "".join(out)


def edition_yml(name, digest, today, schemas):
    return header("edition", schemas) + f"""# What the edition is. Drafted by `init`: fill in every null (`check` lists them).
source:
  file: {name}
  sha256: {digest}
  language: zh-Hant
  origin: null        # where the source came from, and the command that extracted it

original:
  # Only what the source states; null where it says nothing (never invent).
  title: null
  author: null
  journal: null
  country: null
  language: zh-Hant
  # date: optional, the original's own date (a judgment's, a law's promulgation; YYYY-MM-DD)
  # submitted / accepted: optional, only when the source gives them (YYYY-MM-DD)

edition:
  title: null         # the source's title; or a supplied one in 〔〕 when it has none
  title_en: null
  short_title: null
  author_zh: null     # the author as the source names them, or 佚名
  author_en: null
  editor:             # the editorial body: editor and publisher of the edition
    id: null
    name: null
    name_en: null
  language: zh-Hant-TW
  url: null           # the canonical address once published
  issues: null        # the issue tracker, if any
  licence:
    id: null
    name: null
    url: null
    covers: null      # what the licence covers (the editorial work)
    article_zh: null  # the rights in the source text, as far as they are known
  history:
    - version: "0.1"
      date: {today}
      changes: []
"""


BREAKS_HELP = """# One decision per candidate break, drafted by `init` with `decision: null` (undecided).
#   at:        end of the first line|start of the next (unique in the text)
#   lines, rule: where and why `init` flagged it (for the editor)
#   decision:  join | join-note | break-note | break
#   certainty: certain | conjectural
#   reason:    why
"""

EMENDATIONS_HELP = """# Emendations change the reading and keep the original; annotations explain.
#   context, original, reading (emendations), type (emendation | annotation), certainty, reason
"""

INDEX_MD = """---
title: 首頁
---

# {{ title }}

*{{ title_en }}*

- [全文](text.md)：{{ paragraphs }} 段（`p1`–`{{ last_paragraph }}`），{{ emendations }} 處校改、{{ annotations }} 則按語。
- [校勘記](apparatus.md)：{{ decisions }} 項編輯決定。
- [原文](source.md)：{{ source_lines }} 行。
"""

ABOUT_MD = """---
title: 凡例
---

# 凡例

來源 `{{ source_name }}`（{{ source_chars }} 字元；SHA-256 `{{ source_sha256 }}`）。
版本 {{ version }}（{{ edition_date }}）。換行決定 {{ breaks }} 項。
"""
