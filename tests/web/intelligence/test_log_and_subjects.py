"""The log's filters (each audited), and adding people and places to an item: only
people the user may open, only places from agencies in their agreement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from joinedup.web.intelligence.services.subjects import create_subject, subject_for_vehicle
from tests.web.conftest import SignedInClient
from tests.web.intelligence.conftest import Index

pytestmark = pytest.mark.django_db

Log = Callable[..., IntelligenceItem]


def _listed(client: SignedInClient, query: str) -> set[str]:
    page = client.get(f"/intelligence/?{query}")
    assert page.status_code == 200
    return {
        r
        for r in IntelligenceItem.objects.values_list("reference", flat=True)
        if f">{r}</a>" in page.text
    }


def test_the_log_filters_by_status_grade_overdue_and_subject(
    signed_in_client: Callable[..., SignedInClient], log: Log
) -> None:
    client = signed_in_client("team_manager")
    graded_1a = log(client.user, grade_source="1", grade_intelligence="A")
    late = log(client.user)
    IntelligenceItem.objects.filter(pk=late.pk).update(
        decide_by=timezone.now() - timedelta(days=1), status="assigned"
    )
    with_car = log(client.user)
    create_subject(with_car, client.user, subject_for_vehicle("AB12CDE"))
    everything = {graded_1a.reference, late.reference, with_car.reference}
    assert _listed(client, "") == everything
    assert _listed(client, "status=assigned") == {late.reference}
    assert _listed(client, "status=open") == everything
    assert _listed(client, "grade_source=1&grade_intelligence=A") == {graded_1a.reference}
    assert _listed(client, "overdue=on") == {late.reference}
    assert _listed(client, "subject=ab12+cde") == {with_car.reference}
    entry = AuditEntry.objects.filter(action="intelligence.list").last()
    assert entry is not None and entry.detail["filters"] == {"subject": "ab12 cde"}
    assert entry.detail["references"] == [with_car.reference]


def test_a_bad_filter_is_shown_in_the_error_summary(
    signed_in_client: Callable[..., SignedInClient], index: Index
) -> None:
    page = signed_in_client("team_manager").get("/intelligence/?status=lost")
    assert page.status_code == 200 and "Select a status from the list" in page.text
    assert "govuk-error-summary" in page.text


def test_the_owner_adds_a_child_found_with_the_search(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    item = log(client.user)
    url = f"/intelligence/{item.reference}/subjects/person/"
    found = client.get(f"{url}?name=Kayleigh+Smith")
    assert found.status_code == 200 and "P-0000001" in found.text
    assert AuditEntry.objects.filter(action="person.search").exists()
    added = client.post(url, {"person_id": "P-0000001", "role": "victim"})
    assert added.status_code == 302
    subject = ItemSubject.objects.get(item=item)
    assert (subject.person, subject.role, subject.key) == (index.child, "victim", "P-0000001")
    entry = AuditEntry.objects.get(action="intelligence.subject_added")
    assert entry.detail["person_id"] == "P-0000001"


def test_a_person_the_user_may_not_open_cannot_be_added(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    item = log(client.user)
    url = f"/intelligence/{item.reference}/subjects/person/"
    assert "P-0000002" not in client.get(f"{url}?name=Robin+Ashdown").text
    refused = client.post(url, {"person_id": "P-0000002"})
    assert refused.status_code == 200 and "Select a person from the results" in refused.text
    assert not ItemSubject.objects.exists()


def test_the_owner_adds_a_place_from_their_agreement(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    item = log(client.user)
    url = f"/intelligence/{item.reference}/subjects/place/"
    assert "Golden Fry" in client.get(f"{url}?place=golden").text
    added = client.post(url, {"place": "golden", "place_id": str(index.place.pk)})
    assert added.status_code == 302
    subject = ItemSubject.objects.get(item=item)
    assert (subject.place, subject.key) == (index.place, "PL-0000001")


def test_a_closed_item_takes_no_more_subjects(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    item = log(client.user)
    IntelligenceItem.objects.filter(pk=item.pk).update(status="responded")
    url = f"/intelligence/{item.reference}/subjects/person/"
    page = client.post(url, {"person_id": "P-0000001"})
    assert "reopen it to add a subject" in page.text
    assert not ItemSubject.objects.exists()


def test_someone_else_cannot_add_subjects(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    item = log(make_user("police_analyst", agency=index.pol))
    client = signed_in_client("police_analyst", agency=index.pol)
    assert (
        client.post(
            f"/intelligence/{item.reference}/subjects/person/", {"person_id": "P-0000001"}
        ).status_code
        == 403
    )
    assert not ItemSubject.objects.exists()
