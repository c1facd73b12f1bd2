"""The one command line: `python scripts/edition.py init|check|build|site|lock|downloads|version [DIR]`.

Reads an edition folder (default edition/: the source and the decisions), writes docs/.
`site` then builds the site from docs/ with MkDocs, in the same process (`make site` runs it).
Bad input ends with one line per problem naming the file and the fix (every problem the
data files hold, at once), exit status 1, and docs/ left as it was.
`init SOURCE DIR` starts a new edition folder from a source text (editkit.init).
`downloads` makes, after `mkdocs build`, what is made from the built site: the PDF, then the
offline zip (`make site` runs it). `version` prints the edition's current version (the one
`mike deploy` publishes).
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

from . import address, anchors, memo, stamp
from .errors import EditionError, EditionErrors, raise_all

# The build's modules (lxml, YAML, the pages) are imported where they are used: a build with
# nothing to do (editkit.stamp) needs none of them.

# Said once per build when no address is configured (a logged warning would fail mkdocs --strict).
NO_ADDRESS = ("warning: no canonical address — pages get no canonical link and no sitemap; "
              "set `edition.url` in {path} or the environment variable {env}")
GENERATED_LIST = stamp.GENERATED_LIST  # in docs/: the files the last build wrote, so stale ones can go


def main(argv=None):
    parser = argparse.ArgumentParser(prog="edition", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=list(COMMANDS))
    parser.add_argument("paths", nargs="*", metavar="DIR",
                        help="the edition folder (default: edition); init: SOURCE DIR")
    parser.add_argument("--edition", default=None, help="edition data folder (same as DIR)")
    parser.add_argument("--docs", default="docs", help="output folder for the Markdown pages (default: docs)")
    parser.add_argument("--renumber", default="", help="lock: the reason for moving published paragraph ids")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="site, downloads: MkDocs' configuration")
    parser.add_argument("-d", "--site-dir", default=None, help="site, downloads: the built site (default: its site_dir)")
    args = parser.parse_args(argv)
    wanted = 2 if args.command == "init" else 1
    if len(args.paths) > wanted or (args.command == "init" and len(args.paths) != 2):
        parser.error("init takes SOURCE and DIR" if args.command == "init" else "give at most one edition folder")
    if args.command != "init":
        args.edition = args.paths[0] if args.paths else (args.edition or "edition")
    try:
        return COMMANDS[args.command](args)
    except EditionErrors as errs:
        for err in errs.errors:
            print(f"error: {err}", file=sys.stderr)
        return 1
    except EditionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def build(args):
    folder, docs = Path(args.edition), Path(args.docs)
    last = stamp.unchanged(folder, docs)
    if last is not None:  # inputs, code and outputs as the last build left them: nothing to do
        summary = last["summary"]
        print(f"up to date: the {summary['files']} files in {args.docs}/ are what this edition builds — nothing written")
    else:
        edition, files = build_pages(folder, docs)
        summary = _summary(edition, files)
        print(f"built {summary['files']} files in {args.docs}/: {summary['paragraphs']} paragraphs, "
              f"{summary['notes']} lost notes, {summary['decisions']} decisions")
    if not summary["address"]:
        print(NO_ADDRESS.format(path=folder / "edition.yml", env=address.ENV), file=sys.stderr)
    return 0


def site(args):
    """The pages (as `build`), then MkDocs' build of the site from them (strict, as mkdocs.yml
    says), in this one process: the second interpreter and the libraries both steps import
    (YAML, Jinja, lxml) are not started and loaded twice. MkDocs runs as `mkdocs build` runs it
    (its plugins' startup and shutdown events included); the hook that makes missing pages
    (scripts/hooks/edition_pages.py) finds them made. Bad data stops before MkDocs, with the
    same lines as `build`; a failed MkDocs build ends with one error line and status 1."""
    import logging
    import time

    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    build(args)
    pages = time.perf_counter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    try:
        # MkDocs reads the pages from where they were just written (DOCS_DIR, if set, still wins:
        # scripts/hooks/edition_pages.py)
        config = load_config(args.config_file, site_dir=args.site_dir, docs_dir=os.path.abspath(args.docs))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_site(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"site built in {config['site_dir']}: pages {pages - start:.2f} s, MkDocs {time.perf_counter() - pages:.2f} s")
    return 0


def _summary(edition, files):
    return {"files": len(files), "paragraphs": len(edition.paragraphs), "notes": len(edition.notes),
            "decisions": len(edition.decisions), "address": address.root_url(edition.meta) is not None}


def build_pages(folder: Path, docs: Path):
    """Read and check the edition in ``folder``, write its pages into ``docs``: (edition, files).
    A stamp of what was read and written lets the next build with nothing changed skip (editkit.stamp)."""
    from .build import DATA_FILES, make_edition, read_inputs
    from .site import generate

    read = [folder / name for name in DATA_FILES] + stamp.templates(folder)
    before = {path: stamp.file_hash(path) for path in read}
    inputs = read_inputs(folder)
    before[inputs.source_path] = inputs.meta["source"]["sha256"]  # the source as read_inputs found it
    edition = make_edition(inputs)
    files = generate(edition, inputs, _templates(folder))
    written = write_all(docs, files)
    memo.save()  # what the engines computed afresh, for the next build
    stamp.record(folder, docs, before, [*read, inputs.source_path], written, _summary(edition, files))
    return edition, files


def check(args):
    """Every problem at once (not the first): the data files against their schemas, then the steps."""
    from .build import check_all

    raise_all(check_all(Path(args.edition)))
    edition, _ = _edition(args)
    print(f"ok: {len(edition.paragraphs)} paragraphs, {len(edition.decisions)} decisions")
    return 0


def lock(args):
    from .build import make_edition, read_inputs

    inputs = read_inputs(Path(args.edition))
    edition = make_edition(inputs, check_lock=False)
    try:
        new = anchors.relock(edition.blocks, inputs.lock, args.renumber, _today())
    except ValueError as err:
        raise EditionError(inputs.path("anchors.lock.json"),
                           f"{err} — rerun as `make lock RENUMBER=\"why\"` to record the renumbering") from None
    new = {"$schema": _schema_ref(inputs.root, "anchors.lock"), **new}  # editors' JSON tooling validates with it
    _write(inputs.path("anchors.lock.json"), json.dumps(new, ensure_ascii=False, indent=1) + "\n")
    print(f"locked {len(new['paragraphs'])} paragraph ids in {inputs.path('anchors.lock.json')}")
    return 0


def init(args):
    from .init import start_edition
    source, folder = (Path(p) for p in args.paths)
    files, report = start_edition(source, folder, _today(), _schema_ref(folder, "x").rsplit("/", 1)[0])
    for name, content in sorted(files.items()):
        _write(folder / name, content)
    print(report)
    return 0


def downloads(args):
    """The downloads made from the built site: the PDF (printed by chromium, or reused from
    .cache/pdf/ when the printed pages and what they load are unchanged), then the whole site
    as one zip, which holds it. Printing a book is no part of building a site, so `mkdocs build`
    leaves this step out (`mike deploy` sets EDITION_DOWNLOADS=1 to have its build do it). The
    configuration is MkDocs' own, with the hooks' on_config run as in the build, so the PDF
    carries the build's title and address."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        config = load_config(args.config_file, site_dir=args.site_dir)
        config = config.plugins.on_config(config)  # the hooks set site_name and site_url as in the build
        config["hooks"][PDF_HOOK].write_pdf(config)
        config["hooks"][ZIP_HOOK].write_offline_zip(config)
    except MkDocsException as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def version(args):
    from .build import read_meta

    print(read_meta(Path(args.edition))["edition"]["version"])
    return 0


PDF_HOOK, ZIP_HOOK = "scripts/hooks/pdf.py", "scripts/hooks/offline_zip.py"  # as mkdocs.yml lists them
COMMANDS = {"init": init, "build": build, "site": site, "check": check, "lock": lock, "downloads": downloads, "version": version}


def _edition(args):
    from .build import make_edition, read_inputs

    inputs = read_inputs(Path(args.edition))
    return make_edition(inputs), inputs


def _schema_ref(folder, name):
    """Where the schema of a data file is, from the edition folder (as its header names it)."""
    schemas = Path(__file__).resolve().parent / "schemas"
    return Path(os.path.relpath(schemas, Path(folder).absolute())).as_posix() + f"/{name}.schema.json"


def _templates(root):
    folder = root / "pages"
    found = {}
    for path in sorted(folder.glob("*.md")):
        try:
            found[path.name] = (path, path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise EditionError(path, "page template is not UTF-8 — re-save it as UTF-8") from None
    return found


def _today():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    return when.date().isoformat()


def write_all(docs: Path, files):
    """Write every file (each atomically), then remove files the previous build made and this one did not.
    Returns the SHA-256 of each file written, the listing of them too (for the stamp)."""
    docs.mkdir(parents=True, exist_ok=True)
    listing = docs / GENERATED_LIST
    before = set(listing.read_text(encoding="utf-8").split()) if listing.exists() else set()
    written = {}
    for name, content in sorted(files.items()):
        written[name] = stamp.sha256(_write(docs / name, content))
    for stale in sorted(before - set(files)):
        (docs / stale).unlink(missing_ok=True)
    written[GENERATED_LIST] = stamp.sha256(_write(listing, "\n".join(sorted(files)) + "\n"))
    return written


def _write(path: Path, content):
    """Write ``content`` (text as UTF-8, or bytes) unless the file already holds it; returns the bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return data
