"""Server-side SVG charts: accessible structure, data table fallback, escaping, no inline styles."""
from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from lms.readiness.charts import bar_chart, line_chart

ROWS = [("Anatomy & physiology", 82.4, "30 answers"), ("Pathology", 58.0, "12 answers"), ("Ethics", None, "no answers")]
POINTS = [("20 Jan", 40.0), ("27 Jan", None), ("3 Feb", 55.5), ("10 Feb", 71.0)]
EVIL = '<script>alert("x")</script>'


def parse(html: str) -> ElementTree.Element:
    """The markup is well-formed XML too, which also proves every text was escaped."""
    return ElementTree.fromstring(html)


def table_cells(html: str) -> list[list[str]]:
    body = parse(html).find("table/tbody")
    assert body is not None
    return [["".join(cell.itertext()) for cell in row] for row in body]


def test_bar_chart_structure_and_labels():
    html = bar_chart("Accuracy by domain", "Anatomy is strongest.", ROWS, id_prefix="dom")
    figure = parse(html)
    assert figure.tag == "figure"
    svg = figure.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("role") == "img" and svg.get("aria-labelledby") == "dom-title dom-desc"
    assert svg.find("{http://www.w3.org/2000/svg}title").get("id") == "dom-title"
    assert svg.find("{http://www.w3.org/2000/svg}desc").text == "Anatomy is strongest."
    assert figure.find("table/caption").text == "Accuracy by domain"
    assert [th.get("scope") for th in figure.iter("th")] == ["col"] * 3 + ["row"] * 3


def test_bar_chart_table_has_every_value():
    html = bar_chart("Accuracy by domain", "d", ROWS, id_prefix="dom")
    assert table_cells(html) == [["Anatomy & physiology", "82%", "30 answers"],
                                 ["Pathology", "58%", "12 answers"], ["Ethics", "no data", "no answers"]]
    assert html.count('fill="#0b5d57"') == 2  # a bar for each known value only


def test_line_chart_table_gap_and_points():
    html = line_chart("Weekly accuracy", "Rising.", POINTS, id_prefix="trend")
    assert table_cells(html) == [["20 Jan", "40%"], ["27 Jan", "no data"], ["3 Feb", "56%"], ["10 Feb", "71%"]]
    assert html.count("<circle") == 3
    assert html.count("<polyline") == 1  # the gap splits the line; a lone point is just a dot
    assert 'aria-labelledby="trend-title trend-desc"' in html
    assert [th.text for th in parse(html).iter("th")][:2] == ["Week", "Accuracy"]


@pytest.mark.parametrize("render", [
    lambda: bar_chart(EVIL, EVIL, [(EVIL, 50.0, EVIL)], id_prefix="evil"),
    lambda: line_chart(EVIL, EVIL, [(EVIL, 50.0)], id_prefix="evil"),
])
def test_text_is_escaped(render):
    html = render()
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    parse(html)


def test_no_inline_styles_and_accessible_colours():
    for html in (bar_chart("t", "d", ROWS, id_prefix="a"), line_chart("t", "d", POINTS, id_prefix="b")):
        assert "style" not in html.lower()
        assert "<script" not in html
        colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', html))
        assert colours <= {"#0b5d57", "#1b1f24", "#59636e", "#e6eaee"}


def test_ids_are_unique_per_call():
    first, second = bar_chart("t", "d", ROWS), bar_chart("t", "d", ROWS)
    first_ids, second_ids = (set(re.findall(r' id="([^"]+)"', html)) for html in (first, second))
    assert first_ids and not first_ids & second_ids
    assert 'id="x1-title"' in line_chart("t", "d", POINTS, id_prefix="x1")
    with pytest.raises(ValueError):
        bar_chart("t", "d", ROWS, id_prefix='x" onload="alert(1)')


def test_empty_and_out_of_range_values():
    html = bar_chart("t", "d", [("Over", 130.0, ""), ("Under", -5.0, "")], id_prefix="edge")
    assert table_cells(html) == [["Over", "130%", ""], ["Under", "-5%", ""]]
    assert 'width="540" height="18" fill="#0b5d57"' in html  # clamped to the full bar
    assert table_cells(line_chart("t", "d", [], id_prefix="none")) == []
    assert table_cells(line_chart("t", "d", [("only", 50.0)], id_prefix="one")) == [["only", "50%"]]
