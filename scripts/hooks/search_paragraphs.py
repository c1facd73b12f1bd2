"""MkDocs hook: the edition's own search data, behind Material's search box and result list.

Material's search plugin stays for its box, dialog, keyboard shortcuts and result list;
what it would index is replaced by data the reader loads only when opening search:

* every page is excluded from Material's lunr index (front matter ``search: exclude``, set
  here for all pages), and the files Material and its offline plugin write for it
  (search/search_index.json and .js) are removed: nothing fetches them;
* overrides/main.html points Material at docs/assets/javascripts/
  search-worker.js and renames the search form, so that Material's bundle fetches no
  index at page load; docs/assets/javascripts/search.js starts that worker only when the
  reader opens search;
* this hook writes ``search/manifest.js`` and ``search/shard-N.js`` (scripts, so that they
  load from file:// too): the paragraphs of docs/downloads/paragraphs.json, the sections
  of the other pages, the glossary's other names (docs/.site.json: editkit.hook_data) and the
  source's readings where the edition emends it (docs/downloads/edition.tei.xml, TEI
  <sic>). The format is described in scripts/editkit/search_index.py.

Hook priorities: ``on_page_context`` at 10 (before the search plugin, at 0, reads the
page's front matter); ``on_post_build`` at -110 (after the offline plugin, at -100, has
written search_index.js, before the offline zip at -1000).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.etree import ElementTree

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WORKER = "assets/javascripts/search-worker.js"
DATA = "search"                 # folder of the site that holds the data

_pages: dict = {}


def _kit(config):
    root = Path(config.config_file_path).parent
    if str(root / "scripts") not in sys.path:
        sys.path.insert(0, str(root / "scripts"))
    from editkit import search_index
    from editkit.pages import source, text
    return search_index, {text.PAGE[:-3] + ".html", source.PAGE[:-3] + ".html"}


def on_config(config):
    _pages.clear()
    return config


@event_priority(10)  # before Material's search plugin reads the page's front matter
def on_page_context(context, page, config, nav):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    _pages[page.file.dest_uri] = {
        "title": page.title or "",
        "content": page.content or "",
        "toc": [(a.id, a.title) for a in _flat(page.toc)],
    }
    return context


def on_post_page(output, page, config):
    if WORKER not in output or 'name="search"' in output:
        raise PluginError(
            f"overrides/main.html: {page.file.dest_uri} does not name the "
            f"edition's search worker ({WORKER}) or still has Material's search form name; "
            "Material's templates changed: update the two replacements there")
    return output


def _flat(toc):
    for anchor in toc:
        yield anchor
        yield from _flat(anchor.children)


@event_priority(-110)  # after the offline plugin wrote search_index.js, before the zip
def on_post_build(config):
    kit, heading_only = _kit(config)
    docs_dir, site = Path(config["docs_dir"]), Path(config["site_dir"])
    downloads = docs_dir / "downloads"
    try:
        paragraphs = json.loads((downloads / "paragraphs.json").read_text(encoding="utf-8"))["paragraphs"]
        glossary = json.loads((downloads / "glossary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as e:
        raise PluginError(f"{downloads}: cannot read paragraphs.json or glossary.json ({e}); "
                          "run `python scripts/edition.py build` first") from None
    from editkit import hook_data
    from opencc import OpenCC

    text_page = _page_of(paragraphs)
    readings = _source_readings(downloads / "edition.tei.xml", {p["id"] for p in paragraphs})
    docs = kit.paragraph_documents(paragraphs, glossary, readings, text_page)
    covered = {f"L{n}" for p in paragraphs for n in p.get("source_lines") or []}  # source lines a paragraph holds
    for path, page in sorted(_pages.items(), key=lambda kv: (kv[0] != "index.html", kv[0])):
        if path == "404.html":
            continue
        docs += kit.page_documents(path, page["title"], page["content"], page["toc"], glossary,
                                   heading_only=path in heading_only or path == text_page, covered=covered)
    name_list = hook_data.read(docs_dir)["search_names"]  # kit.names of each entry, by edition.py build
    t2s = OpenCC("t2s").convert
    strings = [doc[1] + doc[2] + doc[3] for doc in docs] + [n for pair in name_list for n in pair[0] + pair[1]]
    table = kit.fold_table(strings, t2s)
    groups = kit.shards(docs)
    files = [f"shard-{i}.js" for i in range(len(groups))]
    pages = {path: page["title"] for path, page in _pages.items()}
    manifest = kit.manifest(groups, name_list, table, pages, files)

    folder = site / DATA
    for name in ("search_index.json", "search_index.js"):   # Material's, fetched by nothing now
        (folder / name).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in [("manifest.js", manifest), *zip(files, groups)]:
        (folder / name).write_text(kit.data_script(name, data), encoding="utf-8")


def _page_of(paragraphs):
    """The page that holds the paragraphs: the one whose headings are their sections."""
    sections = {p.get("section") for p in paragraphs if p.get("section")}
    for path, page in sorted(_pages.items()):
        if sections & {hid for hid, _ in page["toc"]}:
            return path
    raise PluginError("search: no page holds the paragraphs' sections (docs/downloads/paragraphs.json)")


def _source_readings(path, ids):
    """Each paragraph as the source reads it (TEI <sic> for <corr>), where the edition emends."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as e:
        raise PluginError(f"{path}: cannot read the TEI export ({e}); run `python scripts/edition.py build`") \
            from None
    skip = {TEI + "corr", TEI + "note"}

    def reading(el):
        parts = [el.text or ""]
        for child in el:
            if child.tag not in skip:
                parts.append(reading(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return {el.get(XML_ID): reading(el) for el in root.iter()
            if el.get(XML_ID) in ids and el.find(f".//{TEI}sic") is not None}
