"""The server-rendered SVG chart: a pure function of the points."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from ens.measures import chart
from ens.measures.chart import Series, chart_svg, nice_ticks, trend_summary

PARIS = ZoneInfo("Europe/Paris")
SVG = "{http://www.w3.org/2000/svg}"


def at(day: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, 9, 0, tzinfo=PARIS)


def render(points, **kwargs) -> ET.Element:
    series = kwargs.pop("series", None) or [Series("Poids", points)]
    svg = chart_svg(series=series, title="Poids", unit="kg", places=1, chart_id="c", **kwargs)
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, in a test


def circles(root) -> list[tuple[float, float]]:
    return [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
        if "ens-chart__dot" in c.get("class")
    ]


def texts(root) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_the_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    root = render([(at(1), Decimal(70))])

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title"
    assert root.find(f"{SVG}title").text == "Poids"
    assert root.find(f"{SVG}desc").get("id") == "c-desc"


def test_the_chart_has_no_style_attribute_for_the_strict_csp():
    svg = str(
        chart_svg(
            series=[Series("Poids", [(at(1), Decimal(70))])],
            title="P",
            unit="kg",
            places=1,
            chart_id="c",
        )
    )

    assert "style=" not in svg


def test_the_oldest_point_is_on_the_left_and_the_newest_on_the_right():
    root = render([(at(1), Decimal(70)), (at(11), Decimal(72)), (at(21), Decimal(71))])

    xs = [x for x, _y in circles(root)]
    assert xs[0] == chart.LEFT
    assert xs[-1] == chart.WIDTH - chart.RIGHT
    assert xs[1] == (xs[0] + xs[2]) / 2  # time is proportional: day 11 is halfway


def test_a_higher_value_is_drawn_higher():
    root = render([(at(1), Decimal(70)), (at(2), Decimal(80))])

    (_x1, y1), (_x2, y2) = circles(root)
    assert y2 < y1


def test_every_point_lies_within_the_plot():
    root = render([(at(d), Decimal(60 + d)) for d in range(1, 20)])

    for x, y in circles(root):
        assert chart.LEFT <= x <= chart.WIDTH - chart.RIGHT
        assert chart.TOP <= y <= chart.HEIGHT - chart.BOTTOM


def test_one_point_sits_in_the_middle_with_its_date():
    root = render([(at(5), Decimal("72.5"))])

    [(x, _y)] = circles(root)
    assert x == chart.LEFT + (chart.WIDTH - chart.LEFT - chart.RIGHT) / 2
    assert "05/03/2025" in texts(root)


def test_no_point_gives_a_frame_that_says_so():
    root = render([])

    assert circles(root) == []
    assert "Aucune mesure enregistrée." in texts(root)


def test_many_points_make_one_line_without_a_marker_each():
    start = at(1, month=1)
    points = [(start + timedelta(days=i), Decimal(70) + Decimal(i % 7)) for i in range(500)]

    root = render(points)

    [line] = root.iter(f"{SVG}polyline")
    assert len(line.get("points").split()) == 500
    assert circles(root) == []


def test_the_axes_show_dates_and_values_the_french_way():
    root = render([(at(1), Decimal("70.5")), (at(31), Decimal("72.5"))])

    labels = texts(root)
    assert "01/03/2025" in labels and "31/03/2025" in labels
    assert "70,5" in labels and "72,5" in labels


def test_points_hours_apart_write_their_date_once():
    root = render([(at(1), Decimal(70)), (at(1) + timedelta(hours=3), Decimal(71))])

    assert texts(root).count("01/03/2025") == 1


def test_two_series_get_a_legend():
    series = [
        Series("Systolique", [(at(1), Decimal(125))]),
        Series("Diastolique", [(at(1), Decimal(80))], css_class="ens-chart__line--2"),
    ]

    root = render([], series=series)

    assert "Systolique" in texts(root) and "Diastolique" in texts(root)


def test_labels_are_escaped():
    svg = str(
        chart_svg(
            series=[Series("<b>", [(at(1), Decimal(1))])],
            title="<script>",
            unit="kg",
            places=1,
            chart_id="c",
        )
    )

    assert "<script>" not in svg


def test_nice_ticks_are_round_and_cover_the_values():
    assert nice_ticks(71.3, 78.9) == [70, 72, 74, 76, 78, 80]


def test_nice_ticks_around_a_single_value():
    ticks = nice_ticks(72.0, 72.0)

    assert ticks[0] < 72 < ticks[-1]


def test_the_summary_tells_the_trend():
    summary = trend_summary(
        [Series("Poids", [(at(1), Decimal("72.5")), (at(20), Decimal("70.1"))])],
        unit="kg",
        places=1,
    )

    assert summary == (
        "2 mesures du 01/03/2025 au 20/03/2025. De 72,5 à 70,1 kg (en baisse de 2,4 kg) ; "
        "minimum 70,1, maximum 72,5 kg."
    )


def test_the_summary_of_one_point():
    summary = trend_summary([Series("Poids", [(at(1), Decimal("72.5"))])], unit="kg", places=1)

    assert summary == "1 mesure, le 01/03/2025. 72,5 kg."


def test_the_dates_are_shown_in_paris_time():
    late_utc = datetime(2025, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC"))  # 2 March in Paris

    assert re.search(
        "02/03/2025", trend_summary([Series("P", [(late_utc, Decimal(1))])], unit="kg", places=1)
    )


def test_the_dates_on_the_time_axis_leave_room_for_each_other():
    root = render([(at(1, month=1), Decimal(70)), (at(28, month=12), Decimal(71))])

    xs = [
        float(t.get("x"))
        for t in root.iter(f"{SVG}text")
        if re.fullmatch(r"\d\d/\d\d/\d{4}", t.text or "")
    ]
    assert len(xs) == chart.MAX_DATE_TICKS
    assert all(b - a >= 150 for a, b in zip(xs, xs[1:], strict=False))
