"""A briefing's figures as CSV, one row a figure, for a spreadsheet: every field of the figure
(the export's `metrics`), the report's source and title first so that files can be joined."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, fields

from briefings.briefing import Briefing
from briefings.model import Metric, Report

REPORT_COLUMNS = ("source", "title")


def to_csv(report: Report, briefing: Briefing) -> str:
    columns = [*REPORT_COLUMNS, *(field.name for field in fields(Metric))]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for metric in briefing.metrics:
        writer.writerow({"source": report.source, "title": report.display_title, **asdict(metric)})
    return out.getvalue()
