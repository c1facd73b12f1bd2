"""An editor's workflow: `init SOURCE DIR`, `check DIR` (every open point at once), `lock DIR`,
`build DIR`, and `make serve`. A new edition needs data, never a change under scripts/.

The real CLI in a subprocess, on real sources: the WTO agreement's pdftotext extraction
(editions/psi-agreement/source, surveyed by hand in editions/psi-agreement/DAMAGE.md) and the
invented second article.
"""

import hashlib
import json
import os
import re
import signal
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import ENV, PY, ROOT, run_cli

PSI_SOURCE = ROOT / "editions" / "psi-agreement" / "source" / "psi-agreement.txt"
SECOND = ROOT / "tests" / "data" / "second_article"
ERROR = re.compile(r"^error: (?P<file>.+?)(?::(?P<line>\d+))?: (?P<message>.+ — .+)$")
# From DAMAGE.md (the surveyor's reading): the page-number lines, and the five places where a
# line ends a sentence at full width, so that only reading can say whether the paragraph goes on.
PSI_PAGE_NUMBER_LINES = [30, 75, 118, 160, 194, 235, 286, 316, 350, 378, 404]
PSI_FULL_WIDTH_ENDS = ["9|10", "171|172", "178|179", "321|322", "387|388"]


def init(source, folder, cwd):
    return subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), "init", str(source), str(folder)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=ENV, timeout=60)


def errors(result):
    lines = result.stderr.strip().split("\n")
    for line in lines:
        assert ERROR.match(line), f"not `error: file[:line]: problem — fix`: {line!r}"
    return lines


def fill_edition_yml(folder: Path):
    """What the editor writes into the drafted edition.yml (taken from the invented second article)."""
    path = folder / "edition.yml"
    drafted = yaml.safe_load(path.read_text(encoding="utf-8"))
    given = yaml.safe_load((SECOND / "edition.yml").read_text(encoding="utf-8"))
    drafted["source"]["origin"] = "a test"
    drafted["original"]["country"] = "臺灣"
    history = drafted["edition"]["history"]
    drafted["edition"] = {**given["edition"], "history": history}
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(header + "\n" + yaml.safe_dump(drafted, allow_unicode=True, sort_keys=False), encoding="utf-8")


def decide_all(folder: Path, decision="break"):
    path = folder / "breaks.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  decision: null\n", f"  decision: {decision}\n  certainty: certain\n  reason: 測試。\n"), encoding="utf-8")


# --- init -----------------------------------------------------------------------------------------

def test_init_drafts_a_new_edition_from_what_it_detects(tmp_path):
    folder = tmp_path / "psi"
    result = init(PSI_SOURCE, folder, tmp_path)
    assert result.returncode == 0, result.stderr
    copied = folder / "source" / PSI_SOURCE.name
    assert copied.read_bytes() == PSI_SOURCE.read_bytes()
    meta = yaml.safe_load((folder / "edition.yml").read_text(encoding="utf-8"))
    assert meta["source"]["sha256"] == hashlib.sha256(PSI_SOURCE.read_bytes()).hexdigest()
    assert meta["original"]["title"] is None, "nothing the source does not say is filled in"
    lock = json.loads((folder / "anchors.lock.json").read_text(encoding="utf-8"))
    assert lock["paragraphs"] == [] and (folder / lock["$schema"]).resolve().is_file()
    assert (folder / "pages" / "index.md").is_file() and (folder / "pages" / "about.md").is_file()

    structure = yaml.safe_load((folder / "structure.yml").read_text(encoding="utf-8"))
    lines = [line.strip() for line in PSI_SOURCE.read_text(encoding="utf-8").split("\n")]
    [page] = [f["match"] for f in structure["furniture"] if f["kind"] == "page-number"]
    assert [n for n, t in enumerate(lines, start=1) if re.search(page, t)] == PSI_PAGE_NUMBER_LINES
    assert structure["wrap"]["width"] == 62, "66 columns a full line, as DAMAGE.md measured, less the slack"
    markers = re.compile(structure["notes"]["marker"])
    assert sum(len(markers.findall(t)) for t in lines) == 5  # DAMAGE.md: markers on lines 40, 68, 175, 204, 311
    # every heading found has a drafted id; the article headings are among them
    assert all(f"第{n}條" in structure["ids"] for n in "一二三四五六七八九")


