"""MkDocs hook: the whole built site as one zip, for readers who want it on their own disk.

``site/downloads/edition-offline.zip`` holds every file of the built site (but
itself and ``404.html``) under one folder, ``edition-offline/``; unpacked, its ``index.html``
opens from disk (Material's offline plugin makes navigation and search work
from ``file://``).

* ``on_files`` registers the zip as a generated file, so that MkDocs knows it
  exists: the home page links to it with a plain Markdown link, which strict
  mode validates like any other.
* The zip is packed after the PDF, so that it holds it: by ``scripts/edition.py downloads``
  after `mkdocs build` (``write_offline_zip``; `make site` runs it), or, when the
  environment asks for it (``EDITION_DOWNLOADS=1``: `mike deploy`), by ``on_post_build``
  at the end of the build (priority -1000, after the search plugin, the offline plugin
  at -100, the PDF at -500 and any other hook). Otherwise ``on_post_build`` removes the
  empty placeholder MkDocs wrote.

``404.html`` stays out: it is the error page a server shows at any depth, so with a
site_url MkDocs links it to the published root (``/<path>/assets/...``), which does not
exist inside the folder; from disk no server ever shows it.

The archive is deterministic, so two builds of the same input are byte-identical:
entries sorted by path, each with the same timestamp (``SOURCE_DATE_EPOCH``, or
1980-01-01 without it), the same permissions and the same compression.
"""

from __future__ import annotations

import os
import re
import time
import zipfile

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ZIP_URI = "downloads/edition-offline.zip"
FOLDER = "edition-offline"          # the one folder the archive unpacks into
ZIP_EPOCH_MIN = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
ZIP_EPOCH_MAX = (2107, 12, 31, 23, 59, 58)
SERVER_ONLY = ("404.html",)  # not packed: see above
ASKED = "EDITION_DOWNLOADS"  # environment: "1" makes `mkdocs build` pack the zip itself (mike deploy)
COMPRESSLEVEL = 6  # zlib's default: 4× faster than 9 on this site, 2% larger


def on_files(files, config):
    if files.get_file_from_path(ZIP_URI) is None:
        files.append(File.generated(config, ZIP_URI, content=b""))
    return files


@event_priority(-1000)  # after every plugin and hook has written its files
def on_post_build(config):
    if os.environ.get(ASKED) == "1":  # a mike deploy: this build is published as it is
        write_offline_zip(config)
    else:  # the placeholder MkDocs wrote: `edition.py downloads` packs the site after the PDF
        os.remove(os.path.join(config["site_dir"], *ZIP_URI.split("/")))


def write_offline_zip(config):
    """The built site (PDF included, when printed) as ``site/downloads/edition-offline.zip``."""
    site = config["site_dir"]
    target = os.path.join(site, *ZIP_URI.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = target + ".tmp"
    server_only = {os.path.abspath(os.path.join(site, name)) for name in SERVER_ONLY}
    write_zip(site, tmp, exclude={os.path.abspath(target), os.path.abspath(tmp)} | server_only)
    os.replace(tmp, target)


def write_zip(root, dest, exclude=frozenset(), stamp=None):
    """Zip every file below ``root`` (sorted, fixed metadata) into ``dest``."""
    stamp = stamp or _timestamp()
    paths = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = os.path.join(folder, name)
            if os.path.abspath(path) not in exclude and os.path.isfile(path):
                paths.append(os.path.relpath(path, root).replace(os.sep, "/"))
    with zipfile.ZipFile(dest, "w") as archive:
        for rel in sorted(paths):
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=stamp)
            info.create_system = 3                 # Unix, so the permissions below are read
            info.external_attr = 0o100644 << 16    # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(root, rel), "rb") as handle:
                data = handle.read()
            if rel.endswith(".html"):
                data = without_links_to_the_zip(data)
            archive.writestr(info, data, compresslevel=COMPRESSLEVEL)


# A link from a page to the archive itself (relative: the site has no published address),
# which cannot be inside the archive: in the packed copy, its words stay and the link goes.
_SELF_LINK = re.compile(rb'<a href="(?:\.\./)*' + re.escape(ZIP_URI.encode()) + rb'"[^>]*>(.*?)</a>', re.S)


def without_links_to_the_zip(html: bytes) -> bytes:
    return _SELF_LINK.sub(rb"\1", html)


def _timestamp():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH_MIN
    try:
        stamp = tuple(time.gmtime(int(epoch))[:6])
    except (ValueError, OverflowError):
        return ZIP_EPOCH_MIN
    return min(max(stamp, ZIP_EPOCH_MIN), ZIP_EPOCH_MAX)
