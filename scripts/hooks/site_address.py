"""MkDocs hook: the edition's name, canonical address and footer, from edition/edition.yml.

* on_config: `site_name`, `site_description` = edition.yml's `edition.site_name` (default: the
  short title + 〔校勘本〕) and `edition.description` (default: the title). The edition is
  edition/, or the folder the environment variable EDITION_DIR names.

* on_config: `site_url` = the current version's published address (editkit.address:
  `edition.url` or the environment variable EDITION_URL, plus `<version>/`). MkDocs and
  Material then write every `<link rel="canonical">` and the sitemap from it. With no address
  there is no site_url: pages carry no canonical link (`scripts/edition.py build` says so in
  one line; a warning logged here would fail `mkdocs build --strict`).
  `copyright` = who edited the edition and under what licence (editkit.responsibility),
  shown in every page's footer.
* on_post_build: with no address, MkDocs' sitemap.xml and sitemap.xml.gz would list no page
  (an empty <urlset>, invalid against sitemaps.org's schema): they are removed, before the
  offline zip (priority -1000) packs the site.

Published with mike (README, Publish), each version at `<root><version>/`: `mike deploy`
must name the version edition.yml's history ends with, or the build stops. Material's version
selector (`extra.version` in mkdocs.yml) is kept only in a mike deploy, where versions.json
exists one level up; other builds drop it.
"""

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
MIKE_VERSION = "MIKE_DOCS_VERSION"  # set by `mike deploy <version>` for the build it runs


@event_priority(-50)  # after mike's plugin, which would append its version to site_url again
def on_config(config):
    root = Path(config.config_file_path).parent
    sys.path.insert(0, str(root / "scripts"))
    from editkit import address, responsibility
    from editkit.build import edition_folder, read_meta

    meta = read_meta(edition_folder(root))
    # The site's name and description are the edition's (edition.yml), not the config's: the
    # frame never names another edition. EDITION_DIR picks the edition (default edition/).
    ed = meta["edition"]
    config["site_name"] = ed.get("site_name") or f"{ed['short_title']}〔校勘本〕"
    config["site_description"] = ed.get("description") or ed["title"]
    deploying = os.environ.get(MIKE_VERSION)
    if deploying and deploying != meta["edition"]["version"]:
        raise PluginError(f"edition/edition.yml: mike deploys version {deploying}, but the last entry of "
                          f"`edition.history` is {meta['edition']['version']} — deploy that version, or add "
                          f"{deploying} to the history")
    if not deploying:
        # Not a mike deploy (make site, a local server, the offline copy): no versions.json
        # stands beside this build, so Material's version selector would ask for a missing file.
        config["extra"].pop("version", None)
    config["site_url"] = address.version_url(meta)
    config["extra"]["edition_root"] = address.root_url(meta)  # the outdated banner links there
    config["copyright"] = responsibility.footer(meta)
    return config


@event_priority(-500)  # after MkDocs writes the sitemaps, before the offline zip (-1000)
def on_post_build(config):
    if config["site_url"]:
        return
    for name in SITEMAPS:
        path = os.path.join(config["site_dir"], name)
        if os.path.exists(path):
            os.remove(path)
