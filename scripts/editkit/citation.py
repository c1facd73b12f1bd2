"""How to cite the edition and its paragraphs: every form rendered by one CSL engine (editkit.csl)
from the official style files, for the edition as one CSL item (editkit.work.edition_item).

The reader's "cite" panel needs the paragraph number, the paragraph's address and the day of
access, which only the reader's browser knows. Each style is therefore rendered once at build
time with sentinels in their place (a locator, a URL and an access date no real citation has);
the rendered text is searched for them and they become the placeholders {n}, {url} and
{accessed}, which cite.js fills. A style that prints a sentinel in a form the panel cannot
fill stops the build: nothing is ever patched into a style's output by hand.

The abstracts are front matter, outside the paragraph numbering: they are cited as the whole
edition, with no locator ("in_text_whole"; their own address, text.html#abstract-zh, is the
{url} where a style prints one). A CSL "section" locator was tried and rejected: APA prints
"Section abstract", Chicago and MLA "sec. abstract", none of them a form their manuals give.
"""

import json

from . import address, csl, work
from .errors import EditionError

PARAGRAPH = "paragraph"
TEXT_PAGE = "text.html"

# Sentinels: values no citation of this edition can contain.
N_SENTINEL = "987654"
URL_SENTINEL = "https://sentinel.invalid/citation-url"
ACCESSED_SENTINEL = [1111, 11, 11]
ACCESSED_CHECK = [2222, 2, 22]   # a second date: a style printing the date in another form is caught


def text_page_url(meta):
    """The canonical address of the text page (the paragraphs' page), or None."""
    return address.page_url(meta, TEXT_PAGE)


def cited_item(meta, url=None, accessed=None):
    """The edition item as a paragraph citation sees it: with the paragraph's URL and the
    access date only when the edition has an address (no address, no URL, no access date)."""
    item = work.edition_item(meta)
    item.pop("URL", None)
    if url:
        item["URL"] = url
        item["accessed"] = {"date-parts": [accessed]}
    return item


def templates(meta):
    """{style: {label, reference, in_text, in_text_whole}}: plain text with {n}, {url}, {accessed}
    left open; in_text names the paragraph {n}, in_text_whole the edition with no locator."""
    has_url = text_page_url(meta) is not None
    out = {}
    for key, style in csl.styles().items():
        filled = _render(meta, key, has_url, ACCESSED_SENTINEL)
        if has_url:
            if _render(meta, key, has_url, ACCESSED_CHECK) != filled:
                raise EditionError(style.path, "the style prints the access date in a form other than "
                                               "YYYY-MM-DD, which the cite panel cannot fill — choose another style")
        out[key] = {"label": style.label, **filled}
    return out


def _render(meta, key, has_url, accessed):
    """Both forms as plain text, the sentinels turned into placeholders."""
    item = cited_item(meta, URL_SENTINEL if has_url else None, accessed)
    rendered = csl.render(item, key, (PARAGRAPH, N_SENTINEL))
    whole = csl.render(item, key)
    iso = "{:04d}-{:02d}-{:02d}".format(*accessed)
    out = {}
    for part, html in (("reference", rendered.reference), ("in_text", rendered.citation),
                       ("in_text_whole", whole.citation)):
        text = csl.plain(html)
        if text.count(N_SENTINEL) > 1:
            raise EditionError(csl.styles()[key].path, f"the {part} names the paragraph more than once — report this")
        out[part] = text.replace(N_SENTINEL, "{n}").replace(URL_SENTINEL, "{url}").replace(iso, "{accessed}")
    return out


def fill(template, n, url="", accessed=""):
    return template.replace("{n}", str(n)).replace("{url}", url).replace("{accessed}", accessed)


def example(meta, n=12, accessed="〈存取日期〉"):
    """Each style filled for one paragraph, as the About page shows it: {style: (reference, in_text)}."""
    url = text_page_url(meta)
    url = f"{url}#p{n}" if url else ""
    return {key: (fill(t["reference"], n, url, accessed), fill(t["in_text"], n, url, accessed))
            for key, t in templates(meta).items()}


def panel_data(meta):
    """The cite panel's data, as a script element for the page head: the canonical address of
    the text page (null without a configured address) and each style's templates."""
    data = {"page": text_page_url(meta), "styles": templates(meta)}
    return '<script type="application/json" id="edition-citation">' + script_json(data) + "</script>"


def script_json(data):
    # "</" must not close the script element early
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
