"""Repeated failures lock a username for a while, whichever factor failed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from joinedup.web.audit.models import AuditEntry
from tests.web.accounts.test_sign_in import PASSWORD, code_for, wrong_code_for

pytestmark = pytest.mark.django_db

LOCKED = "There have been too many attempts to sign in with this username"


def fail_passwords(client: Client, username: str, times: int) -> Any:
    page = None
    for _ in range(times):
        page = client.post("/sign-in/", {"username": username, "password": "not it"})
    return page


def test_five_wrong_passwords_lock_the_username_even_against_the_right_one(
    make_user: Callable[..., Any],
) -> None:
    make_user("police_analyst", "pat.analyst", password=PASSWORD)
    client = Client()
    fourth = fail_passwords(client, "pat.analyst", 4)
    assert fourth.status_code == 200 and LOCKED not in fourth.text
    fifth = fail_passwords(client, "pat.analyst", 1)
    assert fifth.status_code == 429
    assert LOCKED in fifth.text and "Wait 30 minutes" in fifth.text
    right = client.post("/sign-in/", {"username": "pat.analyst", "password": PASSWORD})
    assert right.status_code == 429 and LOCKED in right.text
    assert AuditEntry.objects.filter(action="sign_in.locked", detail__username="pat.analyst")


def test_the_lockout_page_is_the_same_whether_or_not_the_account_exists(
    make_user: Callable[..., Any],
) -> None:
    make_user("police_analyst", "pat.analyst", password=PASSWORD)
    real = fail_passwords(Client(), "pat.analyst", 6)
    invented = fail_passwords(Client(), "nobody.here", 6)
    assert real.status_code == invented.status_code == 429

    def body(page: Any) -> str:
        main = page.text.split('id="main-content"')[1]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)

    assert body(real) == body(invented)
    assert LOCKED in body(real)


def test_other_usernames_are_not_locked(make_user: Callable[..., Any]) -> None:
    user = make_user("auditor", "alex.auditor", password=PASSWORD)
    fail_passwords(Client(), "someone.else", 6)
    client = Client()
    client.post("/sign-in/", {"username": "alex.auditor", "password": PASSWORD})
    assert client.post("/sign-in/code/", {"code": code_for(user)})["Location"] == "/"


def test_wrong_codes_count_towards_the_lockout(make_user: Callable[..., Any]) -> None:
    user = make_user("auditor", "alex.auditor", password=PASSWORD)
    client = Client()
    fail_passwords(client, "alex.auditor", 2)
    client.post("/sign-in/", {"username": "alex.auditor", "password": PASSWORD})
    for _ in range(2):
        page = client.post("/sign-in/code/", {"code": wrong_code_for(user)})
        assert page.status_code == 200
    locked = client.post("/sign-in/code/", {"code": wrong_code_for(user)})
    assert locked.status_code == 429 and LOCKED in locked.text
    after = client.post("/sign-in/code/", {"code": code_for(user)})
    assert after.status_code == 302 and after["Location"] == "/sign-in/", "pending sign-in ended"
    assert client.get("/").status_code == 302


def test_a_full_sign_in_clears_earlier_failures(make_user: Callable[..., Any]) -> None:
    user = make_user("auditor", "alex.auditor", password=PASSWORD)
    client = Client()
    fail_passwords(client, "alex.auditor", 4)
    client.post("/sign-in/", {"username": "alex.auditor", "password": PASSWORD})
    client.post("/sign-in/code/", {"code": code_for(user)})
    client.post("/sign-out/")
    assert fail_passwords(client, "alex.auditor", 4).status_code == 200
