"""The "link the child" step searches the whole person index, identity only, audited.

The screener of the fixtures has P-000001 and the adult P-000003 allocated; P-000002
(known only to the police) is new to them, which is the front door's everyday case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from joinedup.web.access.services import access_to_person
from joinedup.web.audit.models import AuditEntry
from joinedup.web.children.services.terms import SearchTerms
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services import start_screening
from joinedup.web.frontdoor.services.index_search import postcode_district, search_index
from joinedup.web.records.models import Event, EventParticipant, PersonAddress
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import Index

pytestmark = pytest.mark.django_db

EVENT_SUMMARY = "Found in a flat with older men after being reported missing"
NARRATIVE = "The officer's account of the flat and who was there"


@pytest.fixture
def contact(make_contact: Callable[..., Contact], make_user: Callable[..., Any]) -> Contact:
    """A referral about P-000002, screening started by nobody yet."""
    return make_contact(make_user("school_safeguarding_lead"), child_forenames="Jo",
                        child_surname="Othertest", child_dob="2012-01-09")  # fmt: skip


@pytest.fixture
def police_record(index: Index) -> None:
    """What the police hold about P-000002 beyond identity: an address and an event."""
    record = index.persons["P-000002"].links.get().source_person
    record.sex = "female"
    record.save(update_fields=["sex"])
    PersonAddress.objects.create(person=record, postcode="zz9 9zz", line="1 Example Road")
    event = Event.objects.create(
        agency=record.agency, source_id="POL-E1", content_hash="-", event_type="missing",
        occurred="2025-11-02", occurred_precision="day", occurred_on=date(2025, 11, 2),
        imported_in=record.imported_in, updated_in=record.updated_in,
        summary=EVENT_SUMMARY, narrative=NARRATIVE,
    )  # fmt: skip
    EventParticipant.objects.create(event=event, person=record, role="subject")


def _started(screener: SignedInClient, contact: Contact) -> Contact:
    return start_screening(screener.user, contact, version=contact.version, now=timezone.now())


def _url(contact: Contact) -> str:
    return f"/front-door/contacts/{contact.reference}/child/"


def test_a_screener_finds_and_links_a_child_not_allocated_to_them(
    screener: SignedInClient, contact: Contact, index: Index, police_record: None
) -> None:
    child = index.persons["P-000002"]
    assert not access_to_person(screener.user, child).allowed
    started = _started(screener, contact)
    page = screener.get(_url(contact), {"name": "Jo Othertest"})
    assert page.status_code == 200
    assert 'name="child" type="radio" value="P-000002"' in page.text
    done = screener.post(_url(contact), {"version": str(started.version), "child": "P-000002"})
    assert done.status_code == 302
    contact.refresh_from_db()
    assert contact.person == child
    assert AuditEntry.objects.get(action="frontdoor.child_linked").detail == {
        "person_id": "P-000002"
    }


def test_linking_does_not_open_the_childs_record_to_the_screener(
    screener: SignedInClient, contact: Contact, index: Index, police_record: None
) -> None:
    started = _started(screener, contact)
    screener.post(_url(contact), {"version": str(started.version), "child": "P-000002"})
    assert not access_to_person(screener.user, index.persons["P-000002"]).allowed
    page = screener.get(_url(contact))
    assert "does not let you open the child's record" in page.text


def test_the_search_shows_identity_only_with_the_match_against_the_referral(
    screener: SignedInClient, contact: Contact, police_record: None
) -> None:
    _started(screener, contact)
    page = screener.get(_url(contact), {"name": "Jo Othertest", "dob_day": "9",
                                        "dob_month": "1", "dob_year": "2012"})  # fmt: skip
    text = page.text
    for shown in ("Jo Othertest (P-000002)", "9 January 2012", "Female", "ZZ9",
                  "Midshire police", "Strong match", "Date of birth matches"):  # fmt: skip
        assert shown in text, shown
    for hidden in (EVENT_SUMMARY, NARRATIVE, "1 Example Road", "ZZ9 9ZZ", "zz9 9zz"):
        assert hidden not in text, hidden


def test_a_child_who_differs_from_the_referral_is_a_weak_match(
    screener: SignedInClient, contact: Contact, index: Index
) -> None:
    _started(screener, contact)
    page = screener.get(_url(contact), {"name": "Sam Testchild"})
    assert "Sam Testchild (P-000001)" in page.text
    assert "Weak match" in page.text


def test_every_search_is_audited_with_the_terms_and_the_children_shown(
    screener: SignedInClient, contact: Contact, police_record: None
) -> None:
    _started(screener, contact)
    screener.get(_url(contact), {"name": "Jo Othertest"})
    entry = AuditEntry.objects.get(action="frontdoor.index_search")
    assert (entry.target_type, entry.target_id) == ("contact", contact.reference)
    assert entry.detail["person_ids"] == ["P-000002"]
    assert entry.detail["terms"]["name"] == "Jo Othertest"
    assert entry.actor_username == screener.user.username
    assert not AuditEntry.objects.filter(action="person.search").exists()


def test_adults_are_not_offered_as_the_child(screener: SignedInClient, contact: Contact) -> None:
    _started(screener, contact)
    page = screener.get(_url(contact), {"name": "Lee Adulttest"})
    assert "P-000003" not in page.text
    assert "No child in the person index matches this search" in page.text


@pytest.mark.parametrize("role", ["police_analyst", "school_safeguarding_lead", "auditor"])
def test_a_non_screener_is_refused_the_index_search(
    signed_in_client: Callable[..., SignedInClient], contact: Contact, role: str
) -> None:
    client = signed_in_client(role)
    page = client.get(_url(contact), {"name": "Jo Othertest"})
    assert page.status_code == 403
    with pytest.raises(PermissionDenied):
        search_index(client.user, contact, SearchTerms("Jo Othertest"))
    assert not AuditEntry.objects.filter(action="frontdoor.index_search").exists()


@pytest.mark.parametrize(
    ("postcode", "district"), [("zz9 9zz", "ZZ9"), ("EC1A 1BB", "EC1A"), ("75001", "")]
)
def test_the_postcode_district_is_the_outward_code(postcode: str, district: str) -> None:
    assert postcode_district(postcode) == district
