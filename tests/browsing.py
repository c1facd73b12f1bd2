"""Helpers for the browser checks: serve a built site over HTTP, start Debian's chromium.

Not a test module; tests/test_accessibility.py, test_lighthouse.py and
test_offline_browser.py import it.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Flags that keep chromium quiet: no update, sync or other background requests,
# so that every request a test sees comes from the page itself.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"


def node_module(relative: str) -> Path:
    """A file of an npm package in node_modules/, or a clear failure saying how to get it."""
    path = NODE_MODULES / relative
    if not path.exists():
        import pytest
        pytest.fail(f"{path} is missing: run `npm ci` in the project (make test does)", pytrace=False)
    return path


def pages(site: Path) -> list[str]:
    """Every HTML page of the site (relative paths), 404.html included."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "assets" not in p.parts)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, gzip when the browser asks (as every real
    host does), and the site's 404.html for a missing page."""

    compress = False

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.compress and "gzip" in self.headers.get("Accept-Encoding", "") \
                and (ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml", "svg+xml"))):
            body = gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, compress: bool = False):
    """Serve ``site`` on a free local port; yields the base URL (ending in /)."""
    handler = type("Handler", (_Handler,), {"compress": compress})

    def make(*args, **kwargs):
        return handler(*args, directory=str(site), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's chromium, headless, as a reader's browser: no --allow-file-access-from-files
    (Material's offline plugin makes the site work from file:// without it)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def open_search(page, site: Path):
    """Open Material's search and wait until its index is ready (from file:// it loads only now)."""
    from lxml import html as lhtml

    initializer = lhtml.parse(str(site / "index.html")).getroot() \
        .xpath("string(//*[contains(@class,'md-search-result__meta')])").strip()
    field = page.locator(".md-search__input")
    if field.is_visible():
        field.click()
    else:  # phone width: the search opens from the header button
        page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function(
        "(t) => document.querySelector('.md-search-result__meta').textContent.trim() !== t", arg=initializer)
    return field


def search(page, query: str, site: Path):
    """Type ``query`` into Material's search once its index is ready; returns the result items.

    Material reads the query on keyup (and once more when its index is ready); text put in
    without a key event while the index is loading would be missed, so the search waits.
    """
    field = open_search(page, site)
    field.fill(query)
    page.keyboard.press("End")
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible")
    return items
