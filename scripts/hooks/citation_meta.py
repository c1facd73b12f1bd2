"""MkDocs hook: machine-readable metadata in page heads, read from edition/edition.yml.

* The citation block (Highwire, Dublin Core, Open Graph type, JSON-LD: editkit.metadata) goes
  on the full-text page only: one block for the work, on the page with its full text. The
  abstract it carries is the article's Chinese abstract, taken from the edition's model.
* Every page gets the cite panel's data (editkit.citation).
"""

import sys
from pathlib import Path


HEAD = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    sys.path.insert(0, str(root / "scripts"))
    from editkit import citation, metadata
    from editkit.build import edition_folder, make_edition, read_inputs
    from editkit.pages import text

    edition = make_edition(read_inputs(edition_folder(root)), check_lock=False)
    meta = edition.meta
    abstract = next((b.text for b in edition.blocks if b.id == "abstract-zh"), None)
    HEAD["full_text_page"] = text.PAGE
    HEAD["citation"] = metadata.head(meta, abstract)
    HEAD["html"] = citation.panel_data(meta)
    return config


def on_post_page(output, page, config):
    extra = HEAD["html"]
    if page.file.src_uri == HEAD["full_text_page"]:
        extra = HEAD["citation"] + "\n" + extra
    return output.replace("</head>", extra + "\n</head>", 1)
