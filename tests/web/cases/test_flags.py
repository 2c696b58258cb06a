"""CSE and CCE flags: both can be set, each with reason, setter and date; removing one
needs a reason and keeps the history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.web.cases.models import Case, CaseFlag
from joinedup.web.cases.services.flags import active_flags, set_flag

pytestmark = pytest.mark.django_db

GROOMED = "Groomed online by an adult"


def test_both_flags_can_be_set_each_with_its_reason_and_setter(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    client, url = client_of(manager), f"/cases/{child_case.reference}/flags/set/"
    assert "Child sexual exploitation is a form of child sexual abuse" in client.get(url).text
    client.post(url, {"version": 1, "flag": "cse", "reason": "Groomed online by an adult"})
    client.post(url, {"version": 2, "flag": "cce", "reason": "Made to carry drugs"})
    flags = {f.flag: f for f in active_flags(child_case)}
    assert set(flags) == {"cse", "cce"}
    assert flags["cse"].reason == "Groomed online by an adult" and flags["cse"].set_by == manager
    assert [e.detail["flag"] for e in audit("cases.flag_set")] == ["cse", "cce"]
    page = client.get(f"/cases/{child_case.reference}/")
    assert "Made to carry drugs" in page.text and "Set a flag" not in page.text


def test_a_flag_already_set_cannot_be_set_twice(child_case: Case, manager: Any) -> None:
    set_flag(child_case, seen_version=1, by=manager, flag="cse", reason="A reason")
    with pytest.raises(ValidationError):
        set_flag(child_case, seen_version=2, by=manager, flag="cse", reason="Again")
    child_case.refresh_from_db()
    assert child_case.version == 2, "the refused change bumped nothing"


def test_removing_a_flag_needs_a_reason_and_keeps_the_history(
    child_case: Case, manager: Any, client_of: Callable[..., Any], audit: Callable[..., Any]
) -> None:
    flag = set_flag(child_case, seen_version=1, by=manager, flag="cse", reason=GROOMED)
    client, url = client_of(manager), f"/cases/{child_case.reference}/flags/{flag.pk}/remove/"
    refused = client.post(url, {"version": 2, "reason": ""})
    assert "Enter why the flag is being removed" in refused.text
    removed = client.post(url, {"version": 2, "reason": "Agreed at MACE: no longer exploited"})
    assert removed.status_code == 302
    flag = CaseFlag.objects.get()
    assert flag.removed_by == manager and flag.removal_reason.startswith("Agreed at MACE")
    assert flag.reason == GROOMED
    assert not active_flags(child_case).exists()
    assert audit("cases.flag_removed")[0].detail["flag"] == "cse"
    assert (
        "Agreed at MACE: no longer exploited" in client.get(f"/cases/{child_case.reference}/").text
    )
    assert client.get(url).status_code == 404, "a removed flag cannot be removed again"


def test_flag_reasons_are_encrypted_at_rest(child_case: Case, manager: Any) -> None:
    from django.db import connection

    set_flag(child_case, seen_version=1, by=manager, flag="cse", reason=GROOMED)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_caseflag")
        [(stored,)] = cursor.fetchall()
    assert "Groomed" not in stored


def test_a_short_reason_reads_back_as_text(child_case: Case, manager: Any) -> None:
    set_flag(child_case, seen_version=1, by=manager, flag="cse", reason="Groomed online")
    assert CaseFlag.objects.get().reason == "Groomed online"
