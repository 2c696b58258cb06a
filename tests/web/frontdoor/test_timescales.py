"""Timescales: the target of each rating, before and after rating, time left and overdue,
decided in time or late, and the measured performance per month and rating."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.performance import median_of, monthly_measures, waiting_now
from joinedup.web.frontdoor.services.timescales import (
    clock,
    describe_duration,
    due_at,
    within_target,
)
from joinedup.web.frontdoor.services.vocabulary import not_rated, ratings, urgent_rating
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import RECEIVED_AT

HOUR = timedelta(hours=1)


def _contact(**fields: Any) -> Contact:
    return Contact(received_at=RECEIVED_AT, **fields)


def test_the_data_file_sets_red_amber_green_and_not_rated_targets() -> None:
    assert {c: r.target for c, r in ratings().items()} == {
        "red": 4 * HOUR, "amber": 24 * HOUR, "green": 72 * HOUR}  # fmt: skip
    assert not_rated().target == 24 * HOUR  # one working day (Working Together 2023)
    assert urgent_rating().code == "red"
    assert all(r.definition for r in ratings().values())


@pytest.mark.parametrize(
    ("fields", "hours"),
    [({}, 24), ({"urgent": True}, 4), ({"rag": "red"}, 4), ({"rag": "amber"}, 24),
     ({"rag": "green"}, 72), ({"rag": "green", "urgent": True}, 72)],
)  # fmt: skip
def test_a_contact_is_due_its_ratings_target_after_it_was_received(
    fields: dict[str, Any], hours: int
) -> None:
    assert due_at(_contact(**fields)) == RECEIVED_AT + hours * HOUR


def test_time_left_counts_down_then_turns_overdue() -> None:
    contact = _contact(rag="red")
    assert (clock(contact, RECEIVED_AT + HOUR).state, clock(contact, RECEIVED_AT + HOUR).words) == (
        "on_time", "3 hours left")  # fmt: skip
    soon = clock(contact, RECEIVED_AT + timedelta(hours=3, minutes=20))
    assert (soon.state, soon.words) == ("due_soon", "40 minutes left")
    late = clock(contact, RECEIVED_AT + timedelta(days=1, hours=6))
    assert (late.state, late.words, late.breached) == ("overdue", "Overdue by 1 day 2 hours",
                                                       True)  # fmt: skip


def test_exactly_at_the_target_is_overdue() -> None:
    assert clock(_contact(rag="amber"), RECEIVED_AT + 24 * HOUR).state == "overdue"


def test_a_decided_contact_is_in_time_or_late_whatever_the_time_now() -> None:
    in_time = _contact(rag="amber", decided_at=RECEIVED_AT + 24 * HOUR)
    late = _contact(rag="red", decided_at=RECEIVED_AT + 5 * HOUR)
    far_later = RECEIVED_AT + timedelta(days=90)
    assert (within_target(in_time), clock(in_time, far_later).state) == (True, "in_time")
    assert (within_target(late), clock(late, far_later).state) == (False, "late")
    assert clock(late, far_later).words == "Decided in 5 hours"
    assert within_target(_contact(rag="red")) is None


@pytest.mark.parametrize(
    ("length", "words"),
    [(timedelta(seconds=30), "less than a minute"), (timedelta(minutes=1), "1 minute"),
     (timedelta(hours=1, minutes=5), "1 hour 5 minutes"), (timedelta(hours=2), "2 hours"),
     (timedelta(days=1, minutes=59), "1 day"), (timedelta(days=3, hours=1), "3 days 1 hour")],
)  # fmt: skip
def test_durations_read_as_words(length: timedelta, words: str) -> None:
    assert describe_duration(length) == words


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median_of([HOUR, 3 * HOUR, 10 * HOUR, 2 * HOUR]) == timedelta(hours=2, minutes=30)
    assert median_of([5 * HOUR]) == 5 * HOUR
    assert median_of([]) is None


# --- Measured per month and rating --------------------------------------------------------
@pytest.fixture
def measured(make_contact: Callable[..., Contact], make_user: Callable[..., Any]) -> None:
    """March: red in 2h and 6h (one late), amber in 10h, green waiting; February: one amber."""
    user = make_user("police_analyst")
    rows = [
        (RECEIVED_AT, "red", 2), (RECEIVED_AT, "red", 6), (RECEIVED_AT, "amber", 10),
        (RECEIVED_AT, "green", None), (datetime(2026, 2, 10, 12, tzinfo=UTC), "amber", 30),
    ]  # fmt: skip
    for at, rag, hours in rows:
        contact = make_contact(user, at=at)
        contact.rag = rag
        if hours is not None:
            contact.status, contact.decided_at = "decided", at + hours * HOUR
        contact.save()


@pytest.mark.django_db
def test_performance_counts_within_target_and_median_per_rating_and_month(
    measured: None,
) -> None:
    now = RECEIVED_AT + timedelta(days=4)
    months = monthly_measures(now)
    assert [m.month.isoformat() for m in months] == ["2026-03-01", "2026-02-01"]
    march = {row.rating: row for row in months[0].measures}
    assert list(march) == ["red", "amber", "green", "all"]
    red = march["red"]
    assert (red.received, red.decided, red.within, red.percent_within, red.median) == (
        2, 2, 1, 50.0, 4 * HOUR)  # fmt: skip
    assert (march["green"].decided, march["green"].waiting_late) == (0, 1)
    everything = march["all"]
    assert (everything.received, everything.decided, everything.within) == (4, 3, 2)
    assert everything.median == 6 * HOUR
    february = {row.rating: row for row in months[1].measures}
    assert (february["amber"].within, february["amber"].percent_within) == (0, 0.0)


@pytest.mark.django_db
def test_contacts_older_than_twelve_months_are_left_out(measured: None) -> None:
    assert monthly_measures(RECEIVED_AT + timedelta(days=365)) == []


@pytest.mark.django_db
def test_waiting_now_counts_the_undecided_and_those_past_target(measured: None) -> None:
    early, late = waiting_now(RECEIVED_AT + HOUR), waiting_now(RECEIVED_AT + 80 * HOUR)
    assert (early.total, early.past_target, late.past_target) == (1, 0, 1)


@pytest.mark.django_db
def test_the_timescales_page_is_for_managers_and_shows_the_measures(
    measured: None, signed_in_client: Callable[..., SignedInClient]
) -> None:
    page = signed_in_client("team_manager").get("/front-door/timescales/")
    assert page.status_code == 200
    assert "A decision within 4 hours" in page.text
    assert signed_in_client("specialist_practitioner").get(
        "/front-door/timescales/").status_code == 403  # fmt: skip
