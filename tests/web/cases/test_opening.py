"""Opening a case about a child or a context: the service the front door calls, and the
page, with its search for the child and its error summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from joinedup.web.access.models import Allocation
from joinedup.web.cases.models import Case, StatusChange
from joinedup.web.cases.services import open_case
from joinedup.web.people.models import Person
from joinedup.web.records.models import Place

pytestmark = pytest.mark.django_db


def test_a_childs_case_gets_a_reference_its_reason_and_is_audited(
    manager: Any, child: Person, audit: Callable[..., Any]
) -> None:
    case = open_case(
        opened_by=manager, reason="Seen with older men", person=child, source="referral REF-000042"
    )
    assert case.reference == f"CASE-{case.pk:06d}"
    assert (case.subject_kind, case.status, case.version) == ("child", "open", 1)
    assert str(case) == f"{case.reference}: P-0000100"
    opening = StatusChange.objects.get(case=case)
    assert (opening.status, opening.reason, opening.source) == (
        "open",
        "Seen with older men",
        "referral REF-000042",
    )
    [entry] = audit("cases.open")
    assert entry.target_id == case.reference
    assert entry.detail["person_id"] == "P-0000100"
    assert entry.detail["source"] == "referral REF-000042"


def test_a_context_case_may_name_a_place_from_the_index(manager: Any, place: Place) -> None:
    case = open_case(opened_by=manager, reason="Children are exploited there", place=place)
    assert (case.subject_kind, case.context_kind, case.context_name) == (
        "context",
        "place",
        "Market Street bus station",
    )
    assert case.place == place


@pytest.mark.parametrize(
    "subject",
    [
        {},
        {"context_kind": "a_cafe", "context_name": "Somewhere"},
        {"context_kind": "place", "context_name": "  "},
    ],
)
def test_a_case_needs_one_valid_subject(manager: Any, subject: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        open_case(opened_by=manager, reason="A reason", **subject)
    assert not Case.objects.exists()


def test_a_case_is_about_a_child_or_a_context_not_both(manager: Any, child: Person) -> None:
    with pytest.raises(ValidationError):
        open_case(opened_by=manager, reason="A reason", person=child, context_name="Park")


def test_a_case_needs_a_reason_and_a_role_that_works_cases(
    manager: Any, child: Person, make_user: Callable[..., Any]
) -> None:
    with pytest.raises(ValidationError):
        open_case(opened_by=manager, reason="  ", person=child)
    with pytest.raises(PermissionDenied):
        open_case(opened_by=make_user("police_analyst"), reason="A reason", person=child)
    assert not Case.objects.exists()


def test_the_page_opens_a_context_case(client_of: Callable[..., Any], worker: Any) -> None:
    client = client_of(worker)
    posted = client.post(
        "/cases/open/",
        {
            "kind": "context",
            "context_kind": "online_space",
            "context_name": "A group chat",
            "place_id": "",
            "reason": "Children are groomed there",
        },
    )
    case = Case.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == f"/cases/{case.reference}/"
    assert (case.context_kind, case.opened_by) == ("online_space", worker)
    page = client.get(posted["Location"])
    assert "A group chat" in page.text and "Case " + case.reference + " opened" in page.text


def test_the_page_reshows_the_form_with_an_error_summary(
    client_of: Callable[..., Any], worker: Any
) -> None:
    posted = client_of(worker).post(
        "/cases/open/",
        {
            "kind": "context",
            "context_name": "",
            "place_id": "PL-9999999",
            "reason": "",
        },
    )
    assert posted.status_code == 200
    assert "There is a problem" in posted.text
    assert "Select the kind of context" in posted.text
    assert "Enter the name of the context" in posted.text
    assert "Enter why the case is being opened" in posted.text
    assert not Case.objects.exists()


def test_an_unknown_place_id_is_refused(client_of: Callable[..., Any], worker: Any) -> None:
    posted = client_of(worker).post(
        "/cases/open/",
        {
            "kind": "context",
            "context_kind": "place",
            "context_name": "A park",
            "place_id": "PL-9999999",
            "reason": "Exploitation reported there",
        },
    )
    assert "No place in the index has this ID" in posted.text
    assert not Case.objects.exists()


def test_a_child_case_is_opened_only_for_a_child_the_worker_may_open(
    client_of: Callable[..., Any], worker: Any, child: Person
) -> None:
    client = client_of(worker)
    form = {"kind": "child", "person_id": child.person_id, "reason": "Seen at the station"}
    refused = client.post("/cases/open/", form)
    assert "Choose a child whose record you may open" in refused.text
    assert not Case.objects.exists()
    Allocation.objects.create(person=child, user=worker, allocated_from="2025-01-01")
    chosen = client.get(f"/cases/open/?kind=child&person={child.person_id}")
    assert child.person_id in chosen.text and 'name="reason"' in chosen.text
    opened = client.post("/cases/open/", form)
    assert opened.status_code == 302
    assert Case.objects.get().person == child


def test_roles_that_do_not_work_cases_cannot_open_one(signed_in_client: Callable[..., Any]) -> None:
    client = signed_in_client("police_analyst")
    assert client.get("/cases/open/").status_code == 403
    posted = client.post(
        "/cases/open/",
        {"kind": "context", "context_kind": "place", "context_name": "Park", "reason": "Seen"},
    )
    assert posted.status_code == 403
    assert not Case.objects.exists()