def test_init_is_deterministic(tmp_path):
    for name in ("a", "b"):
        assert init(PSI_SOURCE, tmp_path / name, tmp_path).returncode == 0
    read = lambda d: {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b")


def test_init_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    result = init(PSI_SOURCE, tmp_path / "used", tmp_path)
    assert result.returncode == 1 and "not empty" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "used" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_check_after_init_lists_every_open_point_at_once(tmp_path):
    folder = tmp_path / "psi"
    assert init(PSI_SOURCE, folder, tmp_path).returncode == 0
    result = run_cli("check", folder, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = errors(result)
    text = "\n".join(lines)
    for field in ("edition.title", "edition.title_en", "edition.short_title", "edition.author_zh",
                  "edition.editor.name", "edition.licence.id", "edition.licence.url", "original.country"):
        assert f"`{field}`" in text, f"{field} should be listed"
    drafted = yaml.safe_load((folder / "breaks.yml").read_text(encoding="utf-8"))
    assert drafted and all(e["decision"] is None and e["rule"] for e in drafted)
    for entry in drafted:
        a, b = entry["lines"].split("|")
        assert f"source lines {a} and {b} " in text, f"undecided break {entry['lines']} not listed"
    listed = {e["lines"] for e in drafted}
    assert set(PSI_FULL_WIDTH_ENDS) <= listed
    assert len([line for line in lines if "undecided break" in line]) == len(drafted)


# --- a new edition, from data only ----------------------------------------------------------------

def test_a_new_edition_needs_data_not_code(tmp_path):
    """init → the editor fills edition.yml and decides every break → lock → check → build."""
    folder = tmp_path / "second"
    assert init(SECOND / "source" / "second.txt", folder, tmp_path).returncode == 0
    # the breaks the second article's editor decided by hand are among those init flags
    flagged = {e["at"].split("|")[0][-4:] + "|" + e["at"].split("|")[1][:4]
               for e in yaml.safe_load((folder / "breaks.yml").read_text(encoding="utf-8"))}
    decided = {e["at"].split("|")[0][-4:] + "|" + e["at"].split("|")[1][:4]
               for e in yaml.safe_load((SECOND / "breaks.yml").read_text(encoding="utf-8"))}
    assert decided <= flagged

    fill_edition_yml(folder)
    decide_all(folder)
    first = run_cli("check", folder, cwd=tmp_path)
    assert first.returncode == 1
    [line] = errors(first)
    assert "anchors.lock.json" in line and f"scripts/edition.py lock {folder}" in line
    locked = subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), "lock", str(folder)], capture_output=True,
                            text=True, cwd=tmp_path, env=ENV, timeout=60)
    assert locked.returncode == 0, locked.stderr
    checked = run_cli("check", folder, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    built = subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), "build", str(folder), "--docs",
                            str(tmp_path / "docs")], capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=60)
    assert built.returncode == 0, built.stderr
    text = (tmp_path / "docs" / "text.md").read_text(encoding="utf-8")
    ids = re.findall(r"\{: #(p\d+) ", text)
    lock = json.loads((folder / "anchors.lock.json").read_text(encoding="utf-8"))
    assert ids == [e["id"] for e in lock["paragraphs"]] and ids


def test_build_dir_and_build_option_write_the_same(tmp_path):
    docs_a, docs_b = tmp_path / "a", tmp_path / "b"
    for args in (["build", str(SECOND), "--docs", str(docs_a)], ["build", "--edition", str(SECOND), "--docs", str(docs_b)]):
        result = subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), *args], capture_output=True,
                                text=True, cwd=tmp_path, env=ENV, timeout=60)
        assert result.returncode == 0, result.stderr
    read = lambda d: {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}  # noqa: E731
    assert read(docs_a) == read(docs_b)


def test_joins_inside_latin_script_keep_their_space(tmp_path):
    """A hard-wrapped text with English and Chinese: the English join keeps its word space, the
    Chinese one adds none."""
    source = tmp_path / "mixed.txt"
    source.write_text("第一條\n"
                      "This Agreement shall apply to all preshipment inspection activities carried out on the\n"
                      "territory of Members.\n"
                      "本協定適用於會員領域內所有裝運前檢驗活動，不論該活動係由會員政府以契約委\n"
                      "託或授權之。\n", encoding="utf-8")
    folder = tmp_path / "mixed"
    assert init(source, folder, tmp_path).returncode == 0
    structure = folder / "structure.yml"
    structure.write_text(structure.read_text(encoding="utf-8").split("\nbreaks:")[0] + "\n"
                         "wrap:\n  break_before: []\n  break_after: ['.', '。']\n  width: 40\n", encoding="utf-8")
    fill_edition_yml(folder)
    decide_all(folder)
    subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), "lock", str(folder)], cwd=tmp_path, env=ENV,
                   check=True, capture_output=True)
    built = subprocess.run([PY, str(ROOT / "scripts" / "edition.py"), "build", str(folder), "--docs",
                            str(tmp_path / "docs")], capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=60)
    assert built.returncode == 0, built.stderr
    paragraphs = json.loads((tmp_path / "docs" / "downloads" / "paragraphs.json").read_text(encoding="utf-8"))
    texts = [p["text"] for p in (paragraphs["paragraphs"] if isinstance(paragraphs, dict) else paragraphs)]
    assert "activities carried out on the territory of Members." in texts[0]
    assert texts[1] == "本協定適用於會員領域內所有裝運前檢驗活動，不論該活動係由會員政府以契約委託或授權之。"


# --- make serve -----------------------------------------------------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url, want, process, limit=240):
    """Poll until the page holds ``want`` (MkDocs rebuilds in the background); fail if serve died."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        page = _fetch(url)
        if page is not None and want in page:
            return page
        time.sleep(1)
    raise AssertionError(f"{url} never showed {want!r}")


def test_make_serve_on_a_fresh_clone_builds_the_pages_and_follows_edits(tmp_path):
    clone = tmp_path / "clone"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    assert not (clone / "docs" / "text.md").exists(), "a fresh clone has no generated pages"
    port = _free_port()
    process = subprocess.Popen(["make", "-o", ".venv/.installed", "serve", f"PY={PY}", f"SERVE_ADDR=127.0.0.1:{port}"],
                               cwd=clone, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)  # its own process group: make and the mkdocs it runs
    try:
        base = f"http://127.0.0.1:{port}/"
        meta = yaml.safe_load((clone / "edition" / "edition.yml").read_text(encoding="utf-8"))
        _wait_for(base + "index.html", meta["edition"]["site_name"], process)
        assert "id=\"p1\"" in _wait_for(base + "text.html", "id=\"p1\"", process)
        page = clone / "edition" / "pages" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n編者新增的一句話。\n", encoding="utf-8")
        _wait_for(base + "index.html", "編者新增的一句話。", process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
