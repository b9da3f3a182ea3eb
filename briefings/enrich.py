"""Attach the derived views (key figures, summaries, keywords) to a parsed report."""

from __future__ import annotations

from .figures import extract_figures
from .model import Report


def enrich_report(report: Report) -> Report:
    report.metrics = extract_figures(report)
    return report
