"""A purpose is recorded, and audited, each time someone opens a child's record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from joinedup.web.access.models import AccessPurpose
from joinedup.web.access.purposes import purpose_for, purpose_required
from joinedup.web.audit.models import AuditEntry
from tests.web.access.conftest import Index

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(
    index: Index, signed_in_client: Callable[..., Client], allocate: Callable[..., Any]
) -> Client:
    client = signed_in_client()
    allocate(index["P-000001"], client.user)
    return client


def test_the_form_offers_the_purposes_as_radios(client: Client) -> None:
    page = client.get("/people/P-000001/purpose/?next=/people/P-000001/")
    assert page.status_code == 200
    for label in ["Preparing for a MACE meeting", "Screening a referral", "Case work"]:
        assert label in page.text
    assert page.text.count('type="radio"') == 6
    assert 'name="next" value="/people/P-000001/"' in page.text


def test_a_purpose_is_stored_audited_and_the_user_sent_on(client: Client, index: Index) -> None:
    page = client.post(
        "/people/P-000001/purpose/", {"purpose": "mace_preparation", "next": "/people/P-000001/"}
    )
    assert page.status_code == 302 and page["Location"] == "/people/P-000001/"
    record = AccessPurpose.objects.get()
    assert record.purpose == "mace_preparation" and record.basis == "allocation"
    assert record.user == client.user and record.person == index["P-000001"]
    entry = AuditEntry.objects.get(action="person.open")
    assert entry.purpose == "mace_preparation" and entry.basis == "allocation"
    assert entry.target_type == "person" and entry.target_id == "P-000001"
    assert entry.actor_username == client.user.username
    request = page.wsgi_request
    assert purpose_for(request, index["P-000001"]) == record


def test_other_needs_a_description_and_a_choice_is_needed(client: Client) -> None:
    none = client.post("/people/P-000001/purpose/", {})
    assert '<a href="#id_purpose">Select why you are opening this record</a>' in none.text
    other = client.post("/people/P-000001/purpose/", {"purpose": "other", "detail": " "})
    assert '<a href="#id_detail">Describe the purpose</a>' in other.text
    assert not AccessPurpose.objects.exists()
    client.post("/people/P-000001/purpose/", {"purpose": "other", "detail": "Court report"})
    assert AccessPurpose.objects.get().detail == "Court report"


def test_an_unsafe_next_is_ignored(client: Client) -> None:
    page = client.post(
        "/people/P-000001/purpose/", {"purpose": "case_work", "next": "https://evil.example/"}
    )
    assert page["Location"] in {"/", "/people/P-000001/"}


def test_a_record_not_allocated_is_refused_with_a_way_to_break_the_glass(
    client: Client,
) -> None:
    page = client.get("/people/P-000002/purpose/")
    assert page.status_code == 403
    assert "not allocated to you or your team" in page.text
    assert "/people/P-000002/break-glass/" in page.text
    denied = AuditEntry.objects.get(action="person.access_denied")
    assert denied.target_id == "P-000002"
    assert client.post("/people/P-000002/purpose/", {"purpose": "case_work"}).status_code == 403
    assert not AccessPurpose.objects.exists()


def test_roles_that_open_no_records_cannot_reach_the_form(
    index: Index, signed_in_client: Callable[..., Client]
) -> None:
    assert signed_in_client("auditor").get("/people/P-000001/purpose/").status_code == 403


def test_purpose_required_sends_the_user_to_the_form_first(client: Client) -> None:
    @purpose_required
    def child_page(request: HttpRequest, person_id: str) -> HttpResponse:
        return HttpResponse("the record")

    request = RequestFactory().get("/people/P-000001/")
    request.session = client.session
    first = child_page(request, person_id="P-000001")
    assert first.status_code == 302
    assert first["Location"] == "/people/P-000001/purpose/?next=%2Fpeople%2FP-000001%2F"
    client.post("/people/P-000001/purpose/", {"purpose": "case_work"})
    request.session = client.session
    assert child_page(request, person_id="P-000001").content == b"the record"
