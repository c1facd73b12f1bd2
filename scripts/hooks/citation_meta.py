"""MkDocs hook: machine-readable metadata in page heads, from edition/edition.yml.

* The citation block (Highwire, Dublin Core, Open Graph type, JSON-LD: editkit.metadata) goes
  on the full-text page only: one block for the work, on the page with its full text. The
  abstract it carries is the article's Chinese abstract, taken from the edition's model.
* Every page gets the cite panel's data (editkit.citation).

Both are rendered by `scripts/edition.py build`, which has the edition's model, into
docs/.site.json (editkit.hook_data); this hook only reads them (site_address.py has read the
file and checked its address).
"""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

HEAD = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    if str(root / "scripts") not in sys.path:
        sys.path.insert(0, str(root / "scripts"))
    from editkit import hook_data
    from editkit.errors import EditionError

    try:
        data = hook_data.read(config["docs_dir"])
    except EditionError as err:
        raise PluginError(f"error: {err}") from None
    HEAD["full_text_page"] = data["full_text_page"]
    HEAD["citation"] = data["citation_head"]
    HEAD["html"] = data["cite_panel"]
    return config


def on_post_page(output, page, config):
    extra = HEAD["html"]
    if page.file.src_uri == HEAD["full_text_page"]:
        extra = HEAD["citation"] + "\n" + extra
    return output.replace("</head>", extra + "\n</head>", 1)
