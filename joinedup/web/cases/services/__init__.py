"""Services of the cases app: thin views call these (docs/cases.md).

The names other apps use are re-exported here: `open_case` and `cases_visible_to`
(the front door and other casework apps), `send_reminders` (`joinedup remind`) and
`dashboard_items` (the dashboard).
"""

from joinedup.web.cases.services.cases import cases_visible_to, open_case
from joinedup.web.cases.services.reminders import CaseReviewDue, dashboard_items, send_reminders
from joinedup.web.cases.services.versioning import EditConflict

__all__ = [
    "CaseReviewDue",
    "EditConflict",
    "cases_visible_to",
    "dashboard_items",
    "open_case",
    "send_reminders",
]
