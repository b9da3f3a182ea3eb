"""政务简报 report domain: load, parse, brief (figures, summaries), render. Pure and synchronous."""

from .briefing import Briefing, SectionBrief
from .errors import EmptyReportError, NotAReportError, ReportError, UnreadableReportError
from .folder import LoadedFolder, load_folder
from .model import Item, ItemList, Meta, Metric, Report, Section
from .parse import parse_bytes, parse_file

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
