"""Benchmark: the edition against a plain MkDocs-Material build of the raw text (`make bench`).

In one run, in a temporary folder, builds

* **plain**: the source as Markdown (one paragraph a line; `摘`, `Abstract` and
  `壹、`…`伍、` lines as `##`, `一、`…`四、` as `###`), Material with language
  zh-TW and the search plugin, nothing else, in this same virtual environment;
* **edition**: `scripts/edition.py build` + `mkdocs build` with the project's own
  mkdocs.yml, hooks and assets (a copy of the project with its own docs/ and site/,
  so a concurrent `make site` is not disturbed),

and prints, as ratios edition/plain: the full build time (median of 3 builds), the
text page's transfer size (every byte the page loads in Chromium over a local HTTP
server, raw and gzipped), the search index (raw and gzipped), the time from the last
keystroke of a query to its results in the browser (median over queries of
../shared/acceptance/search-queries.tsv), and how build time grows when the text is
repeated 10× and 100×. A repeated text needs repeated decision data: see `synthetic`.

    python scripts/bench.py [--json PATH] [--runs 3] [--scale 10,100] [--queries 8] [--keep]

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
QUERIES = ROOT.parent / "shared" / "acceptance" / "search-queries.tsv"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8",
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
NOT_COPIED = {"docs", "edition", "site", "mkdocs.yml"}  # the copy of the project gets its own

sys.path.insert(0, str(ROOT / "scripts"))
from editkit import breaks as ek_breaks  # noqa: E402  (read-only use of the edition's own parser)
from editkit.data import LINE, entries, load_yaml  # noqa: E402
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
    run(PY, "scripts/edition.py", "build", "--edition", "edition", "--docs", "docs", cwd=folder)
    run(PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site", cwd=folder)


def run(*args, cwd):
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: `{' '.join(map(str, args))}` failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result


def timed(build, folder, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(folder)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


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
    decided = ek_breaks.match_decisions(lines, layout, decisions, src / "breaks.yml")
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


def transfer(browser, server, page_name):
    """Every file the page loads (worker and search index included), by kind, raw and gzipped bytes."""
    context = browser.new_context()
    seen = {}
    context.on("response", lambda r: seen.setdefault(r.url, r.request.resource_type))
    page = context.new_page()
    page.goto(server.url + page_name, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    totals = {}
    for url, kind in seen.items():
        if not url.startswith(server.url):
            kind = "other host"
        path = server.file_for(url)
        if not path.is_file():
            continue
        data = path.read_bytes()
        group = "search index" if path.name.startswith("search_index") else kind
        raw, gz = totals.get(group, (0, 0))
        totals[group] = (raw + len(data), gz + len(gzip.compress(data, compresslevel=6, mtime=0)))
    page_only = [v for k, v in totals.items() if k != "search index"]
    return {
        "page_raw": sum(v[0] for v in page_only), "page_gzip": sum(v[1] for v in page_only),
        "all_raw": sum(v[0] for v in totals.values()), "all_gzip": sum(v[1] for v in totals.values()),
        "by_kind": {k: {"raw": v[0], "gzip": v[1]} for k, v in sorted(totals.items())},
        "files": len(seen),
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


def index_size(site: Path):
    data = (site / "search" / "search_index.json").read_bytes()
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (median; default 3)")
    parser.add_argument("--scale", default="10,100", help="repetitions of the text for the growth figures")
    parser.add_argument("--scale-runs", type=int, default=None,
                        help="edition builds per scaled measurement (default: --runs, but 1 at ×100 and more)")
    parser.add_argument("--queries", type=int, default=8, help="queries timed in the browser (default 8)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scale.split(",") if s.strip()]

    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    figures = {"runs": args.runs}
    try:
        source = (ROOT / "edition" / yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(
            encoding="utf-8"))["source"]["file"]).read_text(encoding="utf-8")
        plain = make_plain(tmp / "plain", source)
        edition = make_project(tmp / "edition")

        log(f"bench: building plain and edition, {args.runs}× each …")
        plain_t, plain_all = timed(build_plain, plain, args.runs)
        edition_t, edition_all = timed(build_edition, edition, args.runs)
        figures["build_s"] = {"plain": plain_t, "edition": edition_t,
                              "plain_runs": plain_all, "edition_runs": edition_all}
        figures["search_index"] = {"plain": index_size(plain / "site"), "edition": index_size(edition / "site")}

        log("bench: page weight and search latency in Chromium …")
        from playwright.sync_api import sync_playwright

        queries = read_queries(args.queries)
        servers = {"plain": Server(plain / "site"), "edition": Server(edition / "site")}
        pages = {"plain": "index.html", "edition": "text.html"}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                figures["transfer"] = {k: transfer(browser, servers[k], pages[k]) for k in servers}
                figures["search_ms"] = {k: search_latency(browser, servers[k], pages[k], queries) for k in servers}
                browser.close()
        finally:
            for server in servers.values():
                server.close()

        figures["scale"] = {}
        for n in scales:
            # the edition at ×100 takes a minute or two a build: once, unless asked (the plain build is cheap)
            runs = args.scale_runs or (1 if n == max(scales) and n >= 100 else args.runs)
            log(f"bench: text repeated {n}×, plain {args.runs}, edition {runs} build(s) …")
            folder = tmp / f"x{n}"
            text, counts = synthetic(n, folder / "edition-data")
            sp = make_plain(folder / "plain", text)
            se = make_project(folder / "edition", folder / "edition-data")
            run(PY, "scripts/edition.py", "lock", "--edition", "edition", cwd=se)
            pt, _ = timed(build_plain, sp, args.runs)
            et, _ = timed(build_edition, se, runs)
            paragraphs = len(json.loads((se / "docs" / "downloads" / "paragraphs.json").read_text(
                encoding="utf-8"))["paragraphs"])
            figures["scale"][n] = {"plain_s": pt, "edition_s": et, "plain_runs": args.runs, "runs": runs,
                                   "characters": len(text),
                                   "paragraphs": paragraphs, **counts}
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
    b, t, ix, s = f["build_s"], f["transfer"], f["search_index"], f["search_ms"]
    med = {k: statistics.median(v["ms"] for v in s[k].values()) for k in s}
    rows = [("measure", "plain", "edition", "edition/plain")]
    rows.append((f"build time (median of {f['runs']})", f"{b['plain']:.2f} s", f"{b['edition']:.2f} s",
                 f"{ratio(b['edition'], b['plain']):.2f}×"))
    for key, label in (("page", "text page transfer (HTML+CSS+JS+img+font)"),
                       ("all", "text page transfer incl. search index")):
        for enc in ("raw", "gzip"):
            a, e = t["plain"][f"{key}_{enc}"], t["edition"][f"{key}_{enc}"]
            rows.append((f"{label}, {enc}", kb(a), kb(e), f"{ratio(e, a):.2f}×"))
    for enc in ("raw", "gzip"):
        a, e = ix["plain"][enc], ix["edition"][enc]
        rows.append((f"search index (search_index.json), {enc}", kb(a), kb(e), f"{ratio(e, a):.2f}×"))
    rows.append((f"query to results (median of {len(queries)} queries)", f"{med['plain']:.0f} ms",
                 f"{med['edition']:.0f} ms", f"{ratio(med['edition'], med['plain']):.2f}×"))
    base_p, base_e = b["plain"], b["edition"]
    for n, sc in f["scale"].items():
        runs = f"{sc['plain_runs']}/{sc['runs']} run{'s' if sc['runs'] > 1 else ''}"
        rows.append((f"build time, text ×{n} ({runs})",
                     f"{sc['plain_s']:.2f} s ({sc['plain_s'] / base_p:.1f}× of ×1)",
                     f"{sc['edition_s']:.2f} s ({sc['edition_s'] / base_e:.1f}× of ×1)",
                     f"{ratio(sc['edition_s'], sc['plain_s']):.2f}×"))
    print(table(rows))
    print()
    qrows = [("query", "plain ms", "plain items", "edition ms", "edition items")]
    for q in queries:
        qrows.append((q, f"{s['plain'][q]['ms']:.0f}", s["plain"][q]["results"],
                      f"{s['edition'][q]['ms']:.0f}", s["edition"][q]["results"]))
    print(table(qrows))
    print()
    for n, sc in f["scale"].items():
        print(f"×{n}: {sc['characters']:,} characters, {sc['paragraphs']:,} paragraphs, {sc['decisions']:,} break "
              f"decisions, {sc['emendations_kept']:,} emendations/annotations kept, "
              f"{sc['emendations_dropped']:,} dropped (context not unique in a copy)")
    print(f"builds: plain {', '.join(f'{x:.2f}' for x in b['plain_runs'])} s; "
          f"edition {', '.join(f'{x:.2f}' for x in b['edition_runs'])} s")
    for k in ("plain", "edition"):
        kinds = ", ".join(f"{kind} {kb(v['raw'])} ({kb(v['gzip'])} gz)" for kind, v in t[k]["by_kind"].items())
        print(f"{k} text page loads: {kinds}")
    print("query to results: from the keyup that sends the query until the result list or its count changes "
          "(Material renders on animation frames: differences under ~16 ms are noise)")
    print(f"page files loaded: plain {t['plain']['files']}, edition {t['edition']['files']}; "
          f"items = result entries on screen when the time was taken (0: Material said no result)")
    print(f"bench ran {f['total_s']:.0f} s on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
