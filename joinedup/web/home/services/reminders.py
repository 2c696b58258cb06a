"""`joinedup remind`: every casework app's reminders and escalations, in one run for cron.

Each app decides what is due and sends each reminder at most once per item per day, so
running this every few minutes is safe. Imported intelligence reports are logged for
triage first, so they get owners and deadlines in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from joinedup.web.audit.services import Actor, record_event

__all__ = ["REMINDERS", "RemindersSent", "send_all_reminders"]


def _front_door(now: datetime) -> int:
    from joinedup.web.frontdoor.services import send_reminders

    return send_reminders(now)


def _cases(now: datetime) -> int:
    from joinedup.web.cases.services import send_reminders

    return send_reminders(now)


def _meetings(now: datetime) -> int:
    from joinedup.web.meetings.services import send_reminders

    return send_reminders(now)


def _intelligence(now: datetime) -> int:
    from joinedup.web.intelligence.services import send_reminders

    return send_reminders(now)


def _recommendations(now: datetime) -> int:
    from joinedup.web.recommendations.services import send_reminders

    return send_reminders(now)


def _retention(now: datetime) -> int:
    from joinedup.web.retention.services import send_reminders

    return send_reminders(now)


REMINDERS: tuple[tuple[str, Callable[[datetime], int]], ...] = (
    ("front door: contacts past their timescale", _front_door),
    ("cases: plan reviews due or overdue", _cases),
    ("MACE: actions due or overdue", _meetings),
    ("intelligence: items to decide or escalated", _intelligence),
    ("recommendations: actions due or overdue", _recommendations),
    ("retention: records newly due for review", _retention),
)


@dataclass(frozen=True)
class RemindersSent:
    reports_logged: int
    sent: dict[str, int]


def send_all_reminders(actor: Actor, now: datetime) -> RemindersSent:
    """Log imported intelligence reports, then send every app's reminders; audited."""
    from joinedup.web.intelligence.services import log_imported_reports

    logged = log_imported_reports(by=actor)
    sent = {what: send(now) for what, send in REMINDERS}
    detail = {"reports_logged": logged, **sent, "as_of": now.isoformat()}
    with transaction.atomic():
        record_event(actor, "reminders.sent", target_type="reminders", detail=detail)
    return RemindersSent(logged, sent)
