"""An accessible line chart of measurements over time, rendered on the server as SVG.

Pure functions of the points (no database, no request): unit-tested on their own. The chart
needs no JavaScript and obeys the strict CSP: no style attribute, only SVG presentation
attributes (stroke, fill, ...) and classes styled by measures/measures.css. It is an image
(role="img") named by its <title> and described by its <desc>, which summarises the trend;
the page shows the same values as a table for screen readers and keyboard users.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ens.medical_profile.measures import format_french_decimal

WIDTH, HEIGHT = 480, 300
# Room for the value labels on the left and the dates at the bottom.
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 32, 44
MAX_MARKERS = 60  # beyond, the line alone stays readable
MAX_DATE_TICKS = 3
VALUE_TICKS = 5


@dataclass(frozen=True)
class Series:
    """One line of the chart: a label ("Systolique") and its (time, value) points."""

    label: str
    points: Sequence[tuple[datetime, Decimal]]
    css_class: str = "ens-chart__line--1"
    color: str = "#000091"  # blue France; the CSS class adapts it to the dark theme


def _format(value: float | Decimal, places: int) -> str:
    return format_french_decimal(Decimal(str(value)), places)


def _day(moment: datetime) -> str:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y")


def nice_ticks(low: float, high: float, count: int = VALUE_TICKS) -> list[float]:
    """Round values (1, 2, 2,5 or 5 × 10ⁿ apart) covering [low, high], about `count` of them."""
    if high < low:
        low, high = high, low
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def _step_places(ticks: list[float], places: int) -> int:
    """Decimals needed to tell the ticks apart (at least the unit's own)."""
    if len(ticks) < 2:
        return places
    step = ticks[1] - ticks[0]
    needed = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    return min(max(places if step < 1 else 0, needed), 3)


def trend_summary(series: Sequence[Series], *, unit: str, places: int) -> str:
    """The <desc> of the chart: how many values over which period, first and last, min and max."""
    all_points = [p for s in series for p in s.points]
    if not all_points:
        return _("Aucune mesure enregistrée.")
    times = [t for t, _v in all_points]
    count = max(len(s.points) for s in series)
    if min(times) == max(times) or count == 1:
        parts = [
            ngettext("%(count)d mesure, le %(day)s.", "%(count)d mesures, le %(day)s.", count)
            % {"count": count, "day": _day(max(times))}
        ]
    else:
        parts = [
            _("%(count)d mesures du %(first)s au %(last)s.")
            % {"count": count, "first": _day(min(times)), "last": _day(max(times))}
        ]
    for s in series:
        if not s.points:
            continue
        ordered = sorted(s.points, key=lambda p: p[0])
        first, last = ordered[0][1], ordered[-1][1]
        values = [v for _t, v in ordered]
        prefix = f"{s.label} : " if len(series) > 1 else ""
        if len(ordered) == 1:
            parts.append(prefix + f"{_format(last, places)} {unit}.")
            continue
        if last > first:
            trend = _("en hausse de %(delta)s %(unit)s")
        elif last < first:
            trend = _("en baisse de %(delta)s %(unit)s")
        else:
            trend = _("stable")
        trend = trend % {"delta": _format(abs(last - first), places), "unit": unit}
        sentence = _(
            "de %(first)s à %(last)s %(unit)s (%(trend)s) ; minimum %(min)s, "
            "maximum %(max)s %(unit)s."
        ) % {
            "first": _format(first, places),
            "last": _format(last, places),
            "unit": unit,
            "trend": trend,
            "min": _format(min(values), places),
            "max": _format(max(values), places),
        }
        parts.append(f"{prefix}{sentence}" if prefix else sentence[:1].upper() + sentence[1:])
    return " ".join(parts)


def chart_svg(
    *, series: Sequence[Series], title: str, unit: str, places: int, chart_id: str
) -> SafeString:
    """The SVG chart of `series` (one line each), titled `title`, values in `unit`.

    Time runs left to right, proportionally to the dates; values bottom to top, between round
    ticks around the lowest and highest values. One point sits in the middle; no point gives
    an empty frame saying so.
    """
    desc = trend_summary(series, unit=unit, places=places)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ens-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)}" aria-describedby="{escape(desc_id)}" '
        'preserveAspectRatio="xMidYMid meet" font-family="Marianne, arial, sans-serif" '
        'font-size="16">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(desc)}</desc>',
    ]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom, right = TOP + plot_h, LEFT + plot_w
    points = [p for s in series for p in s.points]
    if not points:
        out.append(
            f'<rect class="ens-chart__frame" x="{LEFT}" y="{TOP}" width="{plot_w}" '
            f'height="{plot_h}" fill="none" stroke="#929292"/>'
            f'<text class="ens-chart__text" x="{LEFT + plot_w / 2:g}" y="{TOP + plot_h / 2:g}" '
            f'text-anchor="middle" fill="#3a3a3a">{escape(desc)}</text></svg>'
        )
        return mark_safe("".join(out))  # noqa: S308 - every text above is escaped

    ticks = nice_ticks(float(min(v for _t, v in points)), float(max(v for _t, v in points)))
    y_low, y_high = ticks[0], ticks[-1]
    t_low = min(t for t, _v in points).timestamp()
    t_high = max(t for t, _v in points).timestamp()

    def x_of(moment: datetime) -> float:
        if t_high == t_low:
            return LEFT + plot_w / 2
        return LEFT + (moment.timestamp() - t_low) / (t_high - t_low) * plot_w

    def y_of(value: Decimal) -> float:
        return bottom - (float(value) - y_low) / (y_high - y_low) * plot_h

    tick_places = _step_places(ticks, places)
    # Value axis: horizontal grid lines with their values.
    for tick in ticks:
        y = bottom - (tick - y_low) / (y_high - y_low) * plot_h
        out.append(
            f'<line class="ens-chart__grid" x1="{LEFT}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#dddddd" stroke-width="1"/>'
            f'<text class="ens-chart__text" x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" '
            f'fill="#3a3a3a">{escape(_format(tick, tick_places))}</text>'
        )
    out.append(
        f'<text class="ens-chart__text" x="4" y="6" fill="#3a3a3a" '
        f'dominant-baseline="hanging" font-size="13">{escape(unit)}</text>'
    )
    # Time axis: the first and last dates, and evenly spaced ones between.
    if t_high == t_low:
        date_ticks = [min(t for t, _v in points)]
    else:
        span = t_high - t_low
        date_ticks = [
            _at(t_low + span * i / (MAX_DATE_TICKS - 1), points[0][0])
            for i in range(MAX_DATE_TICKS)
        ]
    # Points hours apart would repeat a date: each date is written once.
    seen: set[str] = set()
    date_ticks = [m for m in date_ticks if not (_day(m) in seen or seen.add(_day(m)))]
    for i, moment in enumerate(date_ticks):
        x = x_of(moment)
        anchor = "middle"
        if len(date_ticks) > 1 and i == 0:
            anchor = "start"
        elif len(date_ticks) > 1 and i == len(date_ticks) - 1:
            anchor = "end"
        out.append(
            f'<line class="ens-chart__axis" x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" '
            f'y2="{bottom + 5}" stroke="#3a3a3a" stroke-width="1"/>'
            f'<text class="ens-chart__text" x="{x:.1f}" y="{bottom + 22}" '
            f'text-anchor="{anchor}" fill="#3a3a3a">{escape(_day(moment))}</text>'
        )
    out.append(
        f'<line class="ens-chart__axis" x1="{LEFT}" x2="{right}" y1="{bottom}" y2="{bottom}" '
        'stroke="#3a3a3a" stroke-width="1"/>'
        f'<line class="ens-chart__axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" '
        'stroke="#3a3a3a" stroke-width="1"/>'
    )
    for s in series:
        ordered = sorted(s.points, key=lambda p: p[0])
        coords = [(x_of(t), y_of(v)) for t, v in ordered]
        css = escape(s.css_class)
        color = escape(s.color)
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(
                f'<polyline class="ens-chart__line {css}" points="{path}" fill="none" '
                f'stroke="{color}" stroke-width="2" stroke-linejoin="round"/>'
            )
        if len(coords) <= MAX_MARKERS:
            out.extend(
                f'<circle class="ens-chart__dot {css}" cx="{x:.1f}" cy="{y:.1f}" r="4" '
                f'fill="{color}"/>'
                for x, y in coords
            )
    if len(series) > 1:
        x = LEFT + 8
        for s in series:
            css, color = escape(s.css_class), escape(s.color)
            out.append(
                f'<circle class="ens-chart__dot {css}" cx="{x + 5}" cy="14" r="5" '
                f'fill="{color}"/>'
                f'<text class="ens-chart__text" x="{x + 14}" y="19" '
                f'fill="#3a3a3a">{escape(s.label)}</text>'
            )
            x += 28 + 9 * len(s.label)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def _at(timestamp: float, like: datetime) -> datetime:
    """The moment `timestamp`, aware like `like` (the points are aware in production)."""
    if timezone.is_aware(like):
        return datetime.fromtimestamp(timestamp, tz=like.tzinfo)
    return datetime.fromtimestamp(timestamp)
