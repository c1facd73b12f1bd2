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
import unicodedata
from collections import Counter
from pathlib import Path

from .errors import EditionError
from .source import check_source
from .structure import Layout

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
# What a page leaves in an extraction: page-number lines (printed 12, 10-3, - 12 -, 第 12 頁).
PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|\d{1,3}-\d{1,3}|-\s*\d{1,4}\s*-|第\s*\d{1,4}\s*頁)$")
RUNNING_HEAD_MIN = 3  # a short line repeated this often is a running head
NOTE_MARKERS = {
    "circled digits (①)": re.compile(r"[\u2460-\u2473]"),
    "digits glued to CJK text": re.compile(r"(?<=[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b])[1-9](?=[\u4e00-\u9fff\u3001\u3002\uff0c\uff1b]|$)"),
    "註/注 with a number": re.compile(r"[註注][0-9０-９一二三四五六七八九十]+"),
}


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
    structure = {"headings": [{"match": p, "level": lv} for p, lv in forms], "ids": {}, "breaks": BREAK_RULES}
    for n, (number, heading) in enumerate(headings, start=1):
        structure["ids"].setdefault(heading, f"h{n}")
    layout = Layout(structure, folder / "structure.yml")
    classified = layout.classify(text)
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
              f"{len(headings)} headings, {len(candidates)} candidate breaks left undecided; "
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
    pairs = [(a, b) for a, b in zip(classified, classified[1:]) if a.role == b.role == "body"]
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


def detected(lines):
    """What the source shows of its pages, notes and wrapping (comments in the drafted structure.yml)."""
    pages = [i for i, t in enumerate(lines, start=1) if PAGE_NUMBER.match(t)]
    counts = Counter(t for t in lines if t and len(t) <= HEADING_MAX and not PAGE_NUMBER.match(t))
    heads = sorted(t for t, c in counts.items() if c >= RUNNING_HEAD_MIN)
    markers = {what: sum(len(p.findall(t)) for t in lines) for what, p in NOTE_MARKERS.items()}
    widths = sorted(_columns(t) for t in lines if t)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    return pages, heads, markers, width


def _columns(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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
    pages, heads, markers, width = detected(lines)
    out.append("\n# Detected by `init`, for the editor (the build does not read these yet):\n")
    out.append(f"#   page-number lines: {len(pages)}" + (f" (source lines {', '.join(map(str, pages[:20]))}"
                                                        f"{' …' if len(pages) > 20 else ''})\n" if pages else "\n"))
    out.append(f"#   repeated short lines (running heads?): {len(heads)}"
               + (f": {', '.join(heads[:5])}\n" if heads else "\n"))
    out += [f"#   note markers, {what}: {n}\n" for what, n in markers.items()]
    out.append(f"#   wrap width: {width} columns (East-Asian wide characters count 2; 90th percentile)\n")
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
