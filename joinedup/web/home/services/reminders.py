"""`joinedup remind`: every casework app's reminders and escalations, in one run for cron.

Each app decides what is due and sends each reminder at most once per item per day, so
running this every few minutes is safe. Imported intelligence reports are logged for
triage first, so they get owners and deadlines in the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.db import transaction

from joinedup.web.audit.services import Actor, record_event

__all__ = ["REMINDERS", "RemindersSent", "send_all_reminders"]


# what is reminded of, and the casework app whose services send it (`send_reminders(now)`)
REMINDERS: tuple[tuple[str, str], ...] = (
    ("front door: contacts past their timescale", "joinedup.web.frontdoor.services"),
    ("cases: plan reviews due or overdue", "joinedup.web.cases.services"),
    ("MACE: actions due or overdue", "joinedup.web.meetings.services"),
    ("intelligence: items to decide or escalated", "joinedup.web.intelligence.services"),
    ("recommendations: actions due or overdue", "joinedup.web.recommendations.services"),
    ("retention: records newly due for review", "joinedup.web.retention.services"),
    ("inquiry: evidence requests due or overdue", "joinedup.web.inquiry.services"),
    ("panel: drafts closing and proposals unanswered", "joinedup.web.panel.services"),
)


@dataclass(frozen=True)
class RemindersSent:
    reports_logged: int
    sent: dict[str, int]


def send_all_reminders(actor: Actor, now: datetime) -> RemindersSent:
    """Log imported intelligence reports, then send every app's reminders; audited."""
    from joinedup.web.intelligence.services import log_imported_reports

    logged = log_imported_reports(by=actor)
    sent = {what: int(import_module(app).send_reminders(now)) for what, app in REMINDERS}
    detail = {"reports_logged": logged, **sent, "as_of": now.isoformat()}
    with transaction.atomic():
        record_event(actor, "reminders.sent", target_type="reminders", detail=detail)
    return RemindersSent(logged, sent)
