"""Who answers for the edition and under what terms: the editorial body, the licence of the
editorial work, the article's rights (its author's), and where to report an error.

The same statements fill the footer of every page (Material's `copyright` setting, set by
scripts/hooks/site_address.py) and the About page's section (template fields). All of it
comes from edition.yml `edition.editor`, `edition.licence` and `edition.issues`; with no
issue tracker named, readers are told to write to the editors, and no address is invented.
"""

import html


ABOUT_ANCHOR = "about.html#responsibility"


def checked_licence(meta):
    """edition.yml's `edition.licence` (its keys checked against schemas/edition.schema.json)."""
    return meta["edition"]["licence"]


def licence_label(licence):
    """CC-BY-4.0 → CC BY 4.0, the form Creative Commons uses in its own notices."""
    return licence["id"].replace("-", " ")


def report_errors_markdown(meta):
    issues = meta["edition"].get("issues")
    if issues:
        return f"發現錯誤請至[本專案的問題追蹤頁]({issues})回報。"
    return "發現錯誤請告知編者（本版尚未設立公開的問題追蹤頁）。"


def figures(meta):
    """Template fields for the About page: {{ editor_name }} and the rest."""
    ed = meta["edition"]
    licence = checked_licence(meta)
    return {
        "editor_name": ed["editor"]["name"],
        "editor_name_en": ed["editor"]["name_en"],
        "licence_label": licence_label(licence),
        "licence_name": licence["name"],
        "licence_url": licence["url"],
        "licence_covers": licence["covers"],
        "article_rights": licence["article_zh"],
        "report_errors": report_errors_markdown(meta),
    }


def footer(meta):
    """The footer line of every page, as HTML (Material puts `copyright` in as it is)."""
    ed = meta["edition"]
    licence = checked_licence(meta)
    e = html.escape
    issues = ed.get("issues")
    report = (f'<a href="{e(issues, quote=True)}">回報錯誤</a>' if issues else "錯誤請告知編者")
    return (f"編校及出版：{e(ed['editor']['name'])}。"
            f'編輯工作採 <a href="{e(licence["url"], quote=True)}" rel="license">{e(licence_label(licence))}</a> 授權，'
            f"程式碼採 MIT 授權。{e(licence['article_zh'])}"
            f'<a href="{ABOUT_ANCHOR}">權責與授權</a>・{report}')
