"""MkDocs hook: the edition's pages are made from its data when MkDocs needs them.

* `mkdocs serve` (and `make serve`): before every build (in on_config, which MkDocs runs for
  each rebuild, before the other hooks read docs/.site.json) the pages are generated again from the
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


@event_priority(100)  # before the other hooks read what the pages hold (docs/.site.json among them)
def on_config(config):
    root = Path(config.config_file_path).parent
    if str(root / "scripts") not in sys.path:
        sys.path.insert(0, str(root / "scripts"))
    if os.environ.get(DOCS_DIR):  # another edition's pages, in another folder (tests; a second preview)
        config["docs_dir"] = os.path.abspath(os.environ[DOCS_DIR])
    docs = Path(config["docs_dir"])
    # editkit.build (and pypinyin, citeproc below it) is imported only when pages are made:
    # a build whose pages `scripts/edition.py build` wrote needs none of it.
    if STATE["serving"]:  # every rebuild (MkDocs calls on_config again): the edition's pages anew
        from editkit.build import edition_folder
        folder = edition_folder(root)
        if str(folder) not in map(str, config["watch"]):
            config["watch"].append(str(folder))
        _generate(folder, docs)
    elif not all((docs / name).exists() for name in (".generated", ".site.json")):  # a fresh clone
        from editkit.build import edition_folder
        _generate(edition_folder(root), docs)
    return config


def _generate(folder, docs):
    from editkit.cli import build_pages
    from editkit.errors import EditionError, EditionErrors

    try:
        build_pages(folder, docs)
    except EditionErrors as errs:
        raise PluginError("\n".join(f"error: {e}" for e in errs.errors)) from None
    except EditionError as err:
        raise PluginError(f"error: {err}") from None
