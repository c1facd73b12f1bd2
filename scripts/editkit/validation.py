"""Check a data file against its JSON Schema (scripts/editkit/schemas/), every problem at once.

The schemas say what each file must hold (fields, kinds of value, allowed words); the
build's steps then take the data as checked and look only at what a schema cannot say
(whether a context occurs in the text, whether a decision fits a break). Each problem
becomes one EditionError with the file, the line of the entry it concerns (YAML files),
and what to do.
"""

import datetime
import json
from functools import lru_cache
from pathlib import Path

from . import memo
from .data import LINE
from .errors import EditionError

FOLDER = Path(__file__).resolve().parent / "schemas"
# data file -> its schema, in scripts/editkit/schemas/
SCHEMAS = {
    "edition.yml": "edition.schema.json",
    "structure.yml": "structure.schema.json",
    "breaks.yml": "breaks.schema.json",
    "emendations.yml": "emendations.schema.json",
    "glossary.yml": "glossary.schema.json",
    "bibliography.json": "bibliography.schema.json",
    "anchors.lock.json": "anchors.lock.schema.json",
}


@lru_cache(maxsize=None)
def validator(name):
    from jsonschema import Draft7Validator, FormatChecker  # only when a file is not known valid (below)
    schema = json.loads((FOLDER / SCHEMAS[name]).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


def problems(name, data, path):
    """Every way ``data`` (as loaded from ``path``) departs from the schema of ``name``, in file order.

    Data already found valid against the same schema (the cache, editkit.memo, keyed by the data
    as JSON, the schemas, jsonschema's version and this file) is not checked again."""
    as_json = plain(data)
    try:
        inputs = memo.key_of([name, as_json])
    except TypeError:  # a value JSON cannot hold: checked, not cached
        inputs = None
    if inputs is not None and _known_valid().get(inputs, lambda: validator(name).is_valid(as_json)):
        return []
    found = []
    for err in validator(name).iter_errors(as_json):
        where = list(err.absolute_path)
        about = _item(data, where) if str(path).endswith(".json") else ""  # JSON: no lines, name the item
        found.append(EditionError(path, about + _message(err, where), line=_line(data, where)))
    return sorted(found, key=lambda e: (e.line or 0, e.message))


@lru_cache(maxsize=None)
def _known_valid():
    files = [Path(__file__), *(p for p in FOLDER.iterdir() if p.is_file())]
    return memo.table("valid", memo.installed("jsonschema", "jsonschema"), memo.files_stamp(files))


def plain(value):
    """The data as JSON would hold it: no line keys, dates as ISO text (YAML reads 2026-01-01 as a date)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _line(data, where):
    """The line of the field with the problem, else of the innermost mapping on the way to it."""
    line, node = None, data
    for key in where:
        if isinstance(node, dict):
            line = node.get(LINE, line)
            line = getattr(line, "keys", {}).get(key, line)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict):
        line = node.get(LINE, line)
    return int(line) if line is not None else None


def _name(where):
    out = ""
    for key in where:
        out += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _item(data, where):
    """For a JSON array of items (no line numbers): which item, by its id."""
    if where and isinstance(where[0], int) and isinstance(data, list) and isinstance(data[where[0]], dict):
        return f"item {data[where[0]].get('id', where[0] + 1)!r}: "
    return ""


def _message(err, where):
    field = _name(where)
    described = err.schema.get("description")
    hint = f" ({described})" if described else ""
    kind = err.validator
    if kind == "required":
        key = err.message.split("'")[1]
        full = f"{field}.{key}" if field else key
        return f"`{full}` is missing — add it"
    if kind == "enum":
        allowed = ", ".join("null (undecided)" if v is None else str(v) for v in err.validator_value)
        return f"`{field}` is {err.instance!r} — use one of: {allowed}"
    if kind == "const":
        return f"`{field}` is {err.instance!r} — use {err.validator_value!r}"
    if kind == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a whole number",
                 "number": "a number", "boolean": "true or false", "null": "null"}
        what = " or ".join(words.get(w, w) for w in wanted)
        if isinstance(err.instance, dict) and "string" in wanted:  # YAML read `a: b` inside a line as a mapping
            return f"`{field}` is read as a mapping, not one line of text (a `: ` inside it?) — put it in quotes"
        return f"`{field or 'the file'}` is {_kind(err.instance)}, not {what} — write it as {what}{hint}"
    if kind == "pattern":
        return f"`{field}` {err.instance!r} does not have the expected form — correct it{hint}"
    if kind == "format":
        return f"`{field}` {err.instance!r} is not a valid regular expression — fix it"
    if kind in ("minItems", "minLength"):
        return f"`{field}` is empty — fill it in{hint}"
    return f"`{field or 'the file'}`: {err.message} — correct it{hint}"


def _kind(value):
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
