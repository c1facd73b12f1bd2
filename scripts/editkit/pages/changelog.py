"""The changelog page (版本紀錄): every published version, newest first, from edition.yml
`edition.history`, each with the address where it stays readable when one is configured."""

import html

from .. import address
from ..inline import escape
from .common import front_matter

PAGE = "changelog.md"


def render(meta):
    ed = meta["edition"]
    root = address.root_url(meta)
    # Not in the search index: a search of the edition looks for the article's words and the
    # editors' notes on them, not for release notes.
    out = [front_matter("版本紀錄", "本版歷次版本：版本號、日期與變更；每一版本皆保留於固定位址，可據以引用。",
                       searchable=False),
           "# 版本紀錄\n",
           f"現行版本為 **{escape(ed['version'])}**（{ed['date']}）。引用時請註明版本：各版本發布後即固定不變，"
           "舊版仍可在其原位址閱讀，並標示已有較新版本。\n"]
    for entry in reversed(ed["history"]):
        version = str(entry["version"])
        out.append(f"## {escape(version)}（{entry['date']}） {{: #v{version.replace('.', '-')} }}\n")
        if root:
            out.append(f"位址：<{root}{version}/>\n")
        out += [f"- {escape(change)}" for change in entry.get("changes") or []]
        if entry.get("changes_en"):
            items = "".join(f"<li>{html.escape(change)}</li>" for change in entry["changes_en"])
            out += ["", f'<ul lang="en">{items}</ul>']
        out.append("")
    return "\n".join(out)
