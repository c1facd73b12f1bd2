"""Small helpers shared by the page renderers."""

import datetime
import re

KIND_LABELS = {
    "join": "併行",
    "join-note": "併行・佚注",
    "break-note": "分段・佚注",
    "break": "分段",
    "emendation": "校改",
    "annotation": "按語",
}
CERTAINTY_LABELS = {"certain": "確定", "conjectural": "推測"}
SIGLA = {"emendation": "校", "annotation": "按"}


def front_matter(title, description="", searchable=True):
    lines = ["---", f"title: {title}"]
    if description:
        lines.append(f"description: {description}")
    if not searchable:  # reached through the paragraphs' own index entries instead
        lines += ["search:", "  exclude: true"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def para_label(block):
    """How a reader names a block: ¶ 12, or its front-matter id."""
    return f"¶ {block.n}" if block.numbered else block.id


def roc_to_ce(text):
    """民國 date as written (96年8月15日) → ISO date (2007-08-15)."""
    m = re.fullmatch(r"([0-9]+)年([0-9]+)月([0-9]+)日", text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    return datetime.date(year + 1911, month, day).isoformat()


def ce_words(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"

