"""The editorial principles as the About page states them, as plain text for the TEI header.

The About page (edition/pages/about.md, filled with the build's figures) numbers its principles
in the section whose heading carries the id `principles`; each item begins with its label in
bold (`1. **校改**：…`). edition.yml's `tei.editorialDecl` says which TEI part states which.
"""

import re

SECTION = "principles"
ITEM = re.compile(r"^\d+\.\s+(.*)$")
LABEL = re.compile(r"\*\*(.+?)\*\*")


def from_about(markdown):
    """[(label, text)] of the numbered items under the `principles` heading, Markdown removed."""
    items, inside = [], False
    for line in markdown.split("\n"):
        if line.startswith("#"):
            inside = "{: #" + SECTION + " }" in line
            continue
        if not inside:
            continue
        m = ITEM.match(line)
        if m:
            items.append(m.group(1).strip())
        elif items and line.strip():
            items[-1] += line.strip()
    out = []
    for item in items:
        label = LABEL.search(item)
        out.append((label.group(1) if label else "", plain(item)))
    return out


def plain(markdown):
    """Inline Markdown as the reader sees it: links, emphasis and code marks removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)
    return text.replace("`", "")
