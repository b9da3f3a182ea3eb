"""Charts as SVG drawn on the server by pygal.

pygal because its charts are plain SVG made in Python: they show with JavaScript off, need no
script or font from anywhere (its tooltip script, fetched from a CDN by default, is turned off
with `js=[]`, its config script dropped), and the colours follow the page's theme through `currentColor`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

# pygal writes its tooltip config as an inline script even with no script to read it: dropped,
# so the pages' Content-Security-Policy can refuse every inline script.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
CHART_BARS = 25  # bars in one compare chart: the table below holds every row
# Drawing costs pygal ~1.5 ms a point: a chart asked for again (the same page reloaded, another
# reader of the same comparison) is the one drawn before.
DRAWN = 256
# A year chart is drawn at about the width it is shown at on a phone (a 360 px screen gives it
# ~330 px; a desktop's grid ~300 px), so its 13 px labels stay ~12 px on screen.
YEARS_WIDTH = 360
_YEAR_LABEL = 44  # px a year's label takes under the chart, with the space beside it
_YEARS_AXIS = 100  # px beside the plot: the y labels (up to 6 digits) and margins

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="currentColor",
    foreground_strong="currentColor",
    foreground_subtle="rgba(127,127,127,0.35)",
    opacity="0.9",
    opacity_hover="1",
    colors=("#1f6fd1", "#c2410c"),
    font_family="sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=13,
    title_font_size=14,
)
_COMMON = {
    "style": _STYLE,
    "js": [],
    "disable_xml_declaration": True,
    "explicit_size": False,
    "show_legend": True,
    "legend_at_bottom": True,
    "legend_at_bottom_columns": 2,
    "print_values": False,
    "margin": 6,
}


def plain(value: float | None) -> str:
    """A number as a reader writes it: 36000 or 0.17, never 3.6e+04 (pygal's default prints
    ten significant digits, and past them scientific notation)."""
    if value is None:
        return ""
    text = f"{round(value, 4):f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def year_labels(years: Sequence[int], width: int = YEARS_WIDTH) -> list[int]:
    """The years named under a chart `width` wide: each once, and no two closer than a label
    needs (at a phone's width the chart is drawn at about its own size). The latest year is
    always named, then walking back each year far enough from the last one named."""
    if not years:
        return []
    ordered = sorted(set(years))
    span = ordered[-1] - ordered[0]
    room = max(width - _YEARS_AXIS, _YEAR_LABEL)  # the plot's width, without the y labels
    gap = span * _YEAR_LABEL / room  # the least distance, in years, between two named years
    named = [ordered[-1]]
    for year in reversed(ordered[:-1]):
        if named[-1] - year >= gap:
            named.append(year)
    return sorted(named)


@functools.lru_cache(maxsize=DRAWN)
def years_chart(
    title: str,
    results: tuple[tuple[int, float], ...],
    targets: tuple[tuple[int, float], ...],
    names: tuple[str, str],
) -> str:
    """One indicator over the years: results as a line, targets as marks (no line). The
    values are plotted as given: scaled to the unit the title names (万亿元, not 元)."""
    years = sorted({year for year, _ in [*results, *targets]})
    # Labels whole (pygal cuts them to what it guesses fits: 20…), at most 6 y graduations
    # (16 overlapped at this height), room on the right for half the latest year's label.
    chart = pygal.XY(
        width=YEARS_WIDTH, height=250, title=title, x_labels=year_labels(years),
        show_minor_x_labels=True, truncate_label=-1, x_value_formatter=str, max_scale=6,
        value_formatter=plain, dots_size=4, **_COMMON, margin_right=_YEAR_LABEL // 2,
    )  # fmt: skip
    chart.add(names[0], list(results))
    chart.add(names[1], list(targets), stroke=False, dots_size=6)
    return _SCRIPT.sub("", chart.render(is_unicode=True))


@functools.lru_cache(maxsize=DRAWN)
def bar_chart(title: str, bars: tuple[tuple[str, float], ...]) -> str:
    """One figure per place as horizontal bars, the largest first (at most CHART_BARS)."""
    shown = sorted(bars, key=lambda bar: -bar[1])[:CHART_BARS]
    chart = pygal.HorizontalBar(
        width=640, height=80 + 22 * len(shown), title=title, value_formatter=plain,
        **{**_COMMON, "show_legend": False},
    )  # fmt: skip
    chart.x_labels = [name for name, _ in reversed(shown)]
    chart.add(title, [value for _, value in reversed(shown)])
    return _SCRIPT.sub("", chart.render(is_unicode=True))
