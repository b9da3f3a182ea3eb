"""政务简报 report domain: load, parse, figures, summaries, rendering. Pure and synchronous."""

from .errors import EmptyReportError, NotAReportError, ReportError, UnreadableReportError
from .library import LoadedFolder, load_folder, load_report
from .model import Item, ItemList, Meta, Metric, Report, Section
from .parse import parse_bytes, parse_file

__all__ = [
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
    "UnreadableReportError",
    "load_folder",
    "load_report",
    "parse_bytes",
    "parse_file",
]
