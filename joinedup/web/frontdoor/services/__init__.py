"""Services of the front door: thin views call these (docs/frontdoor.md).

For the other apps and the lead's wiring: `send_reminders(now)` (the casework
contract's reminders) and `dashboard_items(user)` (the dashboard panel).
"""

from joinedup.web.frontdoor.services.dashboard import DashboardItem, dashboard_items
from joinedup.web.frontdoor.services.decisions import decide_contact
from joinedup.web.frontdoor.services.intake import receive_contact, referrals_of
from joinedup.web.frontdoor.services.reminders import send_reminders
from joinedup.web.frontdoor.services.screening import (
    ContactChanged,
    StepRefused,
    link_child,
    mark_urgent,
    rate_contact,
    record_not_in_index,
    start_screening,
)
from joinedup.web.frontdoor.services.urgent import duty_managers

__all__ = [
    "ContactChanged",
    "DashboardItem",
    "StepRefused",
    "dashboard_items",
    "decide_contact",
    "duty_managers",
    "link_child",
    "mark_urgent",
    "rate_contact",
    "receive_contact",
    "record_not_in_index",
    "referrals_of",
    "send_reminders",
    "start_screening",
]
