"""The child's record: the access gate, the purpose, the audit entry, and each section."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.people.models import Person

from .conftest import Borough

pytestmark = pytest.mark.django_db

SECTIONS = ["", "chronology/", "screening/", "network/", "contexts/"]


@pytest.fixture
def practitioner(
    signed_in_client: Callable[..., Any], allocate: Callable[..., Any], borough: Borough
) -> Any:
    """A specialist practitioner with `borough.child` allocated to them."""
    client = signed_in_client("specialist_practitioner")
    allocate(borough.child, client.user)
    return client


def test_without_an_access_basis_the_page_explains_and_offers_break_glass(
    signed_in_client: Callable[..., Any], borough: Borough
) -> None:
    client = signed_in_client("specialist_practitioner")
    page = client.get(f"/people/{borough.child}/chronology/")
    assert page.status_code == 403
    assert "not allocated to you" in page.text
    assert f"/people/{borough.child}/break-glass/?next=" in page.text
    denied = AuditEntry.objects.get(action="person.access_denied")
    assert (denied.actor_username, denied.target_id) == (client.user.username, borough.child)


def test_a_role_that_opens_no_records_is_refused(
    signed_in_client: Callable[..., Any], borough: Borough
) -> None:
    auditor = signed_in_client("auditor")
    assert auditor.get(f"/people/{borough.child}/").status_code == 403
    assert auditor.get("/people/search/").status_code == 403


def test_the_purpose_is_asked_first_then_every_section_is_audited(
    practitioner: Any, opened: Callable[..., None], borough: Borough
) -> None:
    first = practitioner.get(f"/people/{borough.child}/network/")
    assert first.status_code == 302
    assert first["Location"] == (
        f"/people/{borough.child}/purpose/?next=%2Fpeople%2F{borough.child}%2Fnetwork%2F"
    )
    opened(practitioner, borough.child)
    for section in SECTIONS:
        page = practitioner.get(f"/people/{borough.child}/{section}")
        assert page.status_code == 200, section
        assert "Preparing for a MACE meeting" in page.text
    views = AuditEntry.objects.filter(action="person.view", target_id=borough.child)
    assert [v.detail["section"] for v in views.order_by("sequence")] == [
        "identity", "chronology", "screening", "network", "contexts"
    ]  # fmt: skip
    assert {(v.purpose, v.basis) for v in views} == {("mace_preparation", "allocation")}


def test_identity_lists_each_agency_record_with_confidence_and_decider(
    practitioner: Any, opened: Callable[..., None], borough: Borough
) -> None:
    opened(practitioner, borough.child)
    page = practitioner.get(f"/people/{borough.child}/").text
    person = Person.objects.get(person_id=borough.child)
    for link in person.links.select_related("source_person__agency"):
        record = link.source_person
        assert f"Record {record.agency.code}:{record.source_id}" in page
    assert "Match confidence" in page and "The linkage model" in page
    assert "Ethnicity" in page  # a practitioner may see special-category data


def test_ethnicity_is_not_shown_to_a_role_without_special_category_data(
    signed_in_client: Callable[..., Any], opened: Callable[..., None], borough: Borough
) -> None:
    from joinedup.web.records.models import Agency

    police = signed_in_client("police_analyst", agency=Agency.objects.get(code="POL"))
    opened(police, borough.with_police)
    page = police.get(f"/people/{borough.with_police}/")
    assert page.status_code == 200
    assert "Record POL:" in page.text and "Ethnicity" not in page.text


def test_a_merged_person_sends_the_user_to_the_person_kept(
    practitioner: Any, borough: Borough
) -> None:
    kept = Person.objects.get(person_id=borough.child)
    gone = Person.objects.create(
        person_id="P-9999999",
        active=False,
        merged_into=kept,
        created_in=kept.created_in,
        updated_in=kept.updated_in,
    )
    page = practitioner.get(f"/people/{gone.person_id}/chronology/?agency=CSC")
    assert page.status_code == 302
    assert page["Location"] == f"/people/{borough.child}/chronology/?agency=CSC"


def test_an_unknown_person_is_not_found(practitioner: Any) -> None:
    assert practitioner.get("/people/P-0000000/").status_code == 404
