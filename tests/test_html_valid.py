"""Every page is valid HTML by the Nu Html Checker (vnu-jar from npm, Java 17).

No error and no warning is accepted except the messages in ALLOWED: each is one that
Material for MkDocs itself emits in its templates, named by the exact markup it flags,
with the reason it stays. An allow-list entry that no longer matches every page fails
too, so the list cannot go stale.
"""

import json
import re
import subprocess
from collections import Counter
from urllib.parse import unquote, urlsplit

import pytest
from browsing import node_module, pages

# (message pattern, pattern for the flagged markup, why it stays)
ALLOWED = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is ",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
        # Material's base.html drives the navigation drawer and the search dialog with two
        # hidden checkboxes (#__drawer, #__search) and gives them autocomplete="off" on
        # purpose: Firefox otherwise restores a checked state on reload or back/forward,
        # reopening the drawer or the search over the page. HTML allows autocomplete only
        # on text-like inputs, so vnu reports it: two errors on every page, harmless in
        # every browser. Removing it means copying Material's whole base.html (or editing
        # its output) and bringing the Firefox bug back; it stays.
        "Material's drawer/search toggles (base.html): autocomplete=off on checkboxes",
    ),
]


def nu_messages(path, timeout=300):
    """The Nu Html Checker's messages on a built site (every HTML file below it) or one page."""
    vnu_jar = node_module("vnu-jar/build/dist/vnu.jar")
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--skip-non-html", str(path.resolve())],
                            capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return json.loads(result.stderr or result.stdout)["messages"]


def nu_problems(path):
    """What the checker reports on ``path`` beyond the allow-list (Material's known messages)."""
    return [m for m in nu_messages(path) if is_problem(m) and not allowed(m)]


@pytest.fixture(scope="module")
def vnu(site):
    return nu_messages(site, timeout=180)


def page_of(message, site):
    path, root = unquote(urlsplit(message.get("url", "")).path), str(site.resolve())
    return path[len(root):].lstrip("/") if path.startswith(root) else path


def allowed(message):
    for pattern, markup, _ in ALLOWED:
        if re.search(pattern, message["message"]) and re.search(markup, message.get("extract", "")):
            return True
    return False


def is_problem(message):
    """Errors, fatal errors, non-document errors (e.g. a file vnu cannot read) and warnings."""
    return message["type"] in ("error", "non-document-error") or message.get("subType") in ("warning", "fatal")


def describe(message, site):
    return f"{page_of(message, site)}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}" \
           f"\n    {message.get('extract', '').strip()[:160]}"


def test_every_page_is_valid_html(vnu, site):
    problems = [m for m in vnu if is_problem(m)]
    remaining = [m for m in problems if not allowed(m)]
    counts = Counter(m["type"] + ("/" + m["subType"] if m.get("subType") else "") for m in vnu)
    print(f"\nvnu: {len(vnu)} messages {dict(counts)}; {len(problems) - len(remaining)} allow-listed, "
          f"{len(remaining)} not allowed")
    for m in vnu:
        if not is_problem(m):
            print("  info (not a failure):", describe(m, site))
    assert not remaining, "vnu reports:\n" + "\n".join(describe(m, site) for m in remaining)


def test_allow_list_is_still_needed_on_every_page(vnu, site):
    """Each allow-list entry still matches on every page, which also shows vnu read every page."""
    everywhere = set(pages(site))
    for pattern, markup, why in ALLOWED:
        hit = {page_of(m, site) for m in vnu
               if is_problem(m) and re.search(pattern, m["message"]) and re.search(markup, m.get("extract", ""))}
        assert hit == everywhere, f"allow-list entry ({why}) no longer matches on {sorted(everywhere - hit)}: " \
                                  "remove or narrow it"
