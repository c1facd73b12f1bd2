"""Load the edition's data files (YAML, JSON) into plain Python, with line numbers.

Every mapping loaded from YAML remembers the line it starts on (``LINE`` key),
so a decision that does not fit the text can be reported as ``file:line``.
"""

import json
from pathlib import Path

import yaml

from .errors import EditionError

LINE = "__line__"


class StartLine(int):
    """A mapping's first line; ``keys`` gives the line of each of its keys (for errors on one field)."""

    keys: dict


# libyaml's parser when PyYAML has it: the glossary parses ten times faster.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        line = StartLine(node.start_mark.line + 1)
        line.keys = {}
        for key_node, _ in node.value:
            line.keys.setdefault(key_node.value, key_node.start_mark.line + 1)
        mapping[LINE] = line
        return mapping


def load_yaml(path: Path, required=True):
    if not path.is_file():
        if not required:
            return None
        raise EditionError(path, "data file is missing — restore it from git or create it")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise EditionError(path, "data file is not UTF-8 — re-save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        # an unclosed quote is reported where it opened, not where the scanner gave up
        context = getattr(err, "context_mark", None)
        mark = context if context is not None and "end of stream" in str(err) else getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        line = mark.line + 1 if mark else None
        raise EditionError(path, f"malformed YAML ({problem}) — fix the syntax", line=line) from None


def load_json(path: Path, required=True):
    if not path.is_file():
        if not required:
            return None
        raise EditionError(path, "data file is missing — restore it from git or create it")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise EditionError(path, "data file is not UTF-8 — re-save it as UTF-8") from None
    except json.JSONDecodeError as err:
        raise EditionError(path, f"malformed JSON ({err.msg}) — fix the syntax", line=err.lineno) from None


def entries(data, path, what="a list of entries"):
    """A data file whose top level must be a list of mappings."""
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise EditionError(path, f"expected {what} (a YAML list of mappings) — check the indentation")
    return data
