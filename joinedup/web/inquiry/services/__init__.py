"""The inquiry's services; views and other apps import from here.

- setup: `current_inquiry()`, setting the inquiry up, its details, terms of reference
- staff: `staff_may(user, "reads_accounts" | "approves_releases" | "is_lead")`, naming staff
- lines, participants: lines of inquiry and core participants
- requests: evidence requests and their life; compliance: the view per recipient
- letter: the request letter (page and PDF); reminders: `send_reminders`, `dashboard_items`
"""

from joinedup.web.inquiry.services.compliance import compliance, compliance_csv
from joinedup.web.inquiry.services.reminders import DashboardItem, dashboard_items, send_reminders
from joinedup.web.inquiry.services.setup import current_inquiry
from joinedup.web.inquiry.services.staff import staff_may

__all__ = [
    "DashboardItem",
    "compliance",
    "compliance_csv",
    "current_inquiry",
    "dashboard_items",
    "send_reminders",
    "staff_may",
]
