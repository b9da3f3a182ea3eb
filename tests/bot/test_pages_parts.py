"""The pages' pure parts: figure rows of every kind, series by year, levels, initData."""

from __future__ import annotations

import itertools
import json

import pytest

from bot.pages.initdata import InitDataError, sign, validate
from bot.pages.views import figure_rows, level_of, place_series
from bot.present.words import CHINESE, catalogue
from briefings.model import Metric


def _metric(
    value: float, kind: str = "result", period: str | None = "2020", **more: object
) -> Metric:
    fields: dict = {"id": "m1", "section": "1", "raw": f"{value}%", "value": value, "unit": "%",
                    "qualifier": "", "label": "地区生产总值增长", "sentence": "……", "kind": kind,
                    "period": period, "indicator": "gdp_growth", **more}  # fmt: skip
    return Metric(**fields)


@pytest.mark.parametrize("kind", ["result", "target", "plan", "start", "threshold", "cumulative"])
def test_every_kind_of_figure_has_a_row_in_both_languages(kind: str) -> None:
    for words in (CHINESE, catalogue("en")):
        (row,) = figure_rows([_metric(5, kind)], words)
        assert row.kind and not row.kind.startswith("web.")


def test_a_kind_the_catalogue_does_not_name_is_shown_as_it_is() -> None:
    (row,) = figure_rows([_metric(5, "novel")], CHINESE)
    assert row.kind == "novel"


def test_a_year_said_by_several_reports_takes_the_nearest_report_s_figure() -> None:
    sheets = [
        (2020, [_metric(6.1, period="2019"), _metric(6.0, "target", "2020")]),
        (2021, [_metric(2.3, period="2020"), _metric(6.2, period="2019")]),  # 6.2: revised later
        (2022, [_metric(8.1, period="2021"), _metric(5.5, "target", "2022")]),
    ]
    (series,) = place_series(sheets, CHINESE)
    assert series.results == [(2019, 6.1), (2020, 2.3), (2021, 8.1)]
    assert series.targets == [(2020, 6.0), (2022, 5.5)]
    assert series.chart.count('class="dot') >= 5


def test_a_series_table_shows_each_figure_as_the_report_printed_it() -> None:
    """An amount in 元 is plotted as a number but shown as printed (1665.2亿元, not
    166520000000.0, which at a phone's width pushed the page sideways), with its bound."""
    amount = {"unit": "元", "indicator": "gdp"}
    sheets = [
        (2021, [_metric(1.6652e11, period="2020", raw="1665.2亿元", **amount)]),
        (2022, [_metric(1.9e11, "target", "2022", raw="1900亿元", bound="at_least", **amount)]),
    ]
    (series,) = place_series(sheets, CHINESE)
    assert series.printed == {("result", 2020): "1665.2亿元", ("target", 2022): "≥1900亿元"}


def test_units_are_never_mixed_in_one_series() -> None:
    sheets = [(2020, [_metric(6.1, period="2019"), _metric(2.0, period="2019", unit="个百分点")]),
              (2021, [_metric(2.3, period="2020"), _metric(1.0, period="2020", unit="个百分点")])]  # fmt: skip
    units = sorted(series.unit for series in place_series(sheets, CHINESE))
    assert units == ["%", "个百分点"]


@pytest.mark.parametrize(
    ("name", "level"),
    [("河南省", "province"), ("北京市", "province"), ("深圳市", "city"), ("东湖区", "district"),
     ("河北省保定市安国市", "district"), ("河北省保定市", "city"), ("", "")],
)  # fmt: skip
def test_the_level_of_a_place(name: str, level: str) -> None:
    assert level_of(name) == level


def _fields(user: int = 7) -> dict[str, str]:
    return {"auth_date": "1000000", "user": json.dumps({"id": user, "language_code": "en"})}


