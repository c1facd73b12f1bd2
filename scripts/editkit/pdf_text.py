"""The PDF's text layer: each glyph named by the character the page has there.

A font may draw several code points with one glyph: Noto CJK draws the Kangxi radical ⽂
(U+2F42) and 文 (U+6587) with one glyph, ⻑ (U+2ED1) and 長 (U+9577) with another, ∕
(U+2215) and ／ (U+FF0F) with a third. A PDF's /ToUnicode CMap names one code point per
glyph, and chromium often picks the one the page does not have (the radical), so copying or
searching the PDF misses the word. These pure functions find, from the font's own cmap, the
code point sharing the glyph that the printed pages do use, and rewrite a /ToUnicode CMap to
name it. (The I/O, reading the font files and the PDF, is in hooks/pdf.py.)
"""

from __future__ import annotations

import re

# CJK Radicals Supplement and Kangxi Radicals: never meant where a page has the ideograph
RADICALS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
# Which twin is preferred when the pages use several: the unified ideographs (the URO, then
# the extensions A, B to I), then any other by code point.
UNIFIED = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x323AF))


def is_radical(code_point: int) -> bool:
    return any(lo <= code_point <= hi for lo, hi in RADICALS)


def radicals_in(text: str) -> set[str]:
    return {c for c in text if is_radical(ord(c))}


def _rank(code_point: int) -> tuple[int, int]:
    group = next((i for i, (lo, hi) in enumerate(UNIFIED) if lo <= code_point <= hi), len(UNIFIED))
    return group, code_point


def glyph_twins(cmap: dict[int, str], used: set[str], names: set[str] | None = None) -> dict[str, str]:
    """For a font's cmap (code point -> glyph name) and the characters the printed pages use:
    each character the pages do not use (of ``names``, or of the whole cmap), mapped to the
    one they use that the font draws with the same glyph (⻑ -> 長 when the pages have 長 and
    not ⻑). A character the pages use keeps its name, so a radical in the text stays one."""
    used_by_glyph: dict[str, list[int]] = {}
    for character in used:
        glyph = cmap.get(ord(character))
        if glyph is not None:
            used_by_glyph.setdefault(glyph, []).append(ord(character))
    twins = {}
    for code_point in sorted(cmap if names is None else {ord(c) for c in names if len(c) == 1}):
        candidates = used_by_glyph.get(cmap.get(code_point), [])
        if chr(code_point) not in used and candidates:
            twins[chr(code_point)] = chr(min(candidates, key=_rank))
    return twins


# --- /ToUnicode CMaps (PDF 32000-1:2008, 9.10.3; Adobe Technical Note #5411) -----------------

_SECTION = re.compile(rb"(\d+)\s+begin(bfchar|bfrange)\s(.*?)end\2", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")
_PER_SECTION = 100  # the most entries one bfchar section may hold


def _text(hexdigits: bytes) -> str:
    return bytes.fromhex(re.sub(rb"\s", b"", hexdigits).decode()).decode("utf-16-be", "surrogatepass")


def _hex(text: str) -> str:
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def parse_tounicode(data: bytes) -> list[tuple[str, str]]:
    """The CMap's mappings as (source code in hex, as the CMap writes it; text), in order."""
    entries = []
    for _count, kind, body in _SECTION.findall(data):
        if kind == b"bfchar":
            codes = _HEX.findall(body)
            entries += [(codes[i].decode().upper(), _text(codes[i + 1])) for i in range(0, len(codes) - 1, 2)]
            continue
        for lo, hi, target in _RANGE.findall(body):
            width, first, last = len(lo), int(lo, 16), int(hi, 16)
            if target.startswith(b"["):
                texts = [_text(t) for t in _HEX.findall(target)]
            else:  # the last UTF-16 unit counts up along the range
                start = _text(target[1:-1])
                texts = [start[:-1] + chr(ord(start[-1]) + i) for i in range(last - first + 1)]
            entries += [(f"{first + i:0{width}X}", t) for i, t in enumerate(texts)]
    return entries


def rewrite_tounicode(data: bytes, twins: dict[str, str]) -> bytes | None:
    """The CMap with every character in ``twins`` replaced by its twin, or None if it names none.
    The header (code space, system info) and the trailer stay as they were; the mappings are
    written anew as bfchar entries, which any reader takes."""
    entries = parse_tounicode(data)
    rewritten = [(code, "".join(twins.get(c, c) for c in text)) for code, text in entries]
    if rewritten == entries:
        return None
    sections = list(_SECTION.finditer(data))
    head, tail = data[:sections[0].start()], data[sections[-1].end():]
    body = []
    for i in range(0, len(rewritten), _PER_SECTION):
        chunk = rewritten[i:i + _PER_SECTION]
        body.append(f"{len(chunk)} beginbfchar\n"
                    + "".join(f"<{code}> <{_hex(text)}>\n" for code, text in chunk) + "endbfchar")
    return head + "\n".join(body).encode("ascii") + tail
