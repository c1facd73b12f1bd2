"""MkDocs hook: the edition's name, canonical address and footer, from edition/edition.yml as
`scripts/edition.py build` wrote them for the hooks (docs/.site.json, editkit.hook_data).

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
    if str(root / "scripts") not in sys.path:
        sys.path.insert(0, str(root / "scripts"))
    from editkit import hook_data
    from editkit.errors import EditionError

    # What `scripts/edition.py build` wrote for the hooks (docs/.site.json): the edition's name,
    # description, version and footer, without reading and checking edition.yml again.
    try:
        data = hook_data.read(config["docs_dir"])
        hook_data.check_address(data, Path(config["docs_dir"]) / hook_data.FILE)
    except EditionError as err:
        raise PluginError(f"error: {err}") from None
    # The site's name and description are the edition's (edition.yml), not the config's: the
    # frame never names another edition. EDITION_DIR picks the edition (default edition/).
    config["site_name"] = data["site_name"]
    config["site_description"] = data["site_description"]
    deploying = os.environ.get(MIKE_VERSION)
    if deploying and deploying != data["version"]:
        raise PluginError(f"edition/edition.yml: mike deploys version {deploying}, but the last entry of "
                          f"`edition.history` is {data['version']} — deploy that version, or add "
                          f"{deploying} to the history")
    if not deploying:
        # Not a mike deploy (make site, a local server, the offline copy): no versions.json
        # stands beside this build, so Material's version selector would ask for a missing file.
        config["extra"].pop("version", None)
    config["site_url"] = data["site_url"]
    config["extra"]["edition_root"] = data["root_url"]  # the outdated banner links there
    config["copyright"] = data["copyright"]
    return config


@event_priority(-500)  # after MkDocs writes the sitemaps, before the offline zip (-1000)
def on_post_build(config):
    if config["site_url"]:
        return
    for name in SITEMAPS:
        path = os.path.join(config["site_dir"], name)
        if os.path.exists(path):
            os.remove(path)
