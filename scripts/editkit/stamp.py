"""An unchanged build writes nothing, as `make` would.

After a build, a stamp records what it read and what it wrote, each by its SHA-256: every data
file of the edition folder (present or not), the source, the page templates (and which there
are), our code (every file of editkit/), the installed packages, Python's version, the
environment the output depends on (EDITION_URL), and every file it wrote in
docs/ with docs/.generated. The next build that finds all of these as recorded has nothing to
do and says so; any difference, however small, means a full build. EDITION_NO_CACHE (memo.OFF)
turns the stamp off: every build is a full one, and none is recorded.

The stamp lives beside the engines' cache, in .cache/built/<docs folder's hash>.json (a cold
build, with no .cache/, is a full one).
"""

import hashlib
import json
import os
import sys
from pathlib import Path

from . import memo

FOLDER = Path(".cache") / "built"
# What the pages depend on besides the files. Not SOURCE_DATE_EPOCH: only `lock` and `init`
# read it (the Makefile sets it from the last commit, which would otherwise rebuild everything
# after every commit); tests/test_unchanged_build.py checks that the pages do not change with it.
ENVIRONMENT = ("EDITION_URL",)
CODE = Path(__file__).resolve().parent  # editkit/: its modules, schemas, CSL styles
GENERATED_LIST = ".generated"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def file_hash(path):
    """The file's SHA-256, or None when it is not there."""
    try:
        return sha256(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def setup():
    """One hash of what is not an edition file: our code, Python, the installed packages, the environment."""
    code = sorted(p for p in CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    packages = sorted(entry.name for place in sys.path if os.path.isdir(place)
                      for entry in os.scandir(place) if entry.name.endswith((".dist-info", ".egg-info")))
    return memo.digest(sys.version, *packages, *(f"{n}={os.environ.get(n, '')}" for n in ENVIRONMENT),
                       *(f"{p.relative_to(CODE).as_posix()}\0".encode() + p.read_bytes() for p in code))


def templates(folder):
    """The page templates an edition folder holds (pages/*.md), as the build reads them."""
    return sorted((Path(folder) / "pages").glob("*.md"))


def _path(docs):
    return FOLDER / f"{memo.digest(str(Path(docs).resolve()))}.json"


def unchanged(folder, docs):
    """The stamp of the last build into ``docs`` if its inputs and outputs are all as it recorded them, else None."""
    if os.environ.get(memo.OFF):
        return None
    try:
        last = json.loads(_path(docs).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict) or last.get("folder") != str(Path(folder).resolve()):
        return None
    if [p.name for p in templates(folder)] != last.get("templates"):
        return None
    if any(file_hash(path) != digest for path, digest in last.get("inputs", {}).items()):
        return None
    if any(file_hash(Path(docs) / name) != digest for name, digest in last.get("outputs", {}).items()):
        return None
    return last if last.get("setup") == setup() else None


def record(folder, docs, before, inputs, outputs, summary):
    """Write the stamp of a build that read ``inputs`` (paths; ``before``: their hashes as the
    build began) and wrote ``outputs`` ({name in docs: SHA-256}, docs/.generated too). Nothing is
    recorded when an input changed while the build ran: the next build is then a full one."""
    if os.environ.get(memo.OFF):
        return
    now = {str(p): file_hash(p) for p in inputs}
    if any(now.get(str(p)) != digest for p, digest in before.items()):
        return
    stamp = {"folder": str(Path(folder).resolve()), "setup": setup(), "templates": [p.name for p in templates(folder)],
             "inputs": now, "outputs": outputs, "summary": summary}
    try:
        FOLDER.mkdir(parents=True, exist_ok=True)
        tmp = _path(docs).with_name(f"{_path(docs).name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(stamp, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
        os.replace(tmp, _path(docs))
    except OSError:  # a folder we may not write to: the next build is a full one
        pass

