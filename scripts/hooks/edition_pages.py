"""MkDocs hook: the edition's pages are made from its data when MkDocs needs them.

* `mkdocs serve` (and `make serve`): before every build the pages are generated again from the
  edition folder (edition/, or EDITION_DIR), which MkDocs watches: an edit to the data shows in
  the browser, and a fresh clone serves without a `make docs` first. Only files whose bytes
  change are written, so the rebuild the writes cause finds nothing more to do.
* `mkdocs build`: the pages are generated only when they are missing (no docs/.generated);
  `make site` generates them itself (scripts/edition.py build) before MkDocs runs.
* DOCS_DIR (environment) replaces mkdocs.yml's docs_dir: another edition's pages, elsewhere.

Bad data stops the build with the editor's error lines (the same as `scripts/edition.py check`).
"""

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

STATE = {"serving": False}
DOCS_DIR = "DOCS_DIR"  # environment: the pages folder, instead of mkdocs.yml's docs_dir


def on_startup(command, dirty):
    STATE["serving"] = command == "serve"


@event_priority(100)  # before the other hooks read what the pages hold
def on_config(config):
    root = Path(config.config_file_path).parent
    sys.path.insert(0, str(root / "scripts"))
    from editkit.build import edition_folder

    if os.environ.get(DOCS_DIR):  # another edition's pages, in another folder (tests; a second preview)
        config["docs_dir"] = os.path.abspath(os.environ[DOCS_DIR])
    folder = edition_folder(root)
    if STATE["serving"] and str(folder) not in map(str, config["watch"]):
        config["watch"].append(str(folder))
    docs = Path(config["docs_dir"])
    if not (docs / ".generated").exists():  # a fresh clone: pages the other hooks and MkDocs read
        _generate(folder, docs)
    return config


def on_pre_build(config):
    if STATE["serving"]:  # a change in the watched edition folder: its pages again
        root = Path(config.config_file_path).parent
        from editkit.build import edition_folder
        _generate(edition_folder(root), Path(config["docs_dir"]))


def _generate(folder, docs):
    from editkit.cli import build_pages
    from editkit.errors import EditionError, EditionErrors

    try:
        build_pages(folder, docs)
    except EditionErrors as errs:
        raise PluginError("\n".join(f"error: {e}" for e in errs.errors)) from None
    except EditionError as err:
        raise PluginError(f"error: {err}") from None
