"""Allocation: to a worker and team, with history; access to the child's record follows
it, and ends with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.web.access.services import access_to_person
from joinedup.web.accounts.models import Team
from joinedup.web.cases.models import Case, CaseAllocation
from joinedup.web.cases.services.allocation import allocate_case

pytestmark = pytest.mark.django_db


def _post_allocation(client: Any, case: Case, team: Team, worker: Any) -> Any:
    return client.post(
        f"/cases/{case.reference}/allocate/",
        {"version": case.version, "team": team.pk, "worker": worker.pk},
    )


def test_allocating_a_childs_case_opens_the_childs_record_to_the_worker_and_team(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    colleague: Any,
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    assert not access_to_person(worker, child_case.person).allowed
    posted = _post_allocation(client_of(manager), child_case, team, worker)
    assert (posted.status_code, posted["Location"]) == (302, f"/cases/{child_case.reference}/")
    child_case.refresh_from_db()
    assert (child_case.worker, child_case.team, child_case.version) == (worker, team, 2)
    assert access_to_person(worker, child_case.person).basis == "allocation"
    assert access_to_person(colleague, child_case.person).basis == "team_allocation"
    [entry] = audit("cases.allocate")
    assert entry.detail == {
        "worker": "worker",
        "team": "Exploitation team",
        "person_id": "P-0000100",
    }
    record = client_of(worker).get(f"/people/{child_case.person.person_id}/")
    assert record.status_code == 302, "to the purpose step: the record is open to them now"


def test_reallocating_ends_the_first_allocation_and_its_access(
    child_case: Case, team: Team, manager: Any, worker: Any, colleague: Any
) -> None:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    allocate_case(child_case, seen_version=2, team=team, worker=colleague, by=manager)
    first, second = CaseAllocation.objects.order_by("pk")
    assert first.ended_at is not None and first.end_reason == "Reallocated"
    assert second.ended_at is None and second.worker == colleague
    assert access_to_person(colleague, child_case.person).basis == "allocation"
    assert access_to_person(worker, child_case.person).basis == "team_allocation", "still in team"


def test_ending_the_allocation_closes_the_record_again(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    posted = client_of(manager).post(
        f"/cases/{child_case.reference}/allocation/end/",
        {"version": 2, "reason": "Worker on long-term leave"},
    )
    assert posted.status_code == 302
    child_case.refresh_from_db()
    assert (child_case.worker, child_case.team) == (None, None)
    assert not access_to_person(worker, child_case.person).allowed
    assert audit("cases.allocation_end")[0].detail["reason"] == "Worker on long-term leave"
    history = client_of(manager).get(f"/cases/{child_case.reference}/allocate/")
    assert "Worker on long-term leave" in history.text and "manager" in history.text


def test_ending_needs_a_reason(
    child_case: Case, team: Team, manager: Any, worker: Any, client_of: Callable[..., Any]
) -> None:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    posted = client_of(manager).post(
        f"/cases/{child_case.reference}/allocation/end/", {"version": 2, "reason": ""}
    )
    assert posted.status_code == 200 and "Enter why the allocation is ending" in posted.text
    child_case.refresh_from_db()
    assert child_case.worker == worker


def test_the_worker_must_be_in_the_team(
    child_case: Case, manager: Any, outsider: Any, team: Team, client_of: Callable[..., Any]
) -> None:
    with pytest.raises(ValidationError):
        allocate_case(child_case, seen_version=1, team=team, worker=outsider, by=manager)
    posted = _post_allocation(client_of(manager), child_case, team, outsider)
    assert posted.status_code == 200 and "outsider is not in Exploitation team" in posted.text
    assert not CaseAllocation.objects.exists()


def test_only_allocators_allocate(
    child_case: Case, team: Team, worker: Any, manager: Any, client_of: Callable[..., Any]
) -> None:
    allocate_case(child_case, seen_version=1, team=team, worker=worker, by=manager)
    client = client_of(worker)
    assert client.get(f"/cases/{child_case.reference}/allocate/").status_code == 403
    assert _post_allocation(client, child_case, team, worker).status_code == 403
    assert CaseAllocation.objects.count() == 1


def test_a_team_without_a_worker_yet_is_the_teams_queue(
    context_case: Case, team: Team, manager: Any, colleague: Any, client_of: Callable[..., Any]
) -> None:
    posted = client_of(manager).post(
        f"/cases/{context_case.reference}/allocate/", {"version": 1, "team": team.pk, "worker": ""}
    )
    assert posted.status_code == 302
    listed = client_of(colleague).get("/cases/?tab=team")
    assert context_case.reference in listed.text and "No worker yet" in listed.text
