"""Benchmark: the edition against a plain MkDocs-Material build of the raw text (`make bench`).

In one run, in a temporary folder, builds

* **plain**: the source as Markdown (one paragraph a line; `摘`, `Abstract` and
  `壹、`…`伍、` lines as `##`, `一、`…`四、` as `###`), Material with language
  zh-TW and the search plugin, nothing else, in this same virtual environment;
* **edition**: `scripts/edition.py site` (the pages, then MkDocs' build, in one process,
  as `make site` runs it) with the project's own
  mkdocs.yml, hooks and assets (a copy of the project with its own docs/ and site/,
  so a concurrent `make site` is not disturbed),

and prints, as ratios edition/plain in the same run (issue 9):

* build time of the whole build (edition scripts and MkDocs; median of 3) at ×1, and
  with the text repeated ×10 and ×100 (a repeated text needs repeated decision data:
  `synthetic`), each COLD (no .cache/, no generated pages in docs/, no site/: deleted
  before each run; plain: no site/) and WARM (rebuilt over what the last build left);
* the downloads step after the build (`scripts/edition.py downloads`: the PDF printed by
  chromium, then the offline zip), cold (no PDF cache) and warm (the PDF reused from
  .cache/pdf/), as its own rows: plain Material has no counterpart;
* what the text page loads before any interaction (every file Chromium fetches over a
  local HTTP server, gzipped and raw) and how much of it is search data;
* search data after one query, at ×1 and at the largest scale, and all search data;
* the first query's time (click into the search box, query typed at once, first result in
  the list) and the warm query's time (a repeated query: median over the queries of
  ../shared/acceptance/search-queries.tsv), at ×1 and at the largest scale;
* Lighthouse mobile performance of the text page against plain Material's page (median
  of 5 each, served with gzip), which needs a CJK font (`make bench` installs
  fonts-noto-cjk when missing).

    python scripts/bench.py [--json PATH] [--runs 3] [--scale 10,100] [--queries 8]
                            [--lighthouse-runs 5] [--keep]

This is a benchmark, not a test: it asserts nothing and its figures vary by machine.
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# the shared acceptance set lives beside the project (../shared/; from a worktree, further up)
QUERIES = next((p / "shared" / "acceptance" / "search-queries.tsv" for p in ROOT.parents
                if (p / "shared" / "acceptance" / "search-queries.tsv").is_file()),
               ROOT.parent / "shared" / "acceptance" / "search-queries.tsv")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8",
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
NOT_COPIED = {"docs", "edition", "site", "mkdocs.yml", ".cache"}  # the copy of the project gets its own

sys.path.insert(0, str(ROOT / "scripts"))
from editkit import breaks as ek_breaks  # noqa: E402  (read-only use of the edition's own parser)
from editkit.data import LINE, entries, load_yaml  # noqa: E402
from editkit.records import break_choices  # noqa: E402
from editkit.structure import Layout  # noqa: E402


def log(message):
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- plain site

PLAIN_H2 = re.compile(r"^\s*(摘|Abstract|[壹貳參肆伍]、)")
PLAIN_H3 = re.compile(r"^[一二三四]、")
PLAIN_CONFIG = """site_name: plain
theme:
  name: material
  language: zh-TW
  font: false
plugins:
  - search
