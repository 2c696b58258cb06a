"""The intelligence log's services: the views and `joinedup remind` call these.

- `log_item`, `add_subject` (logbook, subjects): logging an item and its subjects;
- `assign`, `start_review`, `respond`, `reopen` (workflow): the item's life;
- `item_page`, `content_access` (presentation, reading): what a reader sees;
- `filtered`, `rows`, `oversight` (listing): the log and the managers' list;
- `send_reminders`, `dashboard_items` (escalation): deadlines and the dashboard;
- `log_imported_reports` (imports): imported intelligence reports into the log.
"""

from joinedup.web.intelligence.services.escalation import (
    DashboardItem,
    dashboard_items,
    send_reminders,
)
from joinedup.web.intelligence.services.imports import log_imported_reports
from joinedup.web.intelligence.services.logbook import NewItem, log_item
from joinedup.web.intelligence.services.workflow import (
    Response,
    TransitionRefused,
    assign,
    reopen,
    respond,
    start_review,
)

__all__ = [
    "DashboardItem",
    "NewItem",
    "Response",
    "TransitionRefused",
    "assign",
    "dashboard_items",
    "log_imported_reports",
    "log_item",
    "reopen",
    "respond",
    "send_reminders",
    "start_review",
]