def test_initdata_signed_with_the_token_names_its_user() -> None:
    user = validate(sign(_fields(), "1:abc"), "1:abc", now=1000060)
    assert user.id == 7 and user.language_code == "en"


@pytest.mark.parametrize(
    ("data", "now"),
    [
        (sign(_fields(), "1:other"), 1000060),  # another bot's token: forged
        (sign(_fields(), "1:abc").replace("%22id%22%3A+7", "%22id%22%3A+8"), 1000060),  # tampered
        (sign(_fields(), "1:abc"), 1000000 + 2 * 24 * 3600),  # stale
        ("user=%7B%7D&auth_date=1", 1000060),  # no hash
        (sign({"auth_date": "1000000"}, "1:abc"), 1000060),  # signed, but names no user
    ],
)
def test_forged_stale_or_malformed_initdata_is_refused(data: str, now: float) -> None:
    with pytest.raises(InitDataError):
        validate(data, "1:abc", now=now)


def test_a_page_s_comparison_is_sorted_and_its_chart_shows_the_largest() -> None:
    from bot.pages.views import compare_groups
    from briefings.compare import Row

    rows = [
        Row(f"d{n}", f"地{n}市", 2024, "t", "增长", f"{n}%", "result", "2024", "1",
            "……", indicator="gdp_growth", number=float(n), unit="%")
        for n in range(200)
    ]  # fmt: skip
    (group,) = compare_groups(rows, CHINESE, "value", True)
    assert [row.number for row in group.rows] == [float(n) for n in range(199, -1, -1)]
    assert "地199市" in group.chart and "地0市 " not in group.chart


def test_the_promises_score_judges_each_year_s_targets_by_the_next_report() -> None:
    from bot.pages.views import promises_by_year
    from briefings.catalogue import Listing
    from briefings.model import Meta

    def listing(year: int) -> Listing:
        meta = Meta(title=f"{year}年某市政府工作报告", issuer="某市人民政府", year=year)
        return Listing(f"{year}.txt", 1, 0, f"d{year}", meta)

    reports = [listing(2020), listing(2021), listing(2023)]
    figures = {
        "d2020": [_metric(6.0, "target", "2020", label="地区生产总值增长")],
        "d2021": [_metric(2.3, "result", "2020", label="地区生产总值增长")],
    }
    (scored,) = promises_by_year(reports, figures)  # 2021's targets: no 2022 report to judge
    assert (scored.year, scored.result.meta.year) == (2020, 2021)
    assert scored.counts == {"met": 0, "missed": 1, "unclear": 0, "not_reported": 0}


def test_a_comparison_sorted_otherwise_keeps_its_chart() -> None:
    """The bar chart shows the largest figures whatever the table's order: re-sorting the
    table draws nothing anew (pygal takes ~1.5 ms a bar)."""
    from bot.pages import charts
    from bot.pages.views import compare_groups
    from briefings.compare import Row

    rows = [
        Row(f"e{n}", f"天{n}市", 2023, "t", "增长", f"{n}%", "result", "2023", "1", "……",
            number=float(n % 40), unit="%")
        for n in range(300)
    ]  # fmt: skip
    (first,) = compare_groups(rows, CHINESE, "value", True)
    drawn = charts.bar_chart.cache_info().misses
    for sort, descending in (("place", False), ("year", True), ("value", False)):
        (group,) = compare_groups(rows, CHINESE, sort, descending)
        assert group.chart == first.chart
    assert charts.bar_chart.cache_info().misses == drawn


def _axis(svg: str, axis: str) -> list[tuple[float, str]]:
    """The labels of a chart's axis ('x' or 'y') as (position, text)."""
    from xml.etree import ElementTree

    found = []
    for group in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class", "").split()[:2] == ["axis", axis]:
            for text in group.iter("{http://www.w3.org/2000/svg}text"):
                place = float(text.get("x" if axis == "x" else "y", "0"))
                found.append((place, text.text or ""))
    return found


