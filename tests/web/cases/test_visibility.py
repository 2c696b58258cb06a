"""Who sees which case: the allocated worker, their team, the team's manager; a child's
case only with access to the child; unallocated cases by those who allocate (and the
opener). Reads and refusals are audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.accounts.models import Team
from joinedup.web.cases.models import Case
from joinedup.web.cases.services import cases_visible_to, open_case
from joinedup.web.cases.services.allocation import allocate_case

pytestmark = pytest.mark.django_db


def _allocate(case: Case, team: Team, worker: Any, manager: Any) -> None:
    allocate_case(case, seen_version=case.version, team=team, worker=worker, by=manager)


def test_an_unallocated_case_is_seen_by_allocators_and_its_opener_only(
    child_case: Case, manager: Any, worker: Any, make_user: Callable[..., Any]
) -> None:
    other_manager = make_user("team_manager")
    assert child_case in cases_visible_to(manager)
    assert child_case in cases_visible_to(other_manager)
    assert child_case not in cases_visible_to(worker)
    mine = open_case(opened_by=worker, reason="Seen", context_kind="place", context_name="Park")
    assert mine in cases_visible_to(worker)


def test_an_allocated_case_is_seen_by_the_worker_the_team_and_its_manager(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    colleague: Any,
    outsider: Any,
    make_user: Callable[..., Any],
) -> None:
    _allocate(child_case, team, worker, manager)
    for user in (worker, colleague, manager):
        assert child_case in cases_visible_to(user), user.username
    assert child_case not in cases_visible_to(outsider)
    assert child_case not in cases_visible_to(make_user("team_manager")), "another team's manager"
    assert child_case not in cases_visible_to(make_user("inquiry_team")), "no work_cases"


def test_a_childs_case_also_follows_the_childs_access_rules(
    child_case: Case, team: Team, manager: Any, worker: Any
) -> None:
    _allocate(child_case, team, worker, manager)
    child_case.person.active = False  # merged into another person: no one opens it here
    child_case.person.save()
    assert child_case not in cases_visible_to(worker)


def test_the_case_page_is_audited_and_a_refusal_too(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    outsider: Any,
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    _allocate(child_case, team, worker, manager)
    url = f"/cases/{child_case.reference}/"
    page = client_of(worker).get(url)
    assert page.status_code == 200
    assert "open the child's record" in page.text
    [viewed] = audit("cases.view")
    assert (viewed.actor_username, viewed.target_id) == ("worker", child_case.reference)
    assert viewed.detail["person_id"] == "P-0000100"
    assert client_of(outsider).get(url).status_code == 403
    [refused] = audit("cases.access_denied")
    assert (refused.actor_username, refused.target_id) == ("outsider", child_case.reference)
    assert client_of(worker).get("/cases/CASE-999999/").status_code == 404


def test_the_list_has_my_cases_my_teams_and_the_unallocated(
    child_case: Case,
    context_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    colleague: Any,
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    _allocate(child_case, team, worker, manager)
    mine = client_of(worker).get("/cases/")
    assert child_case.reference in mine.text and context_case.reference not in mine.text
    assert "My cases (1)" in mine.text and "Unallocated cases (0)" in mine.text
    theirs = client_of(colleague).get("/cases/?tab=team")
    assert child_case.reference in theirs.text
    queue = client_of(manager).get("/cases/?tab=unallocated")
    assert context_case.reference in queue.text and child_case.reference not in queue.text
    listed = audit("cases.list")
    assert listed[0].detail["person_ids"] == ["P-0000100"]


def test_the_list_filters_by_status_flag_and_subject(
    child_case: Case, context_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    from joinedup.web.cases.services.flags import set_flag

    set_flag(child_case, seen_version=1, by=manager, flag="cce", reason="Carrying drugs for adults")
    client = client_of(manager)
    flagged = client.get("/cases/?tab=unallocated&flag=cce")
    assert child_case.reference in flagged.text and context_case.reference not in flagged.text
    contexts = client.get("/cases/?tab=unallocated&subject_kind=context")
    assert context_case.reference in contexts.text and child_case.reference not in contexts.text
    closed = client.get("/cases/?tab=unallocated&status=closed")
    assert "No cases here" in closed.text


def test_roles_without_work_cases_see_no_case(
    child_case: Case, signed_in_client: Callable[..., Any]
) -> None:
    for role in ("police_analyst", "inquiry_team", "auditor", "administrator"):
        client = signed_in_client(role)
        assert client.get("/cases/").status_code == 403, role
        assert client.get(f"/cases/{child_case.reference}/").status_code == 403, role
