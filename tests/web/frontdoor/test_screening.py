"""Screening a contact: received -> in screening -> decided, every refusal, the version
check, linking the child to the index, the RAG rating, and the audit entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from joinedup.web.audit.models import AuditEntry
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services import (
    ContactChanged,
    StepRefused,
    decide_contact,
    link_child,
    mark_urgent,
    rate_contact,
    record_not_in_index,
    start_screening,
)
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import RECEIVED_AT, Index

pytestmark = pytest.mark.django_db

Make = Callable[..., Contact]
LATER = RECEIVED_AT + timedelta(hours=1)


@pytest.fixture
def contact(make_contact: Make, make_user: Callable[..., Any]) -> Contact:
    return make_contact(make_user("school_safeguarding_lead"))


def _screening(user: Any, contact: Contact) -> Contact:
    return start_screening(user, contact, version=contact.version, now=LATER)


def test_starting_screening_moves_a_received_contact_on_and_records_who_and_when(
    screener: SignedInClient, contact: Contact
) -> None:
    done = _screening(screener.user, contact)
    done.refresh_from_db()
    assert (done.status, done.screener, done.screening_started_at) == (
        "in_screening", screener.user, LATER)  # fmt: skip
    assert done.version == contact.version + 1
    entry = AuditEntry.objects.get(action="frontdoor.screening_started")
    assert (entry.actor_username, entry.target_id) == (screener.user.username, contact.reference)


def test_the_contact_page_starts_screening_with_a_post(
    screener: SignedInClient, contact: Contact
) -> None:
    url = f"/front-door/contacts/{contact.reference}/"
    assert "Start screening" in screener.get(url).text
    done = screener.post(url, {"version": str(contact.version)})
    assert done.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "in_screening"
    assert "You are screening" in screener.get(url).text


def test_screening_cannot_start_twice(screener: SignedInClient, contact: Contact) -> None:
    started = _screening(screener.user, contact)
    with pytest.raises(StepRefused, match="has already started"):
        start_screening(screener.user, started, version=None)


@pytest.mark.parametrize("step", ["link", "not_in_index", "rate", "decide"])
def test_steps_of_screening_are_refused_before_it_starts(
    screener: SignedInClient, contact: Contact, index: Index, step: str
) -> None:
    with pytest.raises(StepRefused, match="Start screening"):
        _take(step, screener.user, contact, index)
    contact.refresh_from_db()
    assert (contact.status, contact.rag, contact.person) == ("received", "", None)


def _take(step: str, user: Any, contact: Contact, index: Index) -> Contact:
    version = None
    if step == "start":
        return start_screening(user, contact, version=version)
    if step == "link":
        return link_child(user, contact, index.persons["P-000001"], version=version)
    if step == "not_in_index":
        return record_not_in_index(user, contact, version=version)
    if step == "rate":
        return rate_contact(user, contact, "amber", "Partners know the adult.", version=version)
    if step == "urgent":
        return mark_urgent(user, contact, "With the adult now", version=version)
    return decide_contact(user, contact, "advice", "", version=version)


@pytest.mark.parametrize("step", ["start", "link", "not_in_index", "rate", "urgent", "decide"])
def test_a_decided_contact_refuses_every_step(
    screener: SignedInClient, contact: Contact, index: Index, step: str
) -> None:
    decided = _decided(screener.user, contact, index)
    with pytest.raises(StepRefused, match="has been decided"):
        _take(step, screener.user, decided, index)
    decided.refresh_from_db()
    assert (decided.status, decided.decision, decided.rag) == ("decided", "advice", "amber")


def _decided(user: Any, contact: Contact, index: Index) -> Contact:
    started = _screening(user, contact)
    linked = link_child(user, started, index.persons["P-000001"], version=started.version)
    rated = rate_contact(user, linked, "amber", "Known adult", version=linked.version)
    return decide_contact(user, rated, "advice", "", version=rated.version)


def test_a_step_on_a_contact_changed_since_it_was_opened_is_refused(
    screener: SignedInClient, contact: Contact, signed_in_client: Callable[..., SignedInClient]
) -> None:
    seen = _screening(screener.user, contact).version
    other = signed_in_client("team_manager")
    rate_contact(other.user, contact, "green", "Low concern", version=seen)
    with pytest.raises(ContactChanged, match="changed by someone else"):
        rate_contact(screener.user, contact, "red", "High concern", version=seen)
    contact.refresh_from_db()
    assert (contact.rag, contact.screened_by) == ("green", other.user)


def test_a_stale_form_reshows_with_the_error_and_the_new_version(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    rate_contact(screener.user, started, "green", "Low", version=started.version)
    page = screener.post(f"/front-door/contacts/{contact.reference}/rating/",
                         {"version": str(started.version), "rag": "red",
                          "rationale": "Adult seen again"})  # fmt: skip
    assert page.status_code == 200
    assert "changed by someone else" in page.text
    assert f'value="{started.version + 1}"' in page.text
    contact.refresh_from_db()
    assert contact.rag == "green"


def test_roles_that_do_not_screen_are_refused_by_the_service(
    signed_in_client: Callable[..., SignedInClient], contact: Contact
) -> None:
    police = signed_in_client("police_analyst")
    with pytest.raises(PermissionDenied):
        start_screening(police.user, contact, version=None)
    contact.refresh_from_db()
    assert contact.status == "received"


@pytest.mark.parametrize("step", ["child", "rating", "urgent", "decision"])
@pytest.mark.parametrize("role", ["police_analyst", "school_safeguarding_lead", "auditor"])
def test_roles_that_do_not_screen_are_refused_the_step_pages(
    signed_in_client: Callable[..., SignedInClient], contact: Contact, role: str, step: str
) -> None:
    client = signed_in_client(role)
    url = f"/front-door/contacts/{contact.reference}/{step}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": "1"}).status_code == 403


def test_the_referrer_cannot_start_screening_their_own_contact(
    signed_in_client: Callable[..., SignedInClient], make_contact: Make
) -> None:
    police = signed_in_client("police_analyst")
    mine = make_contact(police.user)
    url = f"/front-door/contacts/{mine.reference}/"
    assert police.get(url).status_code == 200
    assert police.post(url, {"version": "1"}).status_code == 403
    mine.refresh_from_db()
    assert mine.status == "received"


def test_a_step_page_of_a_contact_not_in_screening_sends_back_to_the_contact(
    screener: SignedInClient, contact: Contact
) -> None:
    page = screener.get(f"/front-door/contacts/{contact.reference}/rating/")
    assert page.status_code == 302
    assert page["Location"] == f"/front-door/contacts/{contact.reference}/"
    assert "Start screening" in screener.get(page["Location"]).text


# --- Linking the child ------------------------------------------------------------------
def test_the_screener_searches_the_index_and_links_the_child(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    url = f"/front-door/contacts/{contact.reference}/child/"
    found = screener.get(url, {"name": "Sam Testchild", "dob_day": "", "dob_month": "",
                               "dob_year": "", "identifier": ""})  # fmt: skip
    assert "P-000001" in found.text
    assert AuditEntry.objects.filter(action="frontdoor.index_search").count() == 1
    done = screener.post(url, {"version": str(started.version), "child": "P-000001"})
    assert done.status_code == 302
    contact.refresh_from_db()
    assert (contact.person.person_id, contact.not_in_index) == ("P-000001", False)
    assert contact.child_checked_by == screener.user
    entry = AuditEntry.objects.get(action="frontdoor.child_linked")
    assert entry.detail == {"person_id": "P-000001"}


def test_an_adult_cannot_be_linked_as_the_child(
    screener: SignedInClient, contact: Contact, index: Index
) -> None:
    started = _screening(screener.user, contact)
    with pytest.raises(PermissionDenied):
        link_child(screener.user, started, index.persons["P-000003"], version=started.version)


def test_not_found_in_the_index_is_recorded_and_replaces_a_link(
    screener: SignedInClient, contact: Contact, index: Index
) -> None:
    started = _screening(screener.user, contact)
    linked = link_child(screener.user, started, index.persons["P-000001"], version=None)
    page = screener.post(f"/front-door/contacts/{contact.reference}/child/",
                         {"version": str(linked.version), "child": "not_found"})  # fmt: skip
    assert page.status_code == 302
    contact.refresh_from_db()
    assert (contact.person, contact.not_in_index) == (None, True)
    assert AuditEntry.objects.filter(action="frontdoor.not_in_index").count() == 1


def test_linking_without_a_choice_reshows_the_page_with_the_error(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    page = screener.post(f"/front-door/contacts/{contact.reference}/child/",
                         {"version": str(started.version)})  # fmt: skip
    assert page.status_code == 200
    assert "Select the child, or that the child is not in the person index" in page.text


# --- The RAG rating -----------------------------------------------------------------------
def test_the_rating_is_recorded_with_its_rationale_and_time(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    page = screener.post(f"/front-door/contacts/{contact.reference}/rating/",
                         {"version": str(started.version), "rag": "red",
                          "rationale": "The adult is known to police."})  # fmt: skip
    assert page.status_code == 302
    contact.refresh_from_db()
    assert (contact.rag, contact.rag_rationale, contact.screened_by) == (
        "red", "The adult is known to police.", screener.user)  # fmt: skip
    assert contact.screened_at is not None
    entry = AuditEntry.objects.get(action="frontdoor.screened")
    assert entry.detail == {"rag": "red", "previous": ""}


def test_re_rating_keeps_the_previous_rating_in_the_audit_log(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    rated = rate_contact(screener.user, started, "green", "Low", version=started.version)
    rate_contact(screener.user, rated, "amber", "More known now", version=rated.version)
    entries = AuditEntry.objects.filter(action="frontdoor.screened").order_by("sequence")
    assert [e.detail["previous"] for e in entries] == ["", "green"]


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"rag": "purple", "rationale": "x"}, "Select a RAG rating"),
        ({"rationale": "x"}, "Select a RAG rating"),
        ({"rag": "red", "rationale": ""}, "Enter the rationale"),
    ],
)
def test_a_wrong_rating_reshows_with_the_error_summary(
    screener: SignedInClient, contact: Contact, posted: dict[str, str], message: str
) -> None:
    started = _screening(screener.user, contact)
    page = screener.post(f"/front-door/contacts/{contact.reference}/rating/",
                         {"version": str(started.version), **posted})  # fmt: skip
    assert page.status_code == 200
    assert "There is a problem" in page.text and message in page.text
    contact.refresh_from_db()
    assert contact.rag == ""


def test_the_service_refuses_a_rating_not_in_the_data_file(
    screener: SignedInClient, contact: Contact
) -> None:
    started = _screening(screener.user, contact)
    with pytest.raises(StepRefused, match="not a RAG rating"):
        rate_contact(screener.user, started, "purple", "x", version=None)
