"""The urgent path: who is on duty (the rota, else every team manager, else everyone who
takes escalations), a screener marking a contact urgent, and keeping the rota."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from joinedup.web.accounts.models import Notification, Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.frontdoor.models import Contact, DutyRota
from joinedup.web.frontdoor.services import StepRefused, mark_urgent, start_screening
from joinedup.web.frontdoor.services.urgent import duty_managers
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import RECEIVED_AT

pytestmark = pytest.mark.django_db

Make = Callable[..., Any]
HOUR = timedelta(hours=1)


def _on_duty(manager: Any, added_by: Any, starts: datetime, hours: int = 8) -> DutyRota:
    return DutyRota.objects.create(manager=manager, starts_at=starts,
                                   ends_at=starts + hours * HOUR, added_by=added_by,
                                   added_at=starts)  # fmt: skip


@pytest.fixture
def managers(make_user: Make) -> tuple[Any, Any]:
    """Two team managers, each managing a team."""
    first, second = make_user("team_manager"), make_user("team_manager")
    Team.objects.create(name="Exploitation team", manager=first)
    Team.objects.create(name="Front door team", manager=second)
    return first, second


def test_the_manager_on_the_rota_is_the_one_told(managers: tuple[Any, Any]) -> None:
    first, second = managers
    _on_duty(second, first, RECEIVED_AT - HOUR)
    assert duty_managers(RECEIVED_AT) == ([second], "rota")


def test_with_nobody_on_the_rota_now_every_team_manager_is_told(
    managers: tuple[Any, Any],
) -> None:
    first, second = managers
    _on_duty(second, first, RECEIVED_AT + HOUR)  # not yet on duty
    _on_duty(first, first, RECEIVED_AT - 9 * HOUR)  # ended an hour ago
    told, chosen_by = duty_managers(RECEIVED_AT)
    assert (set(told), chosen_by) == ({first, second}, "team_managers")


def test_an_inactive_manager_on_the_rota_is_passed_over(managers: tuple[Any, Any]) -> None:
    first, second = managers
    _on_duty(second, first, RECEIVED_AT - HOUR)
    second.is_active = False
    second.save()
    assert duty_managers(RECEIVED_AT) == ([first], "team_managers")


def test_with_no_team_manager_everyone_who_takes_escalations_is_told(make_user: Make) -> None:
    manager = make_user("team_manager")
    make_user("specialist_practitioner")
    assert duty_managers(RECEIVED_AT) == ([manager], "allocate_cases")


def test_a_screener_marks_a_contact_urgent_and_the_duty_manager_is_told_at_once(
    screener: SignedInClient, make_contact: Callable[..., Contact], make_user: Make,
    managers: tuple[Any, Any], django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    first, second = managers
    second.email = "duty@example.org"
    second.save()
    _on_duty(second, first, timezone.now() - HOUR)
    contact = make_contact(make_user("health_safeguarding_lead"), at=timezone.now())
    url = f"/front-door/contacts/{contact.reference}/urgent/"
    with django_capture_on_commit_callbacks(execute=True):
        done = screener.post(url, {"version": str(contact.version),
                                   "reason": "The child is missing tonight."})  # fmt: skip
    assert done.status_code == 302
    contact.refresh_from_db()
    assert (contact.urgent, contact.urgent_marked_by, contact.urgent_told) == (
        True, screener.user, [second.username])  # fmt: skip
    assert Notification.objects.filter(recipient=second, kind="frontdoor_urgent").count() == 1
    assert not Notification.objects.filter(recipient=first).exists()
    assert [m.to for m in mail.outbox] == [["duty@example.org"]]
    assert "Testchild" not in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="frontdoor.marked_urgent").count() == 1
    told = AuditEntry.objects.get(action="frontdoor.urgent_notified")
    assert told.detail == {"told": [second.username], "chosen_by": "rota"}


def test_marking_urgent_measures_an_unrated_contact_against_red(
    screener: SignedInClient, make_contact: Callable[..., Contact], make_user: Make
) -> None:
    contact = make_contact(make_user("police_analyst"))
    urgent = mark_urgent(screener.user, contact, "Tonight", version=None)
    from joinedup.web.frontdoor.services.timescales import due_at

    assert due_at(urgent) == RECEIVED_AT + 4 * HOUR


def test_a_contact_cannot_be_marked_urgent_twice(
    screener: SignedInClient, make_contact: Callable[..., Contact], make_user: Make
) -> None:
    contact = make_contact(make_user("police_analyst"), urgent=True, urgent_reason="Now")
    with pytest.raises(StepRefused, match="already urgent"):
        mark_urgent(screener.user, contact, "Again", version=None)
    page = screener.get(f"/front-door/contacts/{contact.reference}/urgent/")
    assert "This contact is already urgent" in page.text


def test_marking_urgent_needs_a_reason(
    screener: SignedInClient, make_contact: Callable[..., Contact], make_user: Make
) -> None:
    contact = start_screening(screener.user, make_contact(make_user("police_analyst")),
                              version=None)  # fmt: skip
    page = screener.post(f"/front-door/contacts/{contact.reference}/urgent/",
                         {"version": str(contact.version), "reason": ""})  # fmt: skip
    assert "Enter why the contact needs action now" in page.text
    contact.refresh_from_db()
    assert not contact.urgent


def test_urgent_contacts_come_first_in_the_queue_with_a_red_tag(
    screener: SignedInClient, make_contact: Callable[..., Contact], make_user: Make
) -> None:
    referrer = make_user("police_analyst")
    older = make_contact(referrer, at=RECEIVED_AT)
    urgent = make_contact(referrer, at=RECEIVED_AT + HOUR, urgent=True, urgent_reason="Now")
    rated = make_contact(referrer, at=RECEIVED_AT + 2 * HOUR)
    rated.rag = "red"
    rated.save()
    page = screener.get("/front-door/queue/").text
    order = [page.index(c.reference) for c in (urgent, rated, older)]
    assert order == sorted(order)
    assert 'govuk-tag--red">Urgent' in page
    entry = AuditEntry.objects.get(action="frontdoor.list_view")
    assert entry.detail == {
        "list": "queue",
        "contacts": [urgent.reference, rated.reference, older.reference],
    }


# --- Keeping the rota ---------------------------------------------------------------------
def _rota_form(manager: Any, start: datetime, end: datetime) -> dict[str, str]:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return {"manager": str(manager.pk),
            "start_day": str(start.day), "start_month": str(start.month),
            "start_year": str(start.year), "start_time": f"{start:%H:%M}",
            "end_day": str(end.day), "end_month": str(end.month), "end_year": str(end.year),
            "end_time": f"{end:%H:%M}"}  # fmt: skip


def test_a_manager_adds_a_duty_to_the_rota_and_it_is_audited(
    signed_in_client: Callable[..., SignedInClient], make_user: Make
) -> None:
    client = signed_in_client("team_manager")
    other = make_user("team_manager")
    start = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    done = client.post("/front-door/duty-rota/", _rota_form(other, start, start + 8 * HOUR))
    assert done.status_code == 302
    entry = DutyRota.objects.get()
    assert (entry.manager, entry.starts_at, entry.ends_at, entry.added_by) == (
        other, start, start + 8 * HOUR, client.user)  # fmt: skip
    audited = AuditEntry.objects.get(action="frontdoor.rota_added")
    assert audited.detail["manager"] == other.username


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"manager": ""}, "Select the manager on duty"),
        ({"end_year": "2025"}, "The end of the duty must be after its start"),
        ({"start_time": "25:00"}, "Enter a real start time"),
        ({"start_day": "", "start_month": "", "start_year": ""}, "Enter the start date"),
        ({"end_day": ""}, "The end date must include a day and month"),
    ],
)
def test_a_wrong_duty_reshows_the_form_with_the_error_summary(
    signed_in_client: Callable[..., SignedInClient], make_user: Make, change: dict[str, str],
    message: str,
) -> None:  # fmt: skip
    client = signed_in_client("team_manager")
    start = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    posted = {**_rota_form(client.user, start, start + 8 * HOUR), **change}
    page = client.post("/front-door/duty-rota/", posted)
    assert page.status_code == 200
    assert "There is a problem" in page.text and message in page.text
    assert DutyRota.objects.count() == 0


def test_someone_who_does_not_take_escalations_cannot_be_put_on_the_rota(
    signed_in_client: Callable[..., SignedInClient], make_user: Make
) -> None:
    client = signed_in_client("team_manager")
    practitioner = make_user("specialist_practitioner")
    start = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    page = client.post("/front-door/duty-rota/", _rota_form(practitioner, start, start + HOUR))
    assert "Select the manager on duty" in page.text
    assert DutyRota.objects.count() == 0


def test_a_duty_not_yet_ended_can_be_removed_but_an_ended_one_stays(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    client = signed_in_client("team_manager")
    coming = _on_duty(client.user, client.user, timezone.now() + HOUR)
    ended = _on_duty(client.user, client.user, timezone.now() - 10 * HOUR)
    assert client.post("/front-door/duty-rota/", {"remove": str(coming.pk)}).status_code == 302
    assert not DutyRota.objects.filter(pk=coming.pk).exists()
    assert AuditEntry.objects.get(action="frontdoor.rota_removed").detail["manager"] == (
        client.user.username)  # fmt: skip
    client.post("/front-door/duty-rota/", {"remove": str(ended.pk)})
    assert DutyRota.objects.filter(pk=ended.pk).exists()


@pytest.mark.parametrize("role", ["specialist_practitioner", "police_analyst", "auditor"])
def test_only_holders_of_allocate_cases_keep_the_rota(
    signed_in_client: Callable[..., SignedInClient], role: str
) -> None:
    client = signed_in_client(role)
    assert client.get("/front-door/duty-rota/").status_code == 403
    assert client.post("/front-door/duty-rota/", {"remove": "1"}).status_code == 403
