"""Results of costly, pure computations kept between builds, so that a rebuild does not redo them.

A table holds the results computed by one engine set up one way (its *setup*: the library's
version, the files it reads, our code that drives it). The setup's hash names the table's file,
``.cache/edition/<kind>-<setup>.json`` (beside mkdocs.yml, as the PDF cache): anything that
changes the setup starts a new table, and a result is found there only by the hash of its own
inputs. So a result is reused only when everything it depends on is byte for byte the same.

Tables are read on first use and written once, at the end of a build (``save``), by the command
line (the edge); a build that does not save leaves the cache as it was.
"""

import hashlib
import json
import os
import sys
from importlib.util import find_spec
from pathlib import Path

FOLDER = Path(".cache") / "edition"
KEEP = 3  # tables kept per kind: the current setup and a few before it
OFF = "EDITION_NO_CACHE"  # environment: set to compute everything afresh (and store nothing)

_tables = {}


def digest(*parts):
    """One hash of the parts (text or bytes), each length-prefixed so that no two sequences collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(b"%d\0" % len(data) + data)
    return h.hexdigest()[:32]


def key_of(value, default=None):
    """The hash of a JSON value (the inputs of one result); ``default`` as json.dumps takes it."""
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False, default=default))


def installed(module, distribution):
    """The installed distribution that provides ``module``, with its version (from its
    .dist-info folder's name), found without importing the module: e.g. pypinyin-0.55.0."""
    spec = find_spec(module)
    if spec is None:  # not installed: the computation itself will say so
        return f"{distribution}-missing"
    where = Path(spec.submodule_search_locations[0] if spec.submodule_search_locations else spec.origin).parent
    return ",".join(sorted(p.name for p in where.glob(f"{distribution}-*.dist-info"))) or f"{distribution}-unknown"


def files_stamp(paths):
    """The names and bytes of ``paths`` (our code and data that an engine's results depend on)."""
    return digest(*(f"{Path(p).name}\0".encode("utf-8") + Path(p).read_bytes() for p in sorted(map(str, paths))))


class Table:
    def __init__(self, kind, setup):
        self.path = FOLDER / f"{kind}-{setup}.json"
        self.kind = kind
        self.entries = None
        self.changed = False

    def get(self, key, compute):
        """The stored result for ``key`` (a JSON value), or ``compute()`` stored under it."""
        if os.environ.get(OFF):
            return compute()
        if self.entries is None:
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # none yet, or pruned by a build beside this one
                self.entries = {}
            if not isinstance(self.entries, dict):  # not a table we wrote: start afresh
                self.entries = {}
        if key not in self.entries:
            self.entries[key] = compute()
            self.changed = True
        return self.entries[key]


def table(kind, *setup):
    """The table of ``kind`` for this setup (strings that, together, determine every result)."""
    setup_key = digest(sys.version, *setup)
    if (kind, setup_key) not in _tables:
        _tables[(kind, setup_key)] = Table(kind, setup_key)
    return _tables[(kind, setup_key)]


def save():
    """Write the tables that gained results; keep only the newest KEEP of each kind."""
    for t in _tables.values():
        if not t.changed:
            continue
        try:
            t.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = t.path.with_name(f"{t.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(t.entries, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(tmp, t.path)  # atomically: a build beside this one never reads half a file
            others = sorted((p for p in FOLDER.glob(f"{t.kind}-*.json") if p != t.path), key=_mtime, reverse=True)
            for old in others[KEEP - 1:]:
                old.unlink(missing_ok=True)
        except OSError:  # a folder we may not write to: the build stands, the next one computes again
            pass
        t.changed = False


def _mtime(path):
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
