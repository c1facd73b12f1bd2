"""Read the source text and prove it is the one the edition was made from."""

import hashlib
from pathlib import Path

from .errors import EditionError

BOM = b"\xef\xbb\xbf"


def read_source(path: Path, expected_sha256: str) -> str:
    """Return the source text, or fail with one line naming the file and the fix."""
    if not path.is_file():
        raise EditionError(path, "source file is missing — copy the original text here byte-for-byte")
    data = path.read_bytes()
    return check_source(path, data, expected_sha256)


def check_source(path, data: bytes, expected_sha256: str) -> str:
    if not data.strip():
        raise EditionError(path, "source file is empty — restore the original text")
    if data.startswith(BOM):
        raise EditionError(path, "source starts with a byte-order mark (BOM) — save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        hint = " (it looks like Big5: convert it with `iconv -f BIG5 -t UTF-8`)" if _looks_big5(data) else ""
        line = data[: err.start].count(b"\n") + 1
        raise EditionError(path, f"source is not UTF-8{hint} — re-save it as UTF-8", line=line) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise EditionError(path, "source has CRLF or CR line endings — convert them to LF (e.g. `dos2unix`)", line=line)
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected_sha256:
        raise EditionError(
            path,
            f"source checksum {digest[:12]}… differs from the recorded {expected_sha256[:12]}… — "
            "restore the original file; the source is never edited (corrections go in edition/emendations.yml)",
        )
    return text


def _looks_big5(data: bytes) -> bool:
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True
