"""Timescales measured: per month of receipt and per RAG rating, how many contacts were
received and decided, how many decided within their target, and the median time from
receipt to decision; with what waits now and how much of it is past its target.

Contacts are counted by the month (UK time) they were received, for the last twelve
months including this one. A contact still waiting is counted as received, and as
"waiting past target" once its time is up; "% within target" is of those decided.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.timescales import due_at, time_to_decision, within_target
from joinedup.web.frontdoor.services.vocabulary import not_rated, ratings

__all__ = [
    "Measure",
    "MonthMeasures",
    "Waiting",
    "median_of",
    "monthly_measures",
    "waiting_now",
]

MONTHS = 12
ALL = "all"


@dataclass(frozen=True)
class Measure:
    """One rating's figures for one month (rating "all": every contact of the month)."""

    rating: str
    label: str
    received: int
    decided: int
    within: int
    waiting_late: int
    median: timedelta | None

    @property
    def percent_within(self) -> float | None:
        return 100 * self.within / self.decided if self.decided else None


@dataclass(frozen=True)
class MonthMeasures:
    month: date  # the first day of the month
    measures: list[Measure]


@dataclass(frozen=True)
class Waiting:
    total: int
    past_target: int
    urgent: int


def _first_month(now: datetime, months: int) -> date:
    today = timezone.localdate(now)
    index = today.year * 12 + today.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def _month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def monthly_measures(now: datetime, months: int = MONTHS) -> list[MonthMeasures]:
    """The last `months` months, newest first, each with a row per rating and one for all."""
    start = _first_month(now, months)
    since = timezone.make_aware(datetime(start.year, start.month, 1))
    by_month: dict[date, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.filter(received_at__gte=since, received_at__lte=now):
        by_month[_month_of(contact.received_at)].append(contact)
    return [MonthMeasures(m, _measures(by_month[m], now)) for m in sorted(by_month, reverse=True)]


def _measures(contacts: list[Contact], now: datetime) -> list[Measure]:
    labels = {code: r.label for code, r in ratings().items()} | {"": not_rated().label}
    rows = [
        _measure(code, label, [c for c in contacts if c.rag == code], now)
        for code, label in labels.items()
    ]
    return [row for row in rows if row.received] + [_measure(ALL, "All", contacts, now)]


def _measure(code: str, label: str, contacts: list[Contact], now: datetime) -> Measure:
    taken = [t for t in (time_to_decision(c) for c in contacts) if t is not None]
    return Measure(
        rating=code,
        label=label,
        received=len(contacts),
        decided=len(taken),
        within=sum(1 for c in contacts if within_target(c)),
        waiting_late=sum(1 for c in contacts if c.decided_at is None and due_at(c) < now),
        median=median_of(taken),
    )


def median_of(lengths: list[timedelta]) -> timedelta | None:
    """The middle length (the mean of the two middle ones for an even count)."""
    if not lengths:
        return None
    ordered, middle = sorted(lengths), len(lengths) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def waiting_now(now: datetime) -> Waiting:
    """How many contacts wait for a decision, how many are past target, how many urgent."""
    waiting = list(Contact.objects.exclude(status=Contact.DECIDED))
    late = sum(1 for c in waiting if due_at(c) < now)
    return Waiting(len(waiting), late, sum(1 for c in waiting if c.urgent))
