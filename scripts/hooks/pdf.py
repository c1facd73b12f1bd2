"""MkDocs hook: the edition as one PDF, ``site/downloads/edition.pdf``, printed by chromium.

The text page and the apparatus page, each laid out by the print stylesheet (paragraph
numbers, lost-note marks, the notes, the apparatus), printed to PDF by Debian's chromium
through Playwright (the browser the tests use), then joined with pypdf. Chromium embeds
the CJK font it used (a subset).

* ``on_files`` registers the PDF, so that the home page's link to it is validated.
* ``on_post_build`` (priority -500) prints from the built pages: after the search and
  offline plugins (-100) and before the offline zip (-1000), which then holds the PDF.

Deterministic: chromium stamps the time of printing; the joined file carries the
metadata below instead, with SOURCE_DATE_EPOCH as its date, so two builds are identical.
"""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

PDF_URI = "downloads/edition.pdf"
PAGES = ("text.html", "apparatus.html")  # in this order
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
# A page number at the foot of each page; the header stays empty.
FOOTER = '<div style="width:100%;font-size:8pt;text-align:center;color:#555"><span class="pageNumber"></span></div>'


def on_files(files, config):
    if files.get_file_from_path(PDF_URI) is None:
        files.append(File.generated(config, PDF_URI, content=b""))
    return files


@event_priority(-500)
def on_post_build(config):
    site = Path(config["site_dir"])
    parts = print_pages([site / name for name in PAGES])
    target = site / PDF_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(join(parts, title=config["site_name"], stamp=_stamp(),
                         local=site.as_uri() + "/", published=config.get("site_url")))
    os.replace(tmp, target)


def print_pages(paths):
    """Each page, as the print stylesheet lays it out on A4, as PDF bytes."""
    if not Path(CHROMIUM).exists():
        raise PluginError(f"the PDF needs Debian's chromium at {CHROMIUM}: apt-get install chromium (make browser)")
    from playwright.sync_api import sync_playwright
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            for path in paths:
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                page.evaluate("() => document.fonts.ready")
                page.emulate_media(media="print")
                out.append(page.pdf(format="A4", display_header_footer=True, header_template="<span></span>",
                                    footer_template=FOOTER, margin={"top": "18mm", "bottom": "20mm",
                                                                    "left": "16mm", "right": "16mm"}))
        finally:
            browser.close()
    return out


def join(parts, title, stamp, local, published=None):
    """One PDF of the parts, with fixed metadata (no time of printing). Links to the site's
    other pages point at the published site when it has an address, and are dropped when it
    has none (a file:// path of the build folder means nothing to a reader)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject
    writer = PdfWriter()
    for part in parts:
        reader = PdfReader(io.BytesIO(part))
        for page in reader.pages:  # before appending, so that dropped links are not copied at all
            if "/Annots" not in page:
                continue
            kept = ArrayObject()
            for ref in page["/Annots"]:
                action = ref.get_object().get("/A") or {}
                uri = str(action.get("/URI", ""))
                if uri.startswith(local):
                    if not published:
                        continue
                    action[NameObject("/URI")] = TextStringObject(published.rstrip("/") + "/" + uri[len(local):])
                kept.append(ref)
            page[NameObject("/Annots")] = kept
        writer.append(reader)
    date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.metadata = {"/Title": title, "/Producer": "chromium (print), pypdf",
                       "/CreationDate": date, "/ModDate": date}
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _stamp():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)
