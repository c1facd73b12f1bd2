"""The edition's canonical address: where it is published, and where each version stays.

`edition.url` in edition.yml (or the environment variable EDITION_URL, which the publishing
workflow sets to the address its host gives the site) is the published root. Each version
is published under its own path, `<root><version>/`, and stays there: a citation that names
a version can always be opened at that version's words. With no address configured every
function here returns None, and callers omit the URL rather than invent one.
"""

import os

ENV = "EDITION_URL"


def root_url(meta):
    """The published root, ending in /, or None when no address is configured."""
    url = os.environ.get(ENV) or meta["edition"].get("url")
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def version_url(meta):
    """The address of the current version's copy (MkDocs' site_url), or None."""
    root = root_url(meta)
    return f"{root}{meta['edition']['version']}/" if root else None


def page_url(meta, page="", fragment=""):
    """The canonical address of a page of the current version (`text.html`, `p12`), or None."""
    base = version_url(meta)
    if base is None:
        return None
    return base + page + (f"#{fragment}" if fragment else "")
