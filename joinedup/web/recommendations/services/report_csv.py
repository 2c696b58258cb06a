"""The progress report as CSV: the counts by group, or the overdue and stalled actions.

A cell a spreadsheet would run as a formula (starting =, +, -, @) is written with a
leading apostrophe, as the audit export does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from joinedup.web.recommendations.services import vocabulary as vocab
from joinedup.web.recommendations.services.report import GroupRow, ProgressReport, StatusCounts

__all__ = ["report_csv"]

FORMULA_STARTS = ("=", "+", "-", "@")


def _safe(value: object) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _count_cells(counts: StatusCounts) -> list[object]:
    return [
        counts.total,
        *(counts.by_status.get(s, 0) for s in vocab.statuses()),
        counts.overdue,
        counts.stalled,
    ]


def _summary_rows(report: ProgressReport) -> Iterator[list[object]]:
    yield [
        "as_of",
        "table",
        "group",
        "recommendations",
        "implemented",
        "actions",
        *vocab.statuses(),
        "overdue",
        "stalled",
    ]
    implemented = report.recommendation_states.get("implemented", 0)
    yield [
        report.as_of,
        "all",
        "All",
        report.recommendations,
        implemented,
        *_count_cells(report.actions),
    ]
    tables: dict[str, list[GroupRow]] = {
        "lead_agency": report.by_lead_agency,
        "theme": report.by_theme,
        "owning_agency": report.by_owning_agency,
    }
    for table, rows in tables.items():
        for row in rows:
            yield [
                report.as_of,
                table,
                row.name,
                row.recommendations,
                row.implemented,
                *_count_cells(row.actions),
            ]


def _action_rows(report: ProgressReport) -> Iterator[list[object]]:
    yield [
        "as_of",
        "list",
        "source",
        "recommendation",
        "action",
        "text",
        "owning_agency",
        "due",
        "status",
        "last_update",
        "days_overdue",
        "days_since_update",
    ]
    for name, lines in (("overdue", report.overdue), ("stalled", report.stalled)):
        for line in lines:
            yield [
                report.as_of,
                name,
                line.source,
                line.recommendation,
                line.number,
                line.text,
                line.owning_agency,
                line.due,
                vocab.status_label(line.status),
                line.last_update,
                line.days_overdue,
                line.days_since_update,
            ]


def report_csv(report: ProgressReport, what: str = "summary") -> str:
    """`summary`: one row per group of each table; `actions`: overdue and stalled actions."""
    out = io.StringIO()
    writer = csv.writer(out)
    rows = _action_rows(report) if what == "actions" else _summary_rows(report)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()
