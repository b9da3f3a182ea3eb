"""Attach the derived views (key figures, summaries, keywords, search index) to a parsed report,
from the cache when it holds them for this exact report, else computed and then cached."""

from __future__ import annotations

from pathlib import Path

from . import cache
from .model import Report
from .search import SearchIndex

# The search index of every enriched report, by content hash: Report stays a plain record,
# and two loads of the same bytes share one index.
_INDEXES: dict[str, SearchIndex] = {}


class NotEnrichedError(LookupError):
    """A report's search index was asked for before the report was enriched."""


def _compute(report: Report) -> cache.Briefing:
    # Imported here, not at the top: these load jieba, which a cache hit must not pay for.
    from .figures import extract_figures
    from .keywords import tag_keywords
    from .summaries import write_summaries

    report.metrics = extract_figures(report)
    tag_keywords(report)
    write_summaries(report)
    return cache.Briefing.of(report, SearchIndex.build(report))


def enrich_report(report: Report, cache_dir: Path | None = None) -> Report:
    """Fill the report's metrics, summaries and keywords and register its search index.
    With `cache_dir`, read them from the report's cache file there when it is valid, and
    (re)write that file when it is not."""
    briefing = cache.load(cache_dir, report) if cache_dir is not None else None
    if briefing is None:
        briefing = _compute(report)
        if cache_dir is not None:
            cache.save(cache_dir, briefing)
    briefing.apply(report)
    _INDEXES[report.digest] = briefing.index
    return report


def brief(report: Report, cache_dir: Path | None = None) -> tuple[Report, SearchIndex]:
    """The report enriched, with its search index: what a briefing worker process sends back."""
    enrich_report(report, cache_dir)
    return report, search_index(report)


def search_index(report: Report) -> SearchIndex:
    """The search index of an enriched report (no jieba needed)."""
    try:
        return _INDEXES[report.digest]
    except KeyError:
        raise NotEnrichedError(f"{report.source}: not enriched, so not indexed") from None
