"""A list pattern met twice in a text gives two quotations, each with an id of its own
(an id is unique in the HTML and the TEI)."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from editkit.build import _distinct_list_ids  # noqa: E402
from editkit.model import Block  # noqa: E402


def item(group):
    return Block("item", [1], "第1，", group=group)


def test_each_run_of_a_list_has_its_own_id():
    blocks = [item("points"), item("points"), Block("paragraph", [3], "正文"), item("points"), item("other")]
    _distinct_list_ids(blocks)
    assert [b.group for b in blocks] == ["points", "points", "", "points-2", "other"]
