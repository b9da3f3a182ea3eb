"""Charts as SVG drawn on the server by pygal.

pygal because its charts are plain SVG made in Python: they show with JavaScript off, need no
script or font from anywhere (its tooltip script, fetched from a CDN by default, is turned off
with `js=[]`, its config script dropped), and the colours follow the page's theme through `currentColor`.
"""

from __future__ import annotations

import functools
import re

import pygal
from pygal.style import Style

# pygal writes its tooltip config as an inline script even with no script to read it: dropped,
# so the pages' Content-Security-Policy can refuse every inline script.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
CHART_BARS = 25  # bars in one compare chart: the table below holds every row
# Drawing costs pygal ~1.5 ms a point: a chart asked for again (the same page reloaded, another
# reader of the same comparison) is the one drawn before.
DRAWN = 256

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


@functools.lru_cache(maxsize=DRAWN)
def years_chart(
    title: str,
    results: tuple[tuple[int, float], ...],
    targets: tuple[tuple[int, float], ...],
    names: tuple[str, str],
) -> str:
    """One indicator over the years: results as a line, targets as marks (no line)."""
    years = sorted({year for year, _ in [*results, *targets]})
    chart = pygal.XY(
        width=480, height=260, title=title, x_labels=years, show_minor_x_labels=True,
        x_value_formatter=str, dots_size=4, **_COMMON,
    )  # fmt: skip
    chart.add(names[0], list(results))
    chart.add(names[1], list(targets), stroke=False, dots_size=6)
    return _SCRIPT.sub("", chart.render(is_unicode=True))


@functools.lru_cache(maxsize=DRAWN)
def bar_chart(title: str, bars: tuple[tuple[str, float], ...]) -> str:
    """One figure per place as horizontal bars, the largest first (at most CHART_BARS)."""
    shown = sorted(bars, key=lambda bar: -bar[1])[:CHART_BARS]
    chart = pygal.HorizontalBar(
        width=640, height=80 + 22 * len(shown), title=title, **{**_COMMON, "show_legend": False},
    )  # fmt: skip
    chart.x_labels = [name for name, _ in reversed(shown)]
    chart.add(title, [value for _, value in reversed(shown)])
    return _SCRIPT.sub("", chart.render(is_unicode=True))
