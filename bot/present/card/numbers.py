"""A metric as a Chinese reader expects to see it: 231万人, 2.6亿条, 99.3%, 370余件."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefings.figures.bounds import shown_sign
from briefings.model import Metric
from briefings.text import fold

_MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}  # largest first
# Units the extractor may print with their magnitude folded in (万人, 亿元).
_UNIT_MAGNITUDES = {"千万": 10**7, "百万": 10**6, **_MAGNITUDES}
# Ratios read as printed: 99.3% must never become 0.0099万%. Signs join the number.
_RATIO_UNITS = ("百分点", "倍")
_SIGNS = {"%": "%", "％": "%", "‰": "‰"}
_PREFIX_WORDS = ("约", "将近", "接近", "近", "逾", "超过", "突破", "超", "不足")
_SUFFIX_WORDS = ("余", "多", "以上", "左右", "上下", "之多")
_HEDGED = re.compile(
    rf"(?P<prefix>{'|'.join(_PREFIX_WORDS)})?\s*\d[\d.,]*\s*(?P<magnitude>万亿|亿|万)?"
    rf"\s*(?P<suffix>{'|'.join(_SUFFIX_WORDS)})?"
)
_NUMBER = re.compile(r"\d[\d.,]*")
AUTO_DECIMALS = 2  # 2.6亿, 5.71万; 12975 stays as printed rather than 1.2975万
PRINTED_DECIMALS = 4


@dataclass(frozen=True)
class FigureText:
    """The parts of a displayed figure; `number` is drawn large, the rest small."""

    prefix: str
    number: str
    suffix: str
    unit: str

    @property
    def text(self) -> str:
        return f"{self.prefix}{self.number}{self.suffix}{self.unit}"


def format_figure(metric: Metric) -> FigureText:
    """Metric.value/unit in Chinese magnitudes, hedged (约, 余) as the report printed it.

    A ranking reads 第8位, a streak 连续3年; a ratio (每2名执法人员配备1台), a range (6%－6.5%)
    and places gained (提升3位) only make sense as printed, so they are shown so.
    """
    if metric.qualifier == "rank":
        return FigureText("第", _plain(metric.value), "", metric.unit or "位")
    if metric.qualifier in ("ratio", "range", "change"):
        return FigureText("", metric.raw, "", "")
    if metric.raw.startswith("连续"):
        return FigureText("连续", _plain(metric.value), "", metric.unit)
    value, unit = _split_unit(metric.value, metric.unit)
    printed = _HEDGED.search(fold(metric.raw))
    prefix, suffix = _hedges(printed, metric.qualifier)
    after = _trailing_hedge(fold(metric.raw), suffix)
    if not (prefix or suffix or after):
        prefix = shown_sign(metric.bound, metric.raw)  # 控制在5%以内 reads ≤5%
    digits = _digits(printed)
    if unit in _SIGNS:  # 95%以上: the sign joins the number, the hedge follows it
        return FigureText(prefix, _as_printed(value, digits) + _SIGNS[unit], suffix or after, "")
    if unit.endswith(_RATIO_UNITS):
        return FigureText(prefix, _as_printed(value, digits), suffix, unit + after)
    number = format_amount(value, printed["magnitude"] if printed else None, digits)
    return FigureText(prefix, number, suffix, unit + after)


def format_amount(value: float, magnitude: str | None = None, digits: str | None = None) -> str:
    """`value` in 亿 or 万 when that loses no digit, the magnitude the report printed first,
    with the printed `digits` when they say that number (10.0亿 stays 10.0亿)."""
    if magnitude in _MAGNITUDES and _fits(value / _MAGNITUDES[magnitude], PRINTED_DECIMALS):
        return _as_printed(value / _MAGNITUDES[magnitude], digits) + magnitude
    for name, scale in _MAGNITUDES.items():
        scaled = value / scale
        if abs(scaled) >= 1 and _fits(scaled, AUTO_DECIMALS):
            return _plain(scaled) + name
    return _plain(value)


def _split_unit(value: float, unit: str) -> tuple[float, str]:
    for name, scale in _UNIT_MAGNITUDES.items():
        if unit.startswith(name):
            return value * scale, unit[len(name) :]
    return value, unit


def _trailing_hedge(raw: str, suffix: str) -> str:
    """A hedge printed after the unit (1.3万亿斤以上) stays after it."""
    if suffix:
        return ""
    return next((word for word in _SUFFIX_WORDS if raw.endswith(word)), "")


def _hedges(printed: re.Match[str] | None, qualifier: str) -> tuple[str, str]:
    if printed and (printed["prefix"] or printed["suffix"]):
        return printed["prefix"] or "", printed["suffix"] or ""
    # The raw text holds no hedge: fall back on a qualifier that is itself the printed word.
    if qualifier in _PREFIX_WORDS:
        return qualifier, ""
    return "", qualifier if qualifier in _SUFFIX_WORDS else ""


def _fits(value: float, decimals: int) -> bool:
    # An absolute tolerance: a relative one lets 156.24999985亿 pass for 156.25亿.
    return abs(round(value, decimals) - value) < 1e-9


def _digits(printed: re.Match[str] | None) -> str | None:
    """The number as the report printed it (6.0 of 增长6.0%), thousands separators dropped."""
    found = _NUMBER.search(printed.group(0)) if printed else None
    return found.group(0).replace(",", "").rstrip(".") if found else None


def _as_printed(value: float, digits: str | None) -> str:
    """`value` written with the report's digits when they say it: a trailing zero the report
    printed (6.0%) is part of how precise the figure is, so it stays."""
    try:
        same = digits is not None and abs(float(digits) - value) < 1e-9
    except ValueError:
        same = False
    return digits if same and digits is not None else _plain(value)


def _plain(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
