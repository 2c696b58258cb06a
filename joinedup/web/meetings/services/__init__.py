"""The meetings services, re-exported: arranging, recording, minutes, papers, reminders.

- `visibility`: who sees which meeting and which agenda item;
- `arranging`: create a meeting, its agenda, its states;
- `recording`: attendance, discussion, decisions, actions and their updates;
- `minutes`: draft, approve (the chair), addenda;
- `pages`: each item as a user may see it, and `meetings.view`;
- `choices`: what the forms offer;
- `papers`: the meeting papers PDF;
- `reminders`: `send_reminders(now)` for `joinedup remind`;
- `dashboard`: `dashboard_items(user)` for the dashboard.
"""

from joinedup.web.meetings.services.dashboard import DashboardItem, dashboard_items
from joinedup.web.meetings.services.reminders import send_reminders
from joinedup.web.meetings.services.visibility import meetings_visible_to

__all__ = ["DashboardItem", "dashboard_items", "meetings_visible_to", "send_reminders"]
