"""Page furniture: the lines of a printed page that are not the text (structure.yml `furniture`).

A rule is a pattern and a kind. A rule with `sequence: true` also counts: the number its
pattern captures must be the previous match's number + 1 (the first one `start`, default 1),
so that the margin line numbers 1 … 310 of a judgment are told apart from a date's "1" or
"25" standing alone on a line. A line that matches but is behind the count is text; one
ahead of it means numbers were lost (a skip), reported with the count's end if it stops short.
A rule with `page_end: true` takes only the last non-empty line of a page (a page number set
below the notes, where a note's marker or number can have the same form).
"""

import re
from dataclasses import dataclass

from .data import LINE
from .errors import EditionError

# Each kind as TEI's <fw type> (the Guidelines' suggested values: header, footer, pageNum, lineNum, sig, catch).
TEI_TYPES = {
    "page-number": "pageNum",
    "running-head": "header",
    "running-foot": "footer",
    "header": "header",
    "line-number": "lineNum",
}


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    kind: str
    sequence: bool = False
    start: int = 1
    end: int = 0  # the last number of the count (0: not declared)
    at: int = None  # the entry's line in structure.yml, for errors
    page_end: bool = False  # only a page's last non-empty line


def rules(entries):
    """The `furniture` entries of structure.yml (checked against its schema), compiled."""
    return [Rule(re.compile(e["match"]), e["kind"], bool(e.get("sequence")), int(e.get("start", 1)),
                 int(e.get("end") or 0), e.get(LINE), bool(e.get("page_end"))) for e in entries or []]


def classify(texts, rules_, path, page_ends=frozenset()):
    """Which lines (1-based numbers into ``texts``, each without its surrounding spaces) are furniture:
    ({number: kind}, [problems]). A line goes to the first rule that takes it; ``page_ends``: the
    numbers of each page's last non-empty line (structure.page_ends)."""
    found, problems = {}, []
    expected = {i: rule.start for i, rule in enumerate(rules_) if rule.sequence}
    last = {}  # sequence rule -> (number, line) of its last match
    for number, text in enumerate(texts, start=1):
        if not text:
            continue
        for i, rule in enumerate(rules_):
            if rule.page_end and number not in page_ends:
                continue
            match = rule.pattern.search(text)
            if not match:
                continue
            if rule.sequence:
                value = _counted(match)
                if value is None:
                    problems.append(EditionError(path, f"`furniture` pattern `{rule.pattern.pattern}` with `sequence` "
                                                       f"captures {match.group(rule.pattern.groups and 1)!r} on source "
                                                       f"line {number}, not a number — capture the number in group 1",
                                                 rule.at))
                    continue
                if value < expected[i]:
                    continue  # behind the count: the same form in the text (a date's day), not furniture
                if value > expected[i]:
                    problems.append(EditionError(path, _skip_message(rule, expected[i], value, number, last.get(i)),
                                                 rule.at))
                expected[i], last[i] = value + 1, (value, number)
            found[number] = rule.kind
            break
    for i, rule in enumerate(rules_):
        if rule.sequence and rule.end and expected[i] <= rule.end:
            where = f"at {expected[i] - 1} (source line {last[i][1]})" if i in last else "before it began"
            problems.append(EditionError(path, f"the `{rule.kind}` count `{rule.pattern.pattern}` ends {where}, "
                                               f"short of `end: {rule.end}` — find the missing numbers in the source "
                                               "(or correct `end`)", rule.at))
    return found, problems


def _counted(match):
    try:
        return int(match.group(1) if match.re.groups else match.group(0))
    except ValueError:
        return None


def _skip_message(rule, expected, value, number, last):
    after = f"after {last[0]} (source line {last[1]})" if last else f"at its start ({rule.start})"
    return (f"the `{rule.kind}` count `{rule.pattern.pattern}` skips from {expected} to {value} on source line "
            f"{number}, {after} — a number is missing or this line is text: correct the pattern or `start`")
