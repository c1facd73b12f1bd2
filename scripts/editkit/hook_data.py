"""What the MkDocs hooks take from the edition, written by `scripts/edition.py build` as
``docs/.site.json`` (MkDocs publishes no dot-file): the site's name, description, version and
footer, the address the pages were built for, the citation block and cite-panel data of
the page heads, and the glossary's names for search (pinyin made here, through the glossary's
cache of pypinyin's readings). The hooks read this file instead of building the edition's model again, so
that `mkdocs build` costs what MkDocs costs (issue 9).
"""

import json
from pathlib import Path

from .errors import EditionError

FILE = ".site.json"


def files(edition):
    return {FILE: json.dumps(hook_data(edition), ensure_ascii=False, indent=1, sort_keys=True) + "\n"}


def hook_data(edition):
    # imported here: the hooks import this module to read the file, and need none of these
    from . import address, citation, exports, glossary, metadata, responsibility, search_index
    from .pages import text

    meta = edition.meta
    ed = meta["edition"]
    abstract = next((b.text for b in edition.blocks if b.id == "abstract-zh"), None)
    return {
        "site_name": ed.get("site_name") or f"{ed['short_title']}〔校勘本〕",
        "site_description": ed.get("description") or ed["title"],
        "version": ed["version"],
        "copyright": responsibility.footer(meta),
        "configured_url": ed.get("url"),          # edition.yml's address (EDITION_URL may override it)
        "root_url": address.root_url(meta),       # the address the pages were built for
        "site_url": address.version_url(meta),
        "full_text_page": text.PAGE,
        "citation_head": metadata.head(meta, abstract),
        "cite_panel": citation.panel_data(meta),
        # each glossary entry's names for search (its forms; variants, English, Russian, pinyin)
        "search_names": [search_index.names(entry, glossary.toneless) for entry in exports.glossary(edition)],
    }


def read(docs):
    """The hooks' data, as the last `scripts/edition.py build` into ``docs`` wrote it."""
    path = Path(docs) / FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EditionError(path, f"cannot be read ({err.__class__.__name__}) — run `python scripts/edition.py build` "
                                 "first (make site does)") from None



def check_address(data, path):
    """The address MkDocs builds for now (EDITION_URL, else edition.yml's) must be the one the
    pages were built for: they name it too (the About page, the downloads)."""
    from . import address
    now = address.root_url({"edition": {"url": data["configured_url"]}})
    if now != data["root_url"]:
        raise EditionError(path, f"the pages were built for the address {data['root_url']}, MkDocs builds for {now} "
                                 "— run `python scripts/edition.py build` with the same EDITION_URL first")
