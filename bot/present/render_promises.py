"""/promises as Telegram-flavoured HTML: a year's targets against the next report's results, one
line per indicator with both figures (bound shown) and its verdict, the rules used; the two
sentences of an indicator; the plan items with the review sentences reporting on them; places
ranked by targets met. Every report value escaped, every sentence quoted as printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape
from typing import TYPE_CHECKING

from briefings.model import Listed, Metric

from .render import figure_text, part_heading, part_name, report_title
from .words import CHINESE, Words

if TYPE_CHECKING:
    from briefings.promises import Promise, Promises, Quote

# The promises' and figures' rules are imported where a page uses them, not with this module:
# the push announcing a report imports it at start-up, and the rules cost ~50 ms to load.

RANKED = 30  # places shown by /promises all
_TAG = re.compile(r"</?[a-z]+>")


def indicator_name(key: str, words: Words = CHINESE, issuer: str = "") -> str:
    """The indicator's name in the chat's language, as the issuer's reports would say it (the
    country's GDP is 国内生产总值)."""
    from briefings.figures.indicators import indicators

    table = indicators()
    item = table.get(key)
    if item is None:
        return escape(key)
    return escape(item.en if words.language == "en" else table.zh_of(item, issuer))


def figure(metric: Metric) -> str:
    """The figure as printed, with its bound as a sign when the number does not say it, and a
    minus when it is a fall of a growth rate (下降2.1% is −2.1%: the number alone reads as a rise)."""
    from briefings.promises import signed_value

    fell = signed_value(metric) < 0 <= metric.value
    return ("−" if fell else "") + escape(figure_text(metric))


def _line(n: int, item: Promise, words: Words, issuer: str = "") -> str:
    if item.result is not None:
        result = words("promises.result", value=figure(item.result.metric))
        if item.rule in ("unit", "scope", "plan_share"):
            result += words(f"promises.{item.rule}_differs")
    else:
        result = words("promises.no_figure")
    return words(
        "promises.line",
        n=n,
        name=indicator_name(item.indicator, words, issuer),
        target=figure(item.target.metric),
        result=result,
        verdict=words(f"promises.verdict_{item.verdict}"),
    )


def score(found: Promises, words: Words = CHINESE) -> str:
    unclear = found.count("unclear")
    return words(
        "promises.score",
        place=escape(found.issuer),
        year=found.year or "",
        met=found.count("met"),
        missed=found.count("missed"),
        absent=found.count("not_reported"),
        unclear=words("promises.score_unclear", count=unclear) if unclear else "",
    )


def _named(report: Listed, words: Words) -> str:
    return words("promises.report", year=report.meta.year or "", title=report_title(report))


def promises_page(found: Promises, target: Listed, result: Listed, words: Words = CHINESE) -> str:
    """The score, the two reports paired, one line per indicator, the rules."""
    paired = words("promises.paired", target=_named(target, words), result=_named(result, words))
    lines = [_line(n, item, words, found.issuer) for n, item in enumerate(found.items, start=1)]
    return "\n\n".join([f"{score(found, words)}\n{paired}", "\n".join(lines),
                        rules_line(words)])  # fmt: skip


def rules_line(words: Words = CHINESE) -> str:
    """The line telling how a promise is judged, with the points within which a rate counts as
    met (the rules' file)."""
    from briefings.promises import rules

    return words("promises.rules", points=f"{rules().rate_points:g}")


def _section(section: str, words: Words) -> str:
    return words("promises.section", where=part_name(section, words)) if section else ""


def sentences_page(
    n: int, item: Promise, target: Listed, result: Listed, words: Words = CHINESE
) -> str:
    """Both sentences of one indicator, each with its report's year and section."""
    from briefings.choice import place

    aim = item.target.metric
    name = indicator_name(item.indicator, words, place(target))
    parts = [
        words("promises.target_heading", n=n, name=name,
              year=target.meta.year or "", section=_section(aim.section, words)),
        escape(aim.sentence),
    ]  # fmt: skip
    later = result.meta.year or ""
    if item.result is not None:
        got = item.result.metric
        heading = words("promises.result_heading", year=later, section=_section(got.section, words))
        parts += [heading, escape(got.sentence)]
    elif item.statement is not None:
        section = _section(item.statement.section, words)
        parts += [words("promises.statement_heading", year=later, section=section),
                  escape(item.statement.sentence)]  # fmt: skip
    else:
        parts.append(words("promises.no_result", year=later))
    return "\n".join(parts)


def _quote(quote: Quote, words: Words) -> str:
    where = part_heading(quote.section, quote.section_title, words)
    return words("promises.plan_quote", sentence=escape(quote.sentence), section=where)


def plan_page(found: Promises, result: Listed, words: Words = CHINESE) -> str:
    """Each plan item of the earlier report with the later report's sentences on it."""
    reported = sum(1 for item in found.plan if item.reported)
    lines = [
        words("promises.plan_heading", place=escape(found.issuer), year=found.year or "",
              count=len(found.plan), reported=reported, later=result.meta.year or "")
    ]  # fmt: skip
    for item in found.plan:
        lines.append(words("promises.plan_item", ordinal=escape(item.ordinal),
                           lead=escape(item.lead)))  # fmt: skip
        quotes = [_quote(quote, words) for quote in item.reported]
        lines += quotes or [words("promises.plan_none")]
    return "\n".join(lines)


def ranking_page(year: int, ranked: Sequence[Promises], words: Words = CHINESE) -> str:
    """Places ranked by the targets of `year` they met."""
    lines = [words("promises.all_heading", year=year, count=len(ranked))]
    for n, found in enumerate(ranked[:RANKED], start=1):
        lines.append(
            words("promises.all_line", n=n, place=escape(found.issuer), met=found.count("met"),
                  total=len(found.items), missed=found.count("missed"),
                  absent=found.count("not_reported") + found.count("unclear"))
        )  # fmt: skip
    if len(ranked) > RANKED:
        lines.append(words("promises.all_more", count=len(ranked) - RANKED))
    return "\n".join(lines)


def strip_tags(html: str) -> str:
    return _TAG.sub("", html)


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in text)


def to_markdown(found: Promises, target: Listed, result: Listed, words: Words = CHINESE) -> str:
    """The export's readable form: the score, a table of targets and results, the plan review."""
    lines = [
        "# " + _md(unescape(strip_tags(score(found, words)))),
        "",
        _md(unescape(strip_tags(words("promises.paired", target=_named(target, words),
                                      result=_named(result, words))))),
        "",
        "| # | 指标 | 目标 | 结果 | 判定 |" if words.language == "zh" else
        "| # | indicator | target | result | verdict |",
        "|---|---|---|---|---|",
    ]  # fmt: skip
    for n, item in enumerate(found.items, start=1):
        got = unescape(figure(item.result.metric)) if item.result else "—"
        verdict = words(f"promises.verdict_{item.verdict}")
        aim = unescape(figure(item.target.metric))
        name = unescape(indicator_name(item.indicator, words, found.issuer))
        lines.append(f"| {n} | {_md(name)} | {_md(aim)} | {_md(got)} | {_md(verdict)} |")
    lines += ["", _md(rules_line(words)), ""]
    lines.append(_md(unescape(strip_tags(plan_page(found, result, words)))))
    return "\n".join(lines) + "\n"
