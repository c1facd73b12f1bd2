"""MkDocs hook: the edition as one PDF, ``site/downloads/edition.pdf``, printed by chromium.

The text page and the apparatus page, each laid out by the print stylesheet (paragraph
numbers, lost-note marks, the notes, the apparatus), printed to PDF by Debian's chromium
through Playwright (the browser the tests use), then joined with pikepdf (qpdf). Chromium embeds
the CJK font it used (a subset).

Printing a book costs seconds to minutes (a chromium launch, the layout of every page), a
cost a site build does not have: `mkdocs build` and `mkdocs serve` do not print. The PDF is
made after the build, from the built pages, by ````scripts/edition.py downloads`` (``write_pdf``,
then the offline zip, which holds it; `make site` runs it), or by this hook in the build
itself when the environment asks for it (``EDITION_DOWNLOADS=1``: `mike deploy`, which
builds the site it publishes).

* ``on_files`` registers the PDF, so that the home page's link to it is validated; without
  ``EDITION_DOWNLOADS=1``, ``on_post_build`` removes the empty placeholder MkDocs wrote.
* ``on_post_build`` (priority -500) with ``EDITION_DOWNLOADS=1`` prints from the built
  pages: after the search and offline plugins (-100) and before the offline zip (-1000),
  which then holds the PDF.

Deterministic: chromium stamps the time of printing; the joined file carries the
metadata below instead, with SOURCE_DATE_EPOCH as its date, so two builds are identical.

The text layer names the characters the pages have: where a font draws two code points with
one glyph, chromium's /ToUnicode CMaps may name the other one (the radical ⻑ for 長, ⽂ for
文, ∕ for ／); ``fix_text_layer`` rewrites them from the cmap of the font file each PDF font
came from, to name the one the printed pages use (editkit.pdf_text).

Printing costs seconds (a chromium launch and two prints), so the result is cached in
``.cache/pdf/`` beside mkdocs.yml (editkit.pdf_cache): a rebuild whose pages, the files they
load, fonts, chromium, this code and the metadata are unchanged copies the PDF printed
before, byte for byte. Delete the folder to print anew.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SCRIPTS = Path(__file__).resolve().parent.parent
if str(SCRIPTS) not in sys.path:  # editkit, for the pure parts
    sys.path.insert(0, str(SCRIPTS))
from editkit import pdf_cache, pdf_text  # noqa: E402

log = logging.getLogger("mkdocs.hooks.pdf")

PDF_URI = "downloads/edition.pdf"
ASKED = "EDITION_DOWNLOADS"  # environment: "1" makes `mkdocs build` print the PDF itself (mike deploy)
PAGES = ("text.html", "apparatus.html")  # in this order
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
CACHE = Path(".cache") / "pdf"  # beside mkdocs.yml
LIBRARIES = ("playwright", "pikepdf", "fonttools")  # whose versions the PDF depends on
# A page number at the foot of each page; the header stays empty.
FOOTER = '<div style="width:100%;font-size:8pt;text-align:center;color:#555"><span class="pageNumber"></span></div>'


def on_files(files, config):
    if files.get_file_from_path(PDF_URI) is None:  # so that the home page's link to it is validated
        files.append(File.generated(config, PDF_URI, content=b""))
    return files


@event_priority(-500)
def on_post_build(config):
    if os.environ.get(ASKED) == "1":  # a mike deploy: this build is published as it is
        write_pdf(config)
    else:  # the placeholder MkDocs wrote: `edition.py downloads` prints the PDF after the build
        (Path(config["site_dir"]) / PDF_URI).unlink(missing_ok=True)


def write_pdf(config):
    """Print the built site's text and apparatus into ``site/downloads/edition.pdf`` (or copy
    the PDF printed before from the same files, from the cache)."""
    root = Path(config["config_file_path"]).parent
    site = Path(config["site_dir"])
    title, stamp, published = config["site_name"], _stamp(), config.get("site_url")
    setup = pdf_cache.setup_key(_setup(title, stamp, published))
    folder, read = root / CACHE, _reader(site)
    cached = pdf_cache.lookup(folder, setup, read)
    if cached is not None:
        path, pdf = cached
        log.info(f"PDF: {PDF_URI} reused from {path.relative_to(root)}")
    else:
        parts, loaded = print_pages([site / name for name in PAGES])
        resources = [_resource(url, site) for url in loaded]
        pdf = join(parts, title=title, stamp=stamp, local=site.as_uri() + "/", published=published,
                   used=_characters(resources, read))
        stored = pdf_cache.store(folder, setup, resources, read, pdf)
        log.info(f"PDF: {PDF_URI} printed, cached as {stored.relative_to(root)}")
    target = site / PDF_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, target)


def _setup(title, stamp, published):
    """What determines the PDF besides the pages and the files they load."""
    code = (Path(__file__).resolve(), SCRIPTS / "editkit" / "pdf_text.py", SCRIPTS / "editkit" / "pdf_cache.py")
    _need_chromium()
    return {
        "code": b"".join(p.read_bytes() for p in code),
        "chromium": _run([CHROMIUM, "--version"]),
        "libraries": " ".join(f"{name}=={metadata.version(name)}" for name in LIBRARIES),
        "fonts": "\n".join(sorted(_run(["fc-list", "--format", "%{file}|%{index}|%{postscriptname}|%{fontversion}\n"])
                                  .splitlines())),
        "metadata": f"{title}\n{stamp.isoformat()}\n{published or ''}",
    }


def _need_chromium():
    if not Path(CHROMIUM).exists():
        raise PluginError(f"the PDF needs Debian's chromium at {CHROMIUM}: apt-get install chromium (make browser)")


def _run(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise PluginError(f"the PDF needs `{args[0]}`, which failed ({error}): apt-get install chromium fontconfig")


def _resource(url, site):
    """A file a page loaded, by its path in the site (``site:...``) or on the machine."""
    path = Path(unquote(urlsplit(url).path))
    try:
        return "site:" + path.relative_to(site).as_posix()
    except ValueError:
        return str(path)


def _characters(resources, read):
    """The characters the printed pages use: in their HTML and their stylesheets (generated
    content), and the page numbers of the footer."""
    used = set(FOOTER) | set("0123456789")
    for name in resources:
        if name.endswith((".html", ".css")):
            used |= set((read(name) or b"").decode("utf-8", "replace"))
    return used


def _reader(site):
    def read(name):
        path = site / name[len("site:"):] if name.startswith("site:") else Path(name)
        try:
            return path.read_bytes()
        except OSError:
            return None
    return read


def print_pages(paths):
    """Each page, as the print stylesheet lays it out on A4, as PDF bytes; and the URLs of
    every file the pages loaded (file:// URLs, the pages themselves among them)."""
    _need_chromium()
    from playwright.sync_api import sync_playwright
    out, loaded = [], set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()  # one page prints both
            page.on("request", lambda request: loaded.add(request.url))
            for path in paths:
                page.goto(path.as_uri(), wait_until="load")
                page.evaluate("() => document.fonts.ready")
                page.emulate_media(media="print")
                out.append(page.pdf(format="A4", display_header_footer=True, header_template="<span></span>",
                                    footer_template=FOOTER, margin={"top": "18mm", "bottom": "20mm",
                                                                    "left": "16mm", "right": "16mm"}))
        finally:
            browser.close()
    return out, sorted(url for url in loaded if url.startswith("file:"))


def join(parts, title, stamp, local, published=None, used=None):
    """One PDF of the parts, with fixed metadata (no time of printing) and, given the
    characters the pages ``used``, a text layer that names those (fix_text_layer). Links to the site's
    other pages point at the published site when it has an address, and are dropped when it
    has none (a file:// path of the build folder means nothing to a reader).

    pikepdf (qpdf) joins and writes: it copies a part's objects without making Python objects
    of them, where pypdf parsed every object of a book-length print (most of the PDF step's
    time at ×100, issue 9)."""
    import pikepdf
    out = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(part)) for part in parts]  # open until the joined file is saved
    try:
        for source in sources:
            if used is not None:
                fix_text_layer(source, used)
            for page in source.pages:  # before copying, so that dropped links are not copied at all
                if "/Annots" not in page.obj:
                    continue
                kept = pikepdf.Array()
                for annotation in page.obj.Annots:
                    action = annotation.get("/A")
                    uri = str(action.get("/URI", "")) if action is not None else ""
                    if uri.startswith(local):
                        if not published:
                            continue
                        action.URI = pikepdf.String(published.rstrip("/") + "/" + uri[len(local):])
                    kept.append(annotation)
                page.obj.Annots = kept
            out.add_pages_from(source)  # with the named destinations its internal links go to
        for source in sources:  # and the others (every id of the pages): edition.pdf#p12 opens there
            if "/Dests" not in source.Root:
                continue
            if "/Dests" not in out.Root:
                out.Root.Dests = out.make_indirect(pikepdf.Dictionary())
            for name, destination in source.Root.Dests.items():
                if name not in out.Root.Dests:
                    out.Root.Dests[name] = out.copy_foreign(source.make_indirect(destination))
        date = stamp.strftime("D:%Y%m%d%H%M%S+00'00'")
        for key, value in (("/Title", title), ("/Producer", "chromium (print), pikepdf (qpdf)"),
                           ("/CreationDate", date), ("/ModDate", date)):
            out.docinfo[key] = pikepdf.String(value)
        buffer = io.BytesIO()
        out.save(buffer, static_id=True)  # a fixed /ID: the same pages give the same bytes
        return buffer.getvalue()
    finally:
        for source in sources:
            source.close()


