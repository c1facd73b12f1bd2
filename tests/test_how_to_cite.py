"""How to cite the edition: the same forms on the About page and in every page's citation data."""

import json

import yaml
from lxml import html as lhtml

from conftest import ROOT


def test_about_page_gives_each_style_honest_about_author_and_title(site):
    about = lhtml.parse(str(site / "about.html")).getroot()
    forms = {li.xpath("strong")[0].text: "".join(li.xpath("span")[0].itertext())
             for li in about.xpath("//h2[@id='how-to-cite']/following-sibling::ul[1]/li")}
    assert set(forms) == {"APA 7", "Chicago", "MLA 9", "GB/T 7714-2015"}
    meta = yaml.safe_load((ROOT / "edition" / "edition.yml").read_text(encoding="utf-8"))
    for style, text in forms.items():
        assert meta["edition"]["title"] in text, f"{style} names the supplied title, brackets and all"
        assert "12" in text, f"{style} cites the example paragraph by number"
    assert "[Author unknown]. (2007)." in forms["APA 7"] and "para. 12" in forms["APA 7"]
    assert "par. 12" in forms["MLA 9"] and "Author" not in forms["MLA 9"], "MLA leaves an unknown author out"
    assert forms["GB/T 7714-2015"].startswith("佚名. ") and "[EB/OL]" in forms["GB/T 7714-2015"]
    assert str(meta["edition"]["date"]) in forms["GB/T 7714-2015"], "the edition's date, not the article's"


def test_pages_carry_the_same_templates_for_the_reader_side(site):
    text = lhtml.parse(str(site / "text.html")).getroot()
    data = json.loads(text.xpath("//script[@id='edition-citation']")[0].text)
    for style in data["styles"].values():
        assert "{url}" in style["template"] and "{n}" in style["template"]
        assert "{title}" not in style["template"], "edition fields are filled at build time"
