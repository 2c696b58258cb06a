"""Who sees what of an item: its text follows the reader's agreement with the source
agency; people are named only to readers who may open their record; each view audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.audit.models import AuditEntry
from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services.subjects import (
    create_subject,
    subject_for_person,
    subject_for_vehicle,
)
from tests.web.conftest import SignedInClient
from tests.web.intelligence.conftest import Index

pytestmark = pytest.mark.django_db

Log = Callable[..., IntelligenceItem]
TEXT = "A silver car waits outside the school most afternoons."


def test_a_police_analyst_reads_the_text_of_police_intelligence(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    item = log(client.user)
    page = client.get(f"/intelligence/{item.reference}/")
    assert page.status_code == 200 and TEXT in page.text
    entry = AuditEntry.objects.get(action="intelligence.view")
    assert (entry.target_id, entry.detail["text_shown"]) == (item.reference, True)


def test_a_police_analyst_sees_only_the_summary_of_childrens_services_intelligence(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    item = log(make_user("team_manager"), agency=index.csc)
    page = signed_in_client("police_analyst", agency=index.pol).get(
        f"/intelligence/{item.reference}/"
    )
    assert TEXT not in page.text and item.summary in page.text
    assert "Your sharing agreement gives summaries of CSC" in page.text
    assert AuditEntry.objects.get(action="intelligence.view").detail["text_shown"] is False


def test_nothing_of_what_it_says_is_shown_outside_the_agreement(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    item = log(make_user("team_manager"), agency=index.vol)
    client = signed_in_client("police_analyst", agency=index.pol)
    page = client.get(f"/intelligence/{item.reference}/")
    assert TEXT not in page.text and item.summary not in page.text
    assert "VOL is outside your sharing agreement" in page.text
    assert item.summary not in client.get("/intelligence/").text


def test_a_child_is_named_and_linked_only_for_readers_who_may_open_their_record(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, index: Index
) -> None:
    analyst = signed_in_client("police_analyst", agency=index.pol)
    item = log(analyst.user)
    create_subject(item, analyst.user, subject_for_person(index.child, "victim"))
    page = analyst.get(f"/intelligence/{item.reference}/").text
    assert "Kayleigh Smith P-0000001 (child)" in page
    assert f'href="/people/{index.child.person_id}/"' in page
    practitioner = (
        signed_in_client("specialist_practitioner").get(f"/intelligence/{item.reference}/").text
    )
    assert "Kayleigh" not in practitioner
    assert "P-0000001 (child): you may not open their record" in practitioner


def test_other_items_naming_the_same_car_are_listed(
    signed_in_client: Callable[..., SignedInClient], log: Log, index: Index
) -> None:
    client = signed_in_client("police_analyst", agency=index.pol)
    first, second, unrelated = log(client.user), log(client.user), log(client.user)
    for item in (first, second):
        create_subject(item, client.user, subject_for_vehicle("AB12 CDE"))
    create_subject(unrelated, client.user, subject_for_vehicle("XY70 ZZZ"))
    related = (
        client.get(f"/intelligence/{second.reference}/")
        .text.split("Other items about the same subjects")[1]
        .split("<h2")[0]
    )
    assert first.reference in related and unrelated.reference not in related


@pytest.mark.parametrize("role", ["health_safeguarding_lead", "inquiry_team", "auditor"])
def test_roles_without_the_capability_see_no_item(
    signed_in_client: Callable[..., SignedInClient], make_user: Any, log: Log, role: str
) -> None:
    item = log(make_user("team_manager"))
    client = signed_in_client(role)
    assert client.get(f"/intelligence/{item.reference}/").status_code == 403
    assert client.get("/intelligence/").status_code == 403
    assert not AuditEntry.objects.filter(action="intelligence.view").exists()