def fix_text_layer(pdf, used):
    """Rewrite, in place, each font's /ToUnicode CMap (in a pikepdf.Pdf) that names a character
    the pages do not use where the font draws one they use with the same glyph, to name that one."""
    import pikepdf
    fonts = []  # (PDF font, its /ToUnicode stream, the characters it names that the pages do not use)
    for font in pdf.objects:
        if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font" and "/ToUnicode" in font:
            cmap = font.ToUnicode
            unused = set("".join(text for _, text in pdf_text.parse_tounicode(cmap.read_bytes()))) - used
            if unused:
                fonts.append((font, cmap, unused))
    if not fonts:
        return
    names = {}  # the characters to rename, by font (chromium's Type 3 fonts hold 256 glyphs each)
    for font, _, unused in fonts:
        names.setdefault(_font_name(font), set()).update(unused)
    faces = _installed_faces()
    twins = {}
    for name, unused in names.items():
        if name in faces:
            twins[name] = _twins(*faces[name], used, unused)
        elif pdf_text.radicals_in("".join(unused)):
            raise PluginError(f"the PDF's text names radicals in the font {name}, which fc-list does not "
                              "list: install the font chromium printed with (fonts-noto-cjk)")
    for font, cmap, _ in fonts:
        rewritten = pdf_text.rewrite_tounicode(cmap.read_bytes(), twins.get(_font_name(font), {}))
        if rewritten is not None:
            cmap.write(rewritten)


def _font_name(font):
    """The PostScript name of the font a PDF font was made from, without the subset tag."""
    descriptor = font.get("/FontDescriptor")
    name = str(descriptor["/FontName"] if descriptor is not None else font.get("/BaseFont", ""))
    name = name.lstrip("/")
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _installed_faces():
    """Each installed font face by its PostScript name: (file, index in the collection)."""
    faces = {}
    for line in _run(["fc-list", "--format", "%{postscriptname}|%{file}|%{index}\n"]).splitlines():
        name, path, index = line.rsplit("|", 2) if line.count("|") >= 2 else (line, "", "0")
        if path:
            faces.setdefault(name, (path, int(index or 0)))
    return faces


def _twins(path, index, used, names):
    """The twins (pdf_text.glyph_twins) of ``names`` in that font file's cmap."""
    from fontTools.ttLib import TTFont
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return pdf_text.glyph_twins(font.getBestCmap(), used, names)


def _stamp():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)
