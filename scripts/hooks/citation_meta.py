"""MkDocs hook: citation data in every page head (see editkit.citation), read from edition/edition.yml."""

import sys
from pathlib import Path


HEAD = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    sys.path.insert(0, str(root / "scripts"))
    from editkit import citation, metadata
    from editkit.build import read_meta

    meta = read_meta(root / "edition")
    HEAD["html"] = metadata.head(meta) + "\n" + citation.panel_data(meta)
    return config


def on_post_page(output, page, config):
    return output.replace("</head>", HEAD["html"] + "\n</head>", 1)
