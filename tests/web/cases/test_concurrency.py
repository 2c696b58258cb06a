"""Two people editing the same case cannot silently overwrite each other: every save is
a compare-and-set on the case's version; a stale save is refused, shows what the other
person changed, writes nothing and is audited."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.cases.models import Case, CaseAllocation, CaseFlag
from joinedup.web.cases.services.allocation import allocate_case
from joinedup.web.cases.services.flags import set_flag
from joinedup.web.cases.services.versioning import EditConflict

pytestmark = pytest.mark.django_db


def test_two_people_editing_the_same_case_cannot_overwrite_each_other(
    child_case: Case,
    team: Team,
    manager: Any,
    worker: Any,
    colleague: Any,
    make_user: Callable[..., Any],
    client_of: Callable[..., Any],
    audit: Callable[..., Any],
) -> None:
    other_manager = make_user("team_manager", username="deputy", team=team)
    first, second = client_of(manager), client_of(other_manager)
    url = f"/cases/{child_case.reference}/allocate/"
    # Both open the allocation form at version 1.
    assert 'name="version" value="1"' in first.get(url).text
    assert 'name="version" value="1"' in second.get(url).text
    saved = first.post(url, {"version": 1, "team": team.pk, "worker": worker.pk})
    assert saved.status_code == 302
    refused = second.post(url, {"version": 1, "team": team.pk, "worker": colleague.pk})
    assert refused.status_code == 409
    assert "Someone else changed this case while you were working on it" in refused.text
    assert "Allocated to worker in Exploitation team: Morgan Lee" in refused.text
    assert 'name="version" value="2"' in refused.text, "saving again is a deliberate choice"
    child_case.refresh_from_db()
    assert (child_case.worker, child_case.version) == (worker, 2)
    assert CaseAllocation.objects.count() == 1
    [conflict] = audit("cases.edit_conflict")
    assert conflict.actor_username == "deputy"
    assert conflict.detail == {"attempted": "allocate", "seen_version": 1, "current_version": 2}


def test_a_stale_save_of_another_kind_is_refused_too(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    set_flag(child_case, seen_version=1, by=manager, flag="cse", reason="Groomed online")
    today = timezone.localdate()
    posted = client_of(manager).post(
        f"/cases/{child_case.reference}/close/",
        {
            "version": 1,
            "reason": "Aims met",
            "closed_day": today.day,
            "closed_month": today.month,
            "closed_year": today.year,
        },
    )
    assert posted.status_code == 409 and "Set the CSE flag" in posted.text
    child_case.refresh_from_db()
    assert child_case.status == "open"


def test_the_service_refuses_a_stale_version_and_says_what_changed(
    child_case: Case, manager: Any
) -> None:
    set_flag(child_case, seen_version=1, by=manager, flag="cse", reason="A")
    stale = Case.objects.get(pk=child_case.pk)
    stale.version = 1
    with pytest.raises(EditConflict) as refused:
        set_flag(stale, seen_version=1, by=manager, flag="cce", reason="B")
    assert [c.summary for c in refused.value.changes] == ["Set the CSE flag"]
    assert list(CaseFlag.objects.values_list("flag", flat=True)) == ["cse"]


def test_a_form_without_its_version_is_refused(
    child_case: Case, manager: Any, client_of: Callable[..., Any]
) -> None:
    posted = client_of(manager).post(
        f"/cases/{child_case.reference}/flags/set/", {"flag": "cse", "reason": "Groomed online"}
    )
    assert "This page is out of date" in posted.text
    assert not CaseFlag.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need PostgreSQL")
def test_two_transactions_at_once_on_postgresql_one_wins(
    child_case: Case, team: Team, manager: Any, worker: Any, colleague: Any
) -> None:
    barrier, outcomes = threading.Barrier(2), []

    def allocate(to: Any) -> None:
        case = Case.objects.get(pk=child_case.pk)
        barrier.wait()
        try:
            allocate_case(case, seen_version=1, team=team, worker=to, by=manager)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate, args=(w,)) for w in (worker, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert CaseAllocation.objects.count() == 1
    assert Case.objects.get(pk=child_case.pk).version == 2
