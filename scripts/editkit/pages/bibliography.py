"""The bibliography page (引用文獻): the documents the article cites, by a CSL processor."""

from .. import bibliography
from ..inline import escape
from .common import front_matter

PAGE = "bibliography.md"


def render(edition):
    out = [front_matter("引用文獻", "文中所引文件：官方名稱、文中稱法、查證情形及引用段落；可下載 CSL-JSON、BibTeX、RIS。")]
    out.append("# 引用文獻\n")
    unverified = sum(1 for i in edition.bibliography if not i["custom"].get("verified"))
    out.append(f"文中所引或所稱的文件共 {len(edition.bibliography)} 種，依日期排列。原文注釋已佚，"
               "以下依正文所稱逐一查考：條目以 CSL 資料儲存，由 citeproc-py 依 CSL 官方 APA 第7版樣式檔排出，"
               f"並列文中所用的中文名稱。查無出處者標明「未查證」（{unverified} 種），不臆補網址、日期或作者。"
               "下載：[CSL-JSON](downloads/bibliography.json)、[BibTeX](downloads/bibliography.bib)、"
               "[RIS](downloads/bibliography.ris)。\n")
    rendered = bibliography.render(edition.bibliography)
    by_id = {b.id: b for b in edition.blocks}
    for item in edition.bibliography:
        custom = item["custom"]
        out.append(f"## {escape(custom['article_name'])} {{: #{item['id']} }}\n")
        out.append(f'<p class="csl-entry" lang="{item.get("language", "en")}">{rendered[item["id"]]}</p>\n')
        rows = []
        if item.get("note"):
            rows.append(f'- **說明**：<span lang="en">{escape(item["note"])}</span>')
        if custom.get("verified"):
            rows.append("- **查證**：已查證" + (f"；部分未查證：<span lang=\"en\">{escape(custom['unverified'])}</span>"
                                              if custom.get("unverified") else ""))
        else:
            rows.append(f'- **查證**：**未查證**。<span lang="en">{escape(custom.get("unverified", ""))}</span>')
        if custom.get("article_discrepancy"):
            rows.append(f'- **與原文出入**：<span lang="en">{escape(custom["article_discrepancy"])}</span>')
        links = "、".join(f"[¶ {by_id[b].n}](text.md#{b})" for b in custom["cited_in"])
        rows.append(f"- **引用段落**：{links}")
        out.append("\n".join(rows) + "\n")
    return "\n".join(out)
