#!/usr/bin/env python3
"""After `mkdocs build`: the downloads made from the built site, the PDF and then the offline
zip, which holds it (`make site` runs this).

    python scripts/site_downloads.py [-f mkdocs.yml] [-d SITE_DIR]

Printing a book with chromium is no part of building a site, so `mkdocs build` leaves it to
this step: the PDF (scripts/hooks/pdf.py, printed, or copied from .cache/pdf/ when the
printed pages and what they load are unchanged), then the whole site as one zip
(scripts/hooks/offline_zip.py). The configuration is MkDocs' own, with the hooks' on_config
run as in the build, so the PDF carries the build's title and address. `mike deploy` builds
the site it publishes itself: with EDITION_DOWNLOADS=1 the same hooks make both in its build.
"""

import argparse
import logging
import sys

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

PDF_HOOK, ZIP_HOOK = "scripts/hooks/pdf.py", "scripts/hooks/offline_zip.py"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs' configuration (default mkdocs.yml)")
    parser.add_argument("-d", "--site-dir", default=None, help="the built site (default: the configuration's site_dir)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        config = load_config(args.config_file, site_dir=args.site_dir)
        config = config.plugins.on_config(config)  # the hooks set site_name and site_url as in the build
        hooks = config["hooks"]
        hooks[PDF_HOOK].write_pdf(config)
        hooks[ZIP_HOOK].write_offline_zip(config)
    except MkDocsException as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
