"""The relationship diagram on profiles: inline SVG, links, escaping."""
# ruff: noqa: S314  (parses our own server output, not untrusted XML)

import xml.etree.ElementTree as ET

import pytest

from profiles.graph import MAX_NODES, Neighbour, relationship_svg
from tests.public.helpers import text

SVG = "{http://www.w3.org/2000/svg}"


def test_diagram_is_well_formed_svg_with_title_desc_and_links():
    svg = relationship_svg(name="Northern Rare Earth", kind="enterprise", neighbours=[
        Neighbour("China Rare Earth Group", "Parent group", "/enterprises/crg/", "enterprise"),
        Neighbour("A party committee", "Held post", "", "other"),
    ])
    root = ET.fromstring(str(svg))
    assert root.find(f"{SVG}title").text == "Northern Rare Earth: nearest links"
    assert "Parent group: China Rare Earth Group" in root.find(f"{SVG}desc").text
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/enterprises/crg/"]


def test_names_are_escaped():
    svg = str(relationship_svg(name='<script>x</script> "Co"', kind="official", neighbours=[
        Neighbour("A & B <b>", "Owns \"it\"", '/x/?a=1&b="2"', "enterprise")]))
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # still well-formed
    assert root.find(f".//{SVG}a").get("href") == '/x/?a=1&b="2"'


def test_no_neighbours_no_diagram_and_many_are_capped():
    assert relationship_svg(name="Alone", kind="official", neighbours=[]) == ""
    many = [Neighbour(f"Co {i}", "Subsidiary", f"/e/{i}/") for i in range(30)]
    root = ET.fromstring(str(relationship_svg(name="Big", kind="enterprise", neighbours=many)))
    assert len(root.findall(f".//{SVG}a")) == MAX_NODES


@pytest.mark.django_db
def test_each_profile_draws_its_nearest_links(client, newsroom):
    official = text(client.get(newsroom.wang.get_absolute_url()))
    assert "<svg" in official and "Party Secretary (former)" in official
    enterprise = text(client.get(newsroom.northern.get_absolute_url()))
    svg = enterprise[enterprise.index("<svg"): enterprise.index("</svg>")]
    for rel in ("Parent group", "Supervised by", "Chairman"):
        assert rel in svg
    regulator = text(client.get(newsroom.im_sasac.get_absolute_url()))
    svg = regulator[regulator.index("<svg"): regulator.index("</svg>")]
    assert "Reports to" in svg and "Supervises" in svg and "Director" in svg


def test_long_names_are_drawn_whole_on_wrapped_lines_inside_their_boxes():
    long_name = "China Northern Rare Earth (Group) High-Tech Company Limited"
    svg = relationship_svg(name="Inner Mongolia Baotou Steel Rare-Earth Hi-Tech Group", kind="enterprise",
                           neighbours=[Neighbour(long_name, "Subsidiary", "/e/1/", "enterprise"),
                                       Neighbour("Short Co", "Parent group", "", "enterprise")])
    root = ET.fromstring(str(svg))
    label = root.find(f".//{SVG}text[@class='label']")
    lines = [t.text for t in label.findall(f"{SVG}tspan")]
    assert " ".join(lines) == long_name and "…" not in str(svg)
    assert len(lines) > 1
    centre = " ".join(t.text for t in root.find(f".//{SVG}g[@class='node centre kind-enterprise']").iter(f"{SVG}tspan"))
    assert centre == "Inner Mongolia Baotou Steel Rare-Earth Hi-Tech Group"
    # The first box is tall enough for its lines and the next box starts below it.
    rects = root.findall(f".//{SVG}g[@class='node kind-enterprise']//{SVG}rect")
    first_y, first_h, second_y = float(rects[0].get("y")), float(rects[0].get("height")), float(rects[1].get("y"))
    last_line_y = float(label.findall(f"{SVG}tspan")[-1].get("y"))
    assert first_y < last_line_y < first_y + first_h <= second_y
