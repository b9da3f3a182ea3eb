"""政务简报 report domain: load, parse, brief (figures, summaries), render. Pure and synchronous.

The names below are loaded on first use: importing one module of the package (briefings.model,
say) must not compile the parser's and the figure rules' hundreds of patterns, which the bot's
first reply never needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .exports import lazy_exports

if TYPE_CHECKING:
    from .briefing import Briefing, SectionBrief
    from .errors import EmptyReportError, NotAReportError, ReportError, UnreadableReportError
    from .folder import LoadedFolder, load_folder
    from .model import Item, ItemList, Meta, Metric, Report, Section
    from .parse import parse_bytes, parse_file

_HOMES = {
    "Briefing": "briefing",
    "SectionBrief": "briefing",
    "EmptyReportError": "errors",
    "NotAReportError": "errors",
    "ReportError": "errors",
    "UnreadableReportError": "errors",
    "LoadedFolder": "folder",
    "load_folder": "folder",
    "Item": "model",
    "ItemList": "model",
    "Meta": "model",
    "Metric": "model",
    "Report": "model",
    "Section": "model",
    "parse_bytes": "parse",
    "parse_file": "parse",
}
__all__ = [
    "Briefing",
    "EmptyReportError",
    "Item",
    "ItemList",
    "LoadedFolder",
    "Meta",
    "Metric",
    "NotAReportError",
    "Report",
    "ReportError",
    "Section",
    "SectionBrief",
    "UnreadableReportError",
    "load_folder",
    "parse_bytes",
    "parse_file",
]

__getattr__ = lazy_exports(__name__, _HOMES)
