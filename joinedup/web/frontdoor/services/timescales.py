"""Timescales: when a contact's decision is due, how much time is left, and whether it
was decided in time.

A contact is measured from the moment it was received. Its target is its RAG rating's
(data/timescales.yaml); before it is rated, an urgent contact is measured against the
urgent rating's target (red) and any other against the target for contacts not rated
yet (one working day, Working Together 2023). A decided contact keeps the rating it
was decided with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.vocabulary import (
    Rating,
    due_soon_share,
    not_rated,
    rating,
    urgent_rating,
)

__all__ = [
    "Clock",
    "applicable_rating",
    "clock",
    "describe_duration",
    "due_at",
    "time_to_decision",
    "within_target",
]

OVERDUE, DUE_SOON, ON_TIME, DONE_IN_TIME, DONE_LATE = (
    "overdue",
    "due_soon",
    "on_time",
    "in_time",
    "late",
)


@dataclass(frozen=True, slots=True)
class Clock:
    """A contact's timescale as the queue and the contact page show it."""

    rating: Rating
    due_at: datetime
    state: str  # overdue, due_soon, on_time; in_time or late once decided
    words: str  # "3 hours 20 minutes left", "Overdue by 1 day 2 hours", "Decided in 3 hours"

    @property
    def breached(self) -> bool:
        return self.state in (OVERDUE, DONE_LATE)


def applicable_rating(contact: Contact) -> Rating:
    """The rating whose target the contact is measured against now."""
    if contact.rag:
        return rating(contact.rag)
    return urgent_rating() if contact.urgent else not_rated()


def due_at(contact: Contact) -> datetime:
    return contact.received_at + applicable_rating(contact).target


def time_to_decision(contact: Contact) -> timedelta | None:
    if contact.decided_at is None:
        return None
    return contact.decided_at - contact.received_at


def within_target(contact: Contact) -> bool | None:
    """Whether a decided contact was decided in time; None while undecided."""
    if contact.decided_at is None:
        return None
    return contact.decided_at <= due_at(contact)


def clock(contact: Contact, now: datetime) -> Clock:
    """The contact's timescale at `now`: due, due soon, overdue, or decided in time or late."""
    applied, due = applicable_rating(contact), due_at(contact)
    taken = time_to_decision(contact)
    if taken is not None:
        late = not within_target(contact)
        return Clock(
            applied,
            due,
            DONE_LATE if late else DONE_IN_TIME,
            f"Decided in {describe_duration(taken)}",
        )
    left = due - now
    if left <= timedelta(0):
        return Clock(applied, due, OVERDUE, f"Overdue by {describe_duration(-left)}")
    soon = left <= applied.target * due_soon_share()
    return Clock(applied, due, DUE_SOON if soon else ON_TIME, f"{describe_duration(left)} left")


def describe_duration(length: timedelta) -> str:
    """'2 days 3 hours', '3 hours 20 minutes', '45 minutes', 'less than a minute'."""
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words) or "less than a minute"
