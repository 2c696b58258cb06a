"""The recommendations tracker's services; views and other apps import from here.

- tracker: sources, recommendations, actions and owners (`manage_recommendations`)
- progress, evidence: the owner's updates (`update_recommendations`)
- signoff: independent sign-off or return (`sign_off_recommendations`)
- importing: the CSV loader, all or nothing
- report, report_csv: the progress report on a day, as data, a page and CSV
- reminders: `send_reminders(now)` and `dashboard_items(user)`
"""

from joinedup.web.recommendations.services.evidence import add_evidence
from joinedup.web.recommendations.services.importing import import_csv
from joinedup.web.recommendations.services.progress import record_progress
from joinedup.web.recommendations.services.reminders import (
    DashboardItem,
    dashboard_items,
    send_reminders,
)
from joinedup.web.recommendations.services.report import ProgressReport, progress_report
from joinedup.web.recommendations.services.signoff import awaiting_sign_off, record_sign_off

__all__ = [
    "DashboardItem",
    "ProgressReport",
    "add_evidence",
    "awaiting_sign_off",
    "dashboard_items",
    "import_csv",
    "progress_report",
    "record_progress",
    "record_sign_off",
    "send_reminders",
]
