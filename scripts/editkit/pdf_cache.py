"""A cache of printed PDFs, so that a rebuild with nothing changed does not print again.

A PDF is determined by how it is printed (the hook's code, chromium's and the libraries'
versions, the installed fonts, the metadata written into it: the *setup*) and by what it is
printed from (the pages and every file they load: the *resources*). Which files a page loads
is known only once it has been printed, so the cache has two levels, like ccache's manifests:

* ``<setup key>.json`` lists the resources the last print with that setup loaded;
* ``<setup key>-<resources key>.pdf`` is the PDF printed from exactly those files, the
  resources key hashing each file's name and bytes (a missing file counts as missing).

A lookup hashes the listed files as they are now: a PDF is reused only if every one of them
is byte for byte what it was printed from. Only the newest ``KEEP`` PDFs are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

KEEP = 6  # PDFs kept (about 2 MB each): the published and unpublished builds, a few edits back


def setup_key(parts: dict[str, bytes | str]) -> str:
    """One hash of named parts (the order they are given in does not matter)."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        value = parts[name].encode("utf-8") if isinstance(parts[name], str) else parts[name]
        digest.update(f"{name}\0{len(value)}\0".encode("utf-8") + value)
    return digest.hexdigest()[:32]


def resources_key(names: list[str], read: Callable[[str], bytes | None]) -> str:
    """One hash of the resources' names and their bytes now (``read`` gives None if missing)."""
    digest = hashlib.sha256()
    for name in sorted(set(names)):
        data = read(name)
        state = "missing" if data is None else hashlib.sha256(data).hexdigest()
        digest.update(f"{name}\0{state}\n".encode("utf-8"))
    return digest.hexdigest()[:32]


def lookup(folder: Path, setup: str, read: Callable[[str], bytes | None]) -> tuple[Path, bytes] | None:
    """The cached PDF (its path and bytes) printed with this setup from resources that are
    all unchanged, or None."""
    manifest = folder / f"{setup}.json"
    try:
        names = json.loads(manifest.read_text(encoding="utf-8"))["resources"]
        pdf = folder / f"{setup}-{resources_key(names, read)}.pdf"
        return pdf, pdf.read_bytes()
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or pruned by a build beside this one
        return None


def store(folder: Path, setup: str, names: list[str], read: Callable[[str], bytes | None],
          pdf: bytes) -> Path:
    """Keep ``pdf``, printed with this setup from the resources ``names``; drop the oldest."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{setup}-{resources_key(names, read)}.pdf"
    _write(target, pdf)
    _write(folder / f"{setup}.json", json.dumps({"resources": sorted(set(names))}, indent=1).encode("utf-8"))
    for pattern, newest in (("*.pdf", target), ("*.json", folder / f"{setup}.json")):
        _prune(folder, pattern, newest)
    return target


def _prune(folder: Path, pattern: str, newest: Path) -> None:
    """Keep ``newest`` and the KEEP - 1 most recent others (a file written within the same
    clock tick may carry the same time, so the newest is named, not guessed)."""
    others = sorted((p for p in folder.glob(pattern) if p != newest), key=_mtime, reverse=True)
    for old in others[KEEP - 1:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # removed by a build beside this one
        return 0


def _write(path: Path, data: bytes) -> None:
    """Atomically, so that a build running beside this one never reads half a file."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
