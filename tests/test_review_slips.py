"""Facts of the 2007 article only: the slips a reading of the text against itself found
(counts announced against what follows them, dates against terms of office) are recorded
in the apparatus as annotations, with the source's reading kept in the text."""

import yaml
from conftest import EDITION, SOURCE
from lxml import html as lhtml

# (words of the source, what the annotation must say it is measured against)
SLIPS = [
    ("大體經歷了四個階段：「一邊倒」", "五個階段"),
    ("美國對俄政策大體經歷了四個階段", "五個階段"),
    ("概分區分成三個階段", "四小節"),
    ("小布希政府第二任期", "2005年1月20日"),
    ("三任四屆", "五屆"),
    ("蒲亭就任後，俄羅斯與西方國家的關係", "1999年12月31日"),
]


def test_each_slip_is_annotated_and_the_text_keeps_its_reading(site):
    notes = yaml.safe_load((EDITION / "emendations.yml").read_text(encoding="utf-8"))
    source = SOURCE.read_text(encoding="utf-8").replace("\n", "")
    apparatus = lhtml.parse(str(site / "apparatus.html")).getroot().text_content()
    for words, measure in SLIPS:
        assert words in source, f"{words!r} is the source's own reading"
        found = [n for n in notes if n.get("type") == "annotation" and (words in n["context"] or n["context"] in words)]
        assert found, f"no annotation on {words!r}"
        assert any(measure in n["reason"] for n in found), f"the annotation on {words!r} says what it is measured against"
        assert any(n["reason"] in apparatus for n in found), "the apparatus shows the annotation's reason"


def test_break_after_the_us_phases_meets_the_lost_marker_rule_and_is_decided_so():
    """Source lines 33|34: after 。 a short line follows, the edition's own rule for a lost
    marker; the paragraph break is kept, the lost note is a conjecture."""
    breaks = yaml.safe_load((EDITION / "breaks.yml").read_text(encoding="utf-8"))
    decision = next(b for b in breaks if b["at"].startswith("（2003年3月至今）。|"))
    assert decision["decision"] == "break-note" and decision["certainty"] == "conjectural"
