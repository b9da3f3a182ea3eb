"""Briefing a parsed report: its key figures, summaries, keywords and search index, from the
cache when it holds them for this exact report, else computed and then cached."""

from __future__ import annotations

from pathlib import Path

from . import cache
from .briefing import Briefing, SectionBrief
from .model import Report
from .search import SearchIndex


def derive_briefing(report: Report) -> Briefing:
    """Compute what is derived from `report` (loads jieba: seconds for a large report).
    Each section's word weights are computed once, for its keywords and its summary alike."""
    # Imported here, not at the top: these load jieba, which a cache hit must not pay for.
    from .figures import extract_figures
    from .keywords import (
        REPORT_KEYWORDS,
        SECTION_KEYWORDS,
        report_sentences,
        section_sentences,
        top_keywords,
        weights,
    )
    from .summaries import summarise_report, summarise_section

    metrics = tuple(extract_figures(report))
    sections = {}
    for section in report.walk():
        weighted = weights(section_sentences(section))
        sections[section.id] = SectionBrief(
            summarise_section(section, weighted),
            tuple(top_keywords(weighted, SECTION_KEYWORDS)),
        )
    weighted = weights(report_sentences(report))
    return Briefing(
        report=report,
        metrics=metrics,
        summary=summarise_report(report, metrics, weighted),
        keywords=tuple(top_keywords(weighted, REPORT_KEYWORDS)),
        sections=sections,
        index=SearchIndex.build(report),
    )


def load_engine() -> None:
    """Load what deriving a briefing needs ahead of the first report: its modules, jieba's
    dictionary, part-of-speech and IDF tables, the indicator lexicon and the code fingerprint
    the cache files carry (1-4 s of CPU in all)."""
    from .figures.indicators import indicators
    from .figures.label import load_tagger
    from .keywords import load_tables

    load_tagger()
    load_tables()
    indicators()
    cache.code_fingerprint()


def brief(report: Report, cache_dir: Path | None = None) -> Briefing:
    """The report's briefing. With `cache_dir`, read from the report's cache file there when
    it is valid, else computed and (re)written there. What a briefing worker process runs."""
    briefing = cache.load(cache_dir, report) if cache_dir is not None else None
    if briefing is None:
        briefing = derive_briefing(report)
        if cache_dir is not None:
            cache.save(cache_dir, briefing)
    return briefing


def brief_file(path: Path | str, cache_dir: Path | None = None) -> Briefing:
    """Parse a report file and brief it, through the cache in `cache_dir` when given."""
    from .parse import parse_file  # here: the bot imports this module at start, not the parser

    return brief(parse_file(path), cache_dir)