def _amounts(*figures: tuple[int, float, str], unit: str = "元", indicator: str = "gdp") -> list:
    return [
        (year + 1, [_metric(value, period=str(year), raw=raw, unit=unit, indicator=indicator)])
        for year, value, raw in figures
    ]


@pytest.mark.parametrize(
    ("figures", "unit", "axis_unit", "largest"),
    [
        ([(2000, 1.6652e11, "1665.2亿元"), (2017, 2.24e12, "2.24万亿元"),
          (2023, 3.46e12, "3.46万亿元")], "元", "万亿元", "3.46"),
        ([(2000, 1.6652e11, "1665.2亿元"), (2009, 8.201e11, "8201亿元")], "元", "亿元", "8201"),
        ([(2019, 5.22e6, "522万人"), (2020, 4.8e6, "480万人")], "人", "万人", "522"),
        ([(2019, 4.2e11, "420000000000元"), (2020, 4.5e11, "450000000000元")], "元", "亿元",
         "4500"),
        ([(2019, 13581, "13581美元"), (2020, 24000, "2.4万美元")], "美元", "万美元", "2.4"),
    ],
)  # fmt: skip
def test_an_amount_s_chart_is_drawn_in_the_unit_its_reports_print(
    figures: list[tuple[int, float, str]], unit: str, axis_unit: str, largest: str
) -> None:
    """The y axis of 地区生产总值 read 3.6e+12: it is labelled in 亿元 or 万亿元 as the
    reports print the sums, and its numbers are plain."""
    (series,) = place_series(_amounts(*figures, unit=unit), CHINESE)
    assert series.name.endswith(f"（{axis_unit}）")
    labels = [text for _, text in _axis(str(series.chart), "y")]
    assert labels and not [text for text in labels if "e+" in text or "e-" in text]
    assert float(max(labels, key=float)) < 100_000
    assert f": {largest}<" in str(series.chart)  # the point's own value, in the axis's unit
    # The table under the chart still shows each figure as printed.
    assert sorted(series.printed.values()) == sorted(raw for _, _, raw in figures)


@pytest.mark.parametrize(
    "years",
    [
        list(range(2000, 2026)),  # a figure every year
        [2000, 2005, 2010, 2019, 2020, 2021, 2022],  # years close together after a gap
        [2020, 2021],
    ],
)
def test_a_year_chart_names_each_year_once_with_room_between_them(years: list[int]) -> None:
    (series,) = place_series(
        [(y + 1, [_metric(5.0 + y % 3, period=str(y))]) for y in years], CHINESE
    )
    labels = _axis(str(series.chart), "x")
    named = [int(text) for _, text in labels]
    assert len(named) == len(set(named)) >= 2 and set(named) <= set(years)
    assert max(years) in named  # the latest year is always named
    places = sorted(place for place, _ in labels)
    # A 4-digit label at 13 px is ~30 px wide: each needs that and some space at the chart's size.
    assert min(b - a for a, b in itertools.pairwise(places)) >= 36


def test_a_comparison_of_sums_is_charted_in_the_unit_the_reports_print() -> None:
    """The compare page's bars of 地区生产总值 read 3.9e+12 as well: 万亿元, plain numbers."""
    from bot.pages.views import compare_groups
    from briefings.compare import Row

    rows = [
        Row(f"g{n}", f"城{n}市", 2024, "t", "地区生产总值", f"{1 + n / 10:.1f}万亿元", "result",
            "2023", "1", "……", indicator="gdp", number=(1 + n / 10) * 1e12, unit="元")
        for n in range(30)
    ]  # fmt: skip
    (group,) = compare_groups(rows, CHINESE, "value", True)
    chart = str(group.chart)
    assert "万亿元" in chart and "e+" not in chart
    assert '<desc class="value">3.9</desc>' in chart  # the bar's value, in that unit
    assert group.rows[0].value == "3.9万亿元"  # the table: as printed
