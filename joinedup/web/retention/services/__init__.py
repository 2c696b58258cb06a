"""The retention app's services: the schedule, records due, holds, decisions, reminders.

What other parts of joinedup call:

- `send_reminders(now)`: for `joinedup remind` (records newly due: the records managers
  are told once);
- `dashboard_items(user)`: the dashboard panel (records due, destructions awaiting
  approval, holds in place), a list of `DashboardItem(label, count, href)`;
- `load_schedule()`: the schedule; `joinedup.web.retention.registry` to register a kind.
"""

from joinedup.web.retention.services.reminders import (
    DashboardItem,
    dashboard_items,
    send_reminders,
)
from joinedup.web.retention.services.schedule import load_schedule

__all__ = ["DashboardItem", "dashboard_items", "load_schedule", "send_reminders"]
