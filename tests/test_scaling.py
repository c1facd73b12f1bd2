"""The edition scripts' work grows linearly with the text (issue 9): no step compares every entry
with every block again. Counted, not timed: the calls each function makes while the pages are
built from the article repeated 2, 4 and 8 times (scripts/bench.py's synthetic edition), and the
passes over the text that the index of the blocks makes. Timings belong in `make bench`.
"""

import cProfile
import pstats
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (its synthetic edition: the article repeated, with matching decisions)
from editkit import memo  # noqa: E402
from editkit.build import make_edition, read_inputs  # noqa: E402
from editkit.cli import _templates  # noqa: E402
from editkit.site import generate  # noqa: E402
from editkit.text_index import Occurrences  # noqa: E402

SCALES = (2, 4, 8)
LINEAR = 2.3  # doubling the text may at most (about) double the work; a quadratic step quadruples


def _calls(folder):
    """{function: calls} while the pages of the edition in ``folder`` are made (no file written)."""
    profile = cProfile.Profile()
    profile.enable()
    inputs = read_inputs(folder)
    edition = make_edition(inputs, check_lock=False)
    generate(edition, inputs, _templates(folder))
    profile.disable()
    stats = pstats.Stats(profile).stats
    return {f"{Path(file).name}:{line}({name})": calls for (file, line, name), (calls, *_rest) in stats.items()}


@pytest.fixture(scope="module")
def counts(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(memo.OFF, "1")  # every build computes everything: the same fixed work at each scale
        folders = {}
        for n in (1, *SCALES):
            folders[n] = tmp_path_factory.mktemp(f"x{n}") / "edition"
            bench.synthetic(n, folders[n])
        _calls(folders[1])  # once before counting: what is computed once per process is not counted
        scans = Occurrences.scans
        out = {n: _calls(folders[n]) for n in SCALES}
        return out, Occurrences.scans - scans


def test_no_function_is_called_more_than_linearly_often(counts):
    calls, _ = counts
    small, middle, large = (calls[n] for n in SCALES)
    superlinear = {}
    for fn, n_large in large.items():
        grew = n_large - middle.get(fn, 0)
        before = middle.get(fn, 0) - small.get(fn, 0)
        if n_large >= 200 and grew > LINEAR * max(before, 1):
            superlinear[fn] = (small.get(fn, 0), middle.get(fn, 0), n_large)
    assert not superlinear, f"calls at ×{SCALES}, growing faster than the text: {superlinear}"


def test_all_calls_together_grow_linearly(counts):
    calls, _ = counts
    total = {n: sum(calls[n].values()) for n in SCALES}
    small, middle, large = (total[n] for n in SCALES)
    assert middle > small  # the counting saw the build
    assert large - middle <= LINEAR * (middle - small), total


def test_the_blocks_are_indexed_once_per_kind_of_lookup(counts):
    # emendation contexts, glossary forms, bibliography mentions: one pass each over the text,
    # however many entries
    _, scans = counts
    assert scans == 3 * len(SCALES)


def test_index_finds_exactly_what_a_plain_search_finds():
    # every occurrence, overlapping ones too, in text order; strings that begin one another,
    # strings longer than the gram, regex metacharacters, and strings that would cross two texts
    rng = random.Random(9)
    alphabet = "ab.(中*\\"
    for _ in range(2000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(rng.randint(0, 4))]
        strings = ["".join(rng.choice(alphabet + "\n") for _ in range(rng.randint(0, 12)))
                   for _ in range(rng.randint(0, 6))]
        strings += [t[i:j] for t in texts for i, j in [sorted((rng.randint(0, len(t)), rng.randint(0, len(t))))]]
        index = Occurrences(texts, strings)
        for s in strings:
            expected = [(k, i) for k, t in enumerate(texts) for i in range(len(t)) if s and t.startswith(s, i)]
            assert index.find(s) == expected, (texts, s)