"""


def plain_markdown(text):
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if PLAIN_H2.match(line):
            out.append("## " + line.strip())
        elif PLAIN_H3.match(line):
            out.append("### " + line.strip())
        else:
            out.append(line.strip())
    return "\n\n".join(out) + "\n"


def make_plain(folder: Path, text):
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(plain_markdown(text), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return folder


def build_plain(folder: Path):
    run(PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site", cwd=folder)


# --------------------------------------------------------------------------- edition site

def make_project(folder: Path, edition_dir: Path | None = None):
    """A copy of the project to build in: own mkdocs.yml, docs/, edition/; the rest linked."""
    folder.mkdir(parents=True)
    for entry in sorted(ROOT.iterdir()):
        if entry.name not in NOT_COPIED and not entry.name.startswith((".git", ".pytest", ".ruff")):
            (folder / entry.name).symlink_to(entry)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(edition_dir or ROOT / "edition", folder / "edition")
    return folder


def build_edition(folder: Path):
    """The whole build of the site as `make site` runs it (without the downloads step, which
    build_downloads times on its own): the pages, then MkDocs, in one process. Returns the
    time of each step, as the command reports it (the rest is Python's start and imports)."""
    done = run(PY, "scripts/edition.py", "site", "--edition", "edition", "--docs", "docs",
               "-f", "mkdocs.yml", "-d", "site", cwd=folder)
    steps = re.search(r"pages ([\d.]+) s, MkDocs ([\d.]+) s", done.stdout)
    if not steps:
        raise SystemExit(f"error: edition.py site did not report its steps:\n{done.stdout}")
    return {"edition scripts": float(steps[1]), "mkdocs build": float(steps[2])}


def build_downloads(folder: Path):
    """The downloads made from the built site: the PDF (chromium) and the offline zip."""
    run(PY, "scripts/edition.py", "downloads", "-f", "mkdocs.yml", "-d", "site", cwd=folder)


def forget(folder: Path):
    """A cold start: no caches (.cache/: the printed PDFs), no output (the generated pages in
    docs/, listed in docs/.generated; site/). Python's bytecode caches stay, as in any install."""
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    listing = folder / "docs" / ".generated"
    if listing.exists():
        for name in listing.read_text(encoding="utf-8").split():
            (folder / "docs" / name).unlink(missing_ok=True)
        listing.unlink()


def forget_pdf(folder: Path):
    shutil.rmtree(folder / ".cache", ignore_errors=True)


def run(*args, cwd):
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: `{' '.join(map(str, args))}` failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result


def timed(build, folder, runs, before=None, steps=None):
    """Median and all times of ``runs`` builds, ``before`` run untimed before each; the times
    of the steps a build reports are added to the lists in ``steps``."""
    times = []
    for _ in range(runs):
        if before:
            before(folder)
        start = time.perf_counter()
        parts = build(folder)
        times.append(time.perf_counter() - start)
        if steps is not None:
            for step, seconds in (parts or {}).items():
                steps.setdefault(step, []).append(seconds)
    return statistics.median(times), times


def build_times(plain: Path, edition: Path, runs: int, edition_runs: int | None = None):
    """Cold and warm times of the plain build and of the edition's build (edition scripts +
    MkDocs), and of the edition's downloads step (no plain counterpart), cold (no PDF cache:
    chromium prints) and warm (the PDF reused from .cache/pdf/). Warm runs follow a cold one,
    as a rebuild finds what the last build left."""
    edition_runs = edition_runs or runs
    out = {}
    out["plain_cold"], out["plain_cold_runs"] = timed(build_plain, plain, runs, before=forget)
    out["plain_warm"], out["plain_warm_runs"] = timed(build_plain, plain, runs)
    out["edition_cold_steps"], out["edition_warm_steps"] = {}, {}
    out["edition_cold"], out["edition_cold_runs"] = timed(build_edition, edition, edition_runs, before=forget,
                                                          steps=out["edition_cold_steps"])
    out["edition_warm"], out["edition_warm_runs"] = timed(build_edition, edition, edition_runs,
                                                          steps=out["edition_warm_steps"])
    out["downloads_cold"], out["downloads_cold_runs"] = timed(build_downloads, edition, 1, before=forget_pdf)
    out["downloads_warm"], out["downloads_warm_runs"] = timed(build_downloads, edition, edition_runs)
    out["runs"], out["edition_runs"] = runs, edition_runs
    return out


# --------------------------------------------------------------------------- synthetic input

def synthetic(copies: int, dest: Path):
    """An edition folder whose source is the article repeated ``copies`` times, with matching decisions.

    Every repeated line must stay distinguishable, or the decisions (found by their
    context) would match several times. So in copy k:

    * every body line gets the tag 〔k〕 at its start (after its leading space, or after a
      leading comma, so that a line still is, or is not, a candidate break for the same
      reason; a longer line can only stop being a "short line": its decision still applies);
    * every heading gets 〔k〕 at its end, and `structure.yml` an id per copy (`qianyan-3`);
      the front-matter patterns, anchored at the end, accept the tag;
    * each break decision is repeated with the tagged line start as its context;
    * each emendation and annotation is repeated with a context from the tag of its line
      to its words; where that context holds the words twice (a one-character emendation
      late in a line), the copy of the entry is dropped and counted;
    * the publication line stands once, at the end; glossary, bibliography and page
      templates are the project's; the anchor lock is made afresh (`edition.py lock`).

    Returns the source text and counts (emendations kept and dropped).
    """
    src = ROOT / "edition"
    meta = yaml.safe_load((src / "edition.yml").read_text(encoding="utf-8"))
    text = (src / meta["source"]["file"]).read_text(encoding="utf-8")
    structure_data = load_yaml(src / "structure.yml")
    layout = Layout(structure_data, src / "structure.yml")
    lines = layout.classify(text)
    decisions = entries(load_yaml(src / "breaks.yml"), src / "breaks.yml")
    changes = entries(load_yaml(src / "emendations.yml"), src / "emendations.yml")
    decided = ek_breaks.match_decisions(lines, layout, break_choices(decisions), src / "breaks.yml")
    blocks, _ = ek_breaks.assemble(lines, decided)
    starts = tuple(c for c in layout.line_starts if c.strip())

    last_text = max(i for i, line in enumerate(lines) if line.role not in ("blank", "pubdata"))
    body = lines[: last_text + 1]
    tail_lines = lines[last_text + 1:]  # the publication line (and what follows it): once, at the end

    def insert_at(line):
        """Where the tag goes in the stripped text of a body line (None: not tagged)."""
        if line.role != "body":
            return None
        return 1 if line.text.startswith(starts) else 0

    def tagged(line, tag):
        if line.role in ("heading", "front"):
            return line.raw.rstrip() + tag
        at = insert_at(line)
        if at is None:
            return line.raw
        lead = line.raw[: len(line.raw) - len(line.raw.lstrip())]
        rest = line.raw.lstrip()
        return lead + rest[:at] + tag + rest[at:]

    by_number = {line.number: line for line in lines}
    out_lines, out_decisions, out_changes, ids = [], [], [], {}
    kept = dropped = 0
    synthetic_sources = []
    for k in range(1, copies + 1):
        tag = f"〔{k}〕"
        if k > 1:
            out_lines.append("")
        out_lines.extend(tagged(line, tag) for line in body)
        for heading, hid in layout.ids.items():
            ids[heading + tag] = f"{hid}-{k}"
        for entry in decisions:
            end, start = entry["at"].split("|")
            (a, b), = [(a, b) for a, b in ek_breaks.body_pairs(lines)
                       if a.text.endswith(end) and b.text.startswith(start)]
            a_text, b_text = tagged(a, tag).strip(), tagged(b, tag).strip()
            end_k = end if a_text.endswith(end) else a_text
            start_k = b_text[: len(start) + len(tag)] if insert_at(b) is not None else start
            out_decisions.append({**_plain(entry), "at": f"{end_k}|{start_k}"})
        # blocks of this copy: their source with tags, and where each source index went
        copy_blocks = []
        for block in blocks:
            pieces, where, tags, pos = [], [], [], 0
            for number in block.lines:
                line = by_number[number]
                at = insert_at(line)
                for i, ch in enumerate(line.text):
                    if at is not None and i == at:
                        tags.append(pos)
                        pieces.append(tag)
                        pos += len(tag)
                    where.append(pos)
                    pieces.append(ch)
                    pos += 1
            where.append(pos)
            copy_blocks.append((block, "".join(pieces), where, tags))
            synthetic_sources.append("".join(pieces))
        for entry in changes:
            hits = [(blk, s, w, t, s_i) for blk, s, w, t in copy_blocks
                    for s_i in _find_all(blk.source, entry["context"])]
            blk, source_k, where, tags, at = hits[0]
            start = at + entry["context"].index(entry["original"])
            end = start + len(entry["original"])
            lo, hi = where[start], where[end - 1] + 1
            before = [t for t in tags if t <= lo]
            context = source_k[before[-1]: hi] if before else ""
            if not before or hi - lo != end - start or context.count(entry["original"]) != 1:
                dropped += 1
                continue
            out_changes.append({**_plain(entry), "context": context})
            kept += 1
    # contexts must be unique in the whole synthetic text (checked here, not left to the build)
    everything = "\x00".join(synthetic_sources)
    unique = [c for c in out_changes if everything.count(c["context"]) == 1]
    dropped += len(out_changes) - len(unique)
    kept -= len(out_changes) - len(unique)
    out_lines.extend(line.raw for line in tail_lines)
    source_text = "\n".join(out_lines)

    dest.mkdir(parents=True)
    for name in ("glossary.yml", "bibliography.json"):
        if (src / name).exists():
            shutil.copy2(src / name, dest / name)
    if (src / "pages").is_dir():
        shutil.copytree(src / "pages", dest / "pages")
    source_path = dest / meta["source"]["file"]
    source_path.parent.mkdir(parents=True, exist_ok=True)
    source_path.write_bytes(source_text.encode("utf-8"))
    meta = copy.deepcopy(meta)
    meta["source"]["sha256"] = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    _dump(dest / "edition.yml", meta)
    structure = _plain(structure_data)
    structure["ids"] = ids
    for group in ("front", "headings"):
        for entry in structure.get(group) or []:
            if entry["match"].endswith("$"):
                entry["match"] = entry["match"][:-1] + "(?:〔[0-9]+〕)?$"
    _dump(dest / "structure.yml", structure)
    _dump(dest / "breaks.yml", out_decisions)
    _dump(dest / "emendations.yml", out_changes)
    return source_text, {"emendations_kept": kept, "emendations_dropped": dropped, "decisions": len(out_decisions)}


def _find_all(haystack, needle):
    i = haystack.find(needle)
    while i != -1:
        yield i
        i = haystack.find(needle, i + 1)


def _plain(data):
    """Loaded YAML without the line numbers the edition's loader adds."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items() if k != LINE}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _dump(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


# --------------------------------------------------------------------------- browser figures

class Server:
    """A quiet local HTTP server for one folder."""

    def __init__(self, folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.folder = Path(folder)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def file_for(self, url):
        path = unquote(urlsplit(url).path).lstrip("/") or "index.html"
        return self.folder / path

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _kind(path, resource_type):
    """What a loaded file is for the report: search data (the site's search/ folder) or page."""
    return "search data" if path.parent.name == "search" else resource_type


def _sizes(paths):
    raw = sum(len(p.read_bytes()) for p in paths)
    gz = sum(len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in paths)
    return {"raw": raw, "gzip": gz, "files": len(paths)}


FIRST = """() => {
  window.__first = null;
  const list = document.querySelector('.md-search-result__list');
  const observer = new MutationObserver(() => {
    if (window.__first === null && list.querySelector('.md-search-result__item')) {
      window.__first = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(list, {childList: true, subtree: true});
  return performance.now();
}"""


def first_visit(browser, server, page_name, query):
    """A reader's first visit: what the page loads before any interaction, then one query.

    Returns the files loaded before interaction (by kind, raw and gzipped), the search data
    loaded before interaction and after the first query, and the first query's time: from the
    click into the search box (the query typed at once) until its first result is in the list.
    """
    context = browser.new_context()
    seen = {}
    context.on("response", lambda r: seen.setdefault(r.url, r.request.resource_type))
    page = context.new_page()
    page.goto(server.url + page_name, wait_until="networkidle")
    page.wait_for_timeout(500)
    at_load = dict(seen)
    t0 = page.evaluate(FIRST)
    page.click(".md-search__input")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function("() => window.__first !== null", timeout=120_000)
    first_ms = page.evaluate("() => window.__first") - t0
    page.wait_for_load_state("networkidle")
    after = dict(seen)
    context.close()

    def files(urls):
        out = {}
        for url, kind in urls.items():
            path = server.file_for(url)
            if url.startswith(server.url) and path.is_file():
                out.setdefault(_kind(path, kind), []).append(path)
        return out

    load, query_files = files(at_load), files(after)
    return {
        "load": {k: _sizes(v) for k, v in sorted(load.items())},
        "load_total": _sizes([p for v in load.values() for p in v]),
        "search_at_load": _sizes(load.get("search data", [])),
        "search_after_query": _sizes(query_files.get("search data", [])),
        "first_query_ms": first_ms,
        "other_hosts": sorted(u for u in after if not u.startswith(server.url)),
    }


WATCH = """() => {
  window.__t0 = null; window.__done = null; window.__items = null; window.__mutated = null;
  const box = document.querySelector('.md-search-result');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const before = meta.textContent;
  const input = document.querySelector('.md-search__input');
  input.addEventListener('keyup', () => { if (window.__t0 === null) window.__t0 = performance.now(); },
                         {capture: true, once: true});
  const seen = () => {
    if (window.__t0 === null || window.__done !== null) return;
    if (list.querySelector('.md-search-result__item') || meta.textContent !== before) {
      const t = performance.now();
      requestAnimationFrame(() => {
        if (window.__done === null) {
          window.__done = performance.now();
          window.__items = list.querySelectorAll('.md-search-result__item').length;
        }
      });
      window.__mutated = t;
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(box, {childList: true, subtree: true, characterData: true});
}"""

CLEAR = """() => new Promise(resolve => {
  const input = document.querySelector('.md-search__input');
  input.value = '';
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  setTimeout(resolve, 150);
})"""


def search_latency(browser, server, page_name, queries, repeats=5):
    """Per query, milliseconds from its last keystroke until its results enter the page (median of repeats)."""
    page = browser.new_page()
    page.goto(server.url + page_name, wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.focus()
    box.click()
    # warm up: the worker has loaded the index once a first query shows results
    page.keyboard.insert_text("俄羅斯")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    results = {}
    for query in queries:
        times, items = [], 0
        for _ in range(repeats):
            page.evaluate(CLEAR)
            box.click()
            page.evaluate(WATCH)
            page.keyboard.insert_text(query)   # the query arrives as one input (as from an IME)…
            page.keyboard.press("End")         # …and its last keystroke sends it to the search
            page.wait_for_function("() => window.__done !== null", timeout=30_000)
            # the time the results entered the page (the next frame, when they are painted, is ~16 ms later)
            done, t0, items = page.evaluate("() => [window.__mutated, window.__t0, window.__items]")
            times.append(done - t0)
        results[query] = {"ms": statistics.median(times), "results": items}
    page.close()
    return results


# used when the acceptance set (outside this repository) is not there: one query of each kind
FALLBACK_QUERIES = ["蒲亭", "北約東擴", "科索沃", "組織", "俄罗斯", "Putin", "ABM", "2007年2月10日"]


def read_queries(limit):
    if not QUERIES.is_file():
        log(f"bench: {QUERIES} not found; timing the built-in queries")
        return FALLBACK_QUERIES[:limit]
    queries = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            queries.append(line.split("\t")[0])
    step = max(1, len(queries) // limit)
    return queries[::step][:limit]


def search_data_size(site: Path):
    """All the search data a site has (its search/ folder), raw and gzipped file by file."""
    return _sizes(sorted(p for p in (site / "search").iterdir() if p.is_file()))


# --------------------------------------------------------------------------- Lighthouse

LIGHTHOUSE_RUNS = 5


def lighthouse_performance(site: Path, page_name, out: Path, runs=LIGHTHOUSE_RUNS):
    """Lighthouse (npm, default mobile settings) performance scores of one page, served with gzip."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browsing import serve  # the tests' static host: gzip as every real host does

    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit(f"error: {binary} is missing: run `npm ci` (make bench does)")
    flags = " ".join(["--headless=new"] + CHROMIUM_ARGS)
    scores, lcp = [], []
    with serve(site, compress=True) as base:
        for i in range(runs):
            path = out / f"{site.parent.name}-{i}.json"
            subprocess.run([str(binary), base + page_name, "--output=json", f"--output-path={path}", "--quiet",
                            f"--chrome-flags={flags}"], check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                           timeout=300, capture_output=True)
            report = json.loads(path.read_text(encoding="utf-8"))
            scores.append(report["categories"]["performance"]["score"])
            lcp.append(report["audits"]["largest-contentful-paint"]["numericValue"] / 1000)
    return {"median": statistics.median(scores), "runs": scores, "lcp_s": statistics.median(lcp)}


def cjk_fonts():
    """Is a CJK font installed (Lighthouse's figures depend on it: see DESIGN.md)?"""
    result = subprocess.run(["fc-list", ":lang=zh-tw"], capture_output=True, text=True)
    return bool(result.stdout.strip())


# --------------------------------------------------------------------------- report

def ratio(a, b):
    return a / b if b else float("nan")


def kb(n):
    return f"{n / 1024:,.1f} KiB"


def table(rows):
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def browse(sites, queries, repeats=5):
    """The browser figures of one pair of sites: a first visit, then warm queries."""
    from playwright.sync_api import sync_playwright

    servers = {k: Server(site) for k, site in sites.items()}
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for k, server in servers.items():
                out[k] = first_visit(browser, server, PAGES[k], queries[0])
                out[k]["warm"] = search_latency(browser, server, PAGES[k], queries, repeats)
                out[k]["warm_ms"] = statistics.median(v["ms"] for v in out[k]["warm"].values())
            browser.close()
    finally:
        for server in servers.values():
            server.close()
    return out


PAGES = {"plain": "index.html", "edition": "text.html"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (median; default 3)")
    parser.add_argument("--scale", default="10,100", help="repetitions of the text for the growth figures")
    parser.add_argument("--scale-runs", type=int, default=None,
                        help="edition builds per scaled measurement (default: --runs, but 1 at ×100 and more)")
    parser.add_argument("--queries", type=int, default=8, help="queries timed in the browser (default 8)")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS,
                        help=f"Lighthouse runs per page (median; default {LIGHTHOUSE_RUNS}; 0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scale.split(",") if s.strip()]

    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    figures = {"runs": args.runs, "cjk_fonts": cjk_fonts()}
    if not figures["cjk_fonts"]:
        log("bench: no CJK font installed (apt-get install fonts-noto-cjk): Lighthouse figures will mislead")
    queries = read_queries(args.queries)
    try:
        source = (ROOT / "edition" / yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(
            encoding="utf-8"))["source"]["file"]).read_text(encoding="utf-8")
        plain = make_plain(tmp / "plain", source)
        edition = make_project(tmp / "edition")

        log(f"bench: building plain and edition, cold and warm, {args.runs}× each; the downloads step …")
        figures["build_s"] = build_times(plain, edition, args.runs)
        figures["search_data"] = {"plain": search_data_size(plain / "site"),
                                  "edition": search_data_size(edition / "site")}

        log("bench: page weight and search in Chromium …")
        figures["browser"] = browse({"plain": plain / "site", "edition": edition / "site"}, queries)

        if args.lighthouse_runs:
            log(f"bench: Lighthouse, {args.lighthouse_runs} runs a page …")
            out = tmp / "lighthouse"
            out.mkdir()
            figures["lighthouse"] = {k: lighthouse_performance(site / "site", PAGES[k], out, args.lighthouse_runs)
                                     for k, site in (("plain", plain), ("edition", edition))}

        figures["scale"] = {}
        for n in scales:
            # the edition at ×100 takes a while a build: once, unless asked (the plain build is cheap)
            runs = args.scale_runs or (1 if n == max(scales) and n >= 100 else args.runs)
            log(f"bench: text repeated {n}×, plain {args.runs}, edition {runs} build(s), cold and warm; downloads …")
            folder = tmp / f"x{n}"
            text, counts = synthetic(n, folder / "edition-data")
            sp = make_plain(folder / "plain", text)
            se = make_project(folder / "edition", folder / "edition-data")
            run(PY, "scripts/edition.py", "lock", "--edition", "edition", cwd=se)
            times = build_times(sp, se, args.runs, runs)
            paragraphs = len(json.loads((se / "docs" / "downloads" / "paragraphs.json").read_text(
                encoding="utf-8"))["paragraphs"])
            figures["scale"][n] = {"build_s": times,
                                   "characters": len(text), "paragraphs": paragraphs, **counts,
                                   "search_data": {"plain": search_data_size(sp / "site"),
                                                   "edition": search_data_size(se / "site")}}
            if n == max(scales):
                log(f"bench: search in Chromium at ×{n} …")
                figures["scale"][n]["browser"] = browse({"plain": sp / "site", "edition": se / "site"},
                                                        queries, repeats=3)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep:
            log(f"bench: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    figures["total_s"] = time.perf_counter() - started
    report(figures, queries)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def report(f, queries):
    b, br, sd = f["build_s"], f["browser"], f["search_data"]
    rows = [("measure", "plain", "edition", "edition/plain")]

    def add(label, a, e, fmt):
        rows.append((label, fmt(a), fmt(e), f"{ratio(e, a):.2f}×"))

    def secs(x):
        return f"{x:.2f} s"

    def ms(x):
        return f"{x:.0f} ms"

    def builds(n, t):
        runs = f"median of {t['runs']}" if t["runs"] == t["edition_runs"] else \
            f"plain median of {t['runs']}, edition {t['edition_runs']} run(s)"
        add(f"build ×{n} cold: edition.py site (pages + MkDocs); no .cache/, docs/ output, site/ ({runs})",
            t["plain_cold"], t["edition_cold"], secs)
        add(f"build ×{n} warm: the same, rebuilt over what the last build left ({runs})",
            t["plain_warm"], t["edition_warm"], secs)
        rows.append((f"PDF + offline zip ×{n} cold: edition.py downloads, chromium prints (1 run)", "—",
                     secs(t["downloads_cold"]), "—"))
        rows.append((f"PDF + offline zip ×{n} warm: PDF reused from .cache/pdf/, zip packed "
                     f"({t['edition_runs']} run(s))", "—", secs(t["downloads_warm"]), "—"))

    builds(1, b)
    for n, sc in f["scale"].items():
        builds(n, sc["build_s"])
    for enc in ("gzip", "raw"):
        add(f"text page before interaction, all files, {enc}", br["plain"]["load_total"][enc],
            br["edition"]["load_total"][enc], kb)
    add("search data loaded before interaction, gzip", br["plain"]["search_at_load"]["gzip"],
        br["edition"]["search_at_load"]["gzip"], kb)
    add("search data after one query ×1, gzip", br["plain"]["search_after_query"]["gzip"],
        br["edition"]["search_after_query"]["gzip"], kb)
    add("all search data ×1 (search/ folder), gzip", sd["plain"]["gzip"], sd["edition"]["gzip"], kb)
    add("all search data ×1 (search/ folder), raw", sd["plain"]["raw"], sd["edition"]["raw"], kb)
    add(f"first query ×1 (click, type {queries[0]}, first result)", br["plain"]["first_query_ms"],
        br["edition"]["first_query_ms"], ms)
    add(f"warm query ×1 (median of {len(queries)} queries)", br["plain"]["warm_ms"], br["edition"]["warm_ms"], ms)
    for n, sc in f["scale"].items():
        add(f"all search data ×{n}, gzip", sc["search_data"]["plain"]["gzip"],
            sc["search_data"]["edition"]["gzip"], kb)
        if "browser" not in sc:
            continue
        sb = sc["browser"]
        add(f"search data after one query ×{n}, gzip", sb["plain"]["search_after_query"]["gzip"],
            sb["edition"]["search_after_query"]["gzip"], kb)
        add(f"first query ×{n}", sb["plain"]["first_query_ms"], sb["edition"]["first_query_ms"], ms)
        add(f"warm query ×{n} (median of {len(queries)} queries)", sb["plain"]["warm_ms"],
            sb["edition"]["warm_ms"], ms)
    if "lighthouse" in f:
        lh = f["lighthouse"]
        runs = len(lh["plain"]["runs"])
        rows.append((f"Lighthouse mobile performance (median of {runs})", f"{lh['plain']['median']:.2f}",
                     f"{lh['edition']['median']:.2f}", f"{ratio(lh['edition']['median'], lh['plain']['median']):.2f}×"))
        add("Lighthouse largest contentful paint (median)", lh["plain"]["lcp_s"], lh["edition"]["lcp_s"], secs)
    print(table(rows))
    print()
    for n, sc in f["scale"].items():
        if "browser" in sc:
            e1, en = br["edition"]["search_after_query"]["gzip"], sc["browser"]["edition"]["search_after_query"]["gzip"]
            p1, pn = br["plain"]["search_after_query"]["gzip"], sc["browser"]["plain"]["search_after_query"]["gzip"]
            print(f"first query's search data ×{n} against ×1: edition {ratio(en, e1):.2f}×, plain {ratio(pn, p1):.2f}×")
    print()
    qrows = [("query (warm, ×1)", "plain ms", "plain items", "edition ms", "edition items")]
    for q in queries:
        w = {k: br[k]["warm"][q] for k in ("plain", "edition")}
        qrows.append((q, f"{w['plain']['ms']:.0f}", w["plain"]["results"], f"{w['edition']['ms']:.0f}",
                      w["edition"]["results"]))
    print(table(qrows))
    print()
    for n, sc in f["scale"].items():
        print(f"×{n}: {sc['characters']:,} characters, {sc['paragraphs']:,} paragraphs, {sc['decisions']:,} break "
              f"decisions, {sc['emendations_kept']:,} emendations/annotations kept, "
              f"{sc['emendations_dropped']:,} dropped (context not unique in a copy)")
    for n, t in [(1, b)] + [(n, sc["build_s"]) for n, sc in f["scale"].items()]:
        print(f"builds ×{n}: " + "; ".join(f"{k[:-5].replace('_', ' ')} {', '.join(f'{x:.2f}' for x in t[k])} s"
                                            for k in t if k.endswith("_runs") and isinstance(t[k], list)))
    for n, t in [(1, b)] + [(n, sc["build_s"]) for n, sc in f["scale"].items()]:
        for when in ("cold", "warm"):
            steps = t.get(f"edition_{when}_steps") or {}
            print(f"edition build ×{n} {when}, by step as edition.py site reports it (median; "
                  "the rest is Python's start, imports and exit): "
                  + ", ".join(f"{step} {statistics.median(v):.2f} s" for step, v in steps.items()))
    for k in ("plain", "edition"):
        kinds = ", ".join(f"{kind} {kb(v['raw'])} ({kb(v['gzip'])} gz)" for kind, v in br[k]["load"].items())
        print(f"{k} {PAGES[k]} loads before interaction: {kinds}")
        if br[k]["other_hosts"]:
            print(f"  {k} asked other hosts: {br[k]['other_hosts']}")
    if "lighthouse" in f:
        print("Lighthouse runs: " + "; ".join(f"{k} {v['runs']}" for k, v in f["lighthouse"].items())
              + ("" if f["cjk_fonts"] else "  (NO CJK FONT INSTALLED: not comparable)"))
    print("first query: from the click into the search box (the query typed at once) until its first result is in "
          "the list; warm query: from the keyup that sends a repeated query until its results enter the page "
          "(Material renders on animation frames: differences under ~16 ms are noise)")
    print(f"bench ran {f['total_s']:.0f} s on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
