"""`joinedup users` and the demo accounts `joinedup demo` prints."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from joinedup.cli.main import cli
from joinedup.web.accounts.demo import DEMO_USERS, create_demo_users, secrets_file
from joinedup.web.accounts.models import Role, User
from joinedup.web.audit.models import AuditEntry
from tests.web.accounts.test_lockout import LOCKED, fail_passwords

pytestmark = pytest.mark.django_db


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["users", *args], input=input)


def test_create_makes_an_account_with_a_strong_password() -> None:
    made = run("create", "kim.lead", "--role", "school_safeguarding_lead", "--generate-password")
    assert made.exit_code == 0, made.output
    user = User.objects.get(username="kim.lead")
    assert user.role == "school_safeguarding_lead" and user.password.startswith("argon2$")
    password = made.output.split("Password (shown once): ")[1].split()[0]
    assert user.check_password(password)
    assert AuditEntry.objects.filter(action="user.create", target_id=str(user.pk)).exists()


def test_create_refuses_weak_passwords_and_unknown_agencies() -> None:
    weak = run("create", "kim.lead", "--role", "auditor", input="password\npassword\n")
    assert weak.exit_code == 2 and "password refused" in weak.output
    bad = run("create", "kim.lead", "--role", "auditor", "--agency", "NOPE", "--generate-password")
    assert bad.exit_code == 2 and "no agency with code NOPE" in bad.output
    assert not User.objects.exists()
    assert run("create", "kim", "--role", "wizard").exit_code == 2


def test_list_shows_two_factor_and_lockout(make_user: Callable[..., Any]) -> None:
    make_user("auditor", "alex.auditor", password="a long enough password")
    make_user("team_manager", "mo.manager", with_device=False)
    fail_passwords(Client(), "alex.auditor", 5)
    listed = run("list").output
    alex = next(line for line in listed.splitlines() if "alex.auditor" in line)
    mo = next(line for line in listed.splitlines() if "mo.manager" in line)
    assert "set up" in alex and "locked" in alex
    assert "not yet" in mo and "active" in mo


def test_unlock_ends_a_lockout(make_user: Callable[..., Any]) -> None:
    make_user("auditor", "alex.auditor", password="a long enough password")
    assert LOCKED in fail_passwords(Client(), "alex.auditor", 5).text
    assert run("unlock", "alex.auditor").exit_code == 0
    page = Client().post(
        "/sign-in/", {"username": "alex.auditor", "password": "a long enough password"}
    )
    assert page.status_code == 302 and page["Location"] == "/sign-in/code/"
    assert AuditEntry.objects.filter(action="user.unlock").exists()


def test_reset_2fa_sends_the_user_back_to_set_up(make_user: Callable[..., Any]) -> None:
    make_user("auditor", "alex.auditor", password="a long enough password")
    assert run("reset-2fa", "alex.auditor").exit_code == 0
    assert not TOTPDevice.objects.exists()
    page = Client().post(
        "/sign-in/", {"username": "alex.auditor", "password": "a long enough password"}
    )
    assert page["Location"] == "/sign-in/set-up/"
    assert run("reset-2fa", "nobody").exit_code == 2


def test_code_is_printed_for_demo_accounts_only(make_user: Callable[..., Any]) -> None:
    make_user("auditor", "alex.auditor")
    refused = run("code", "alex.auditor")
    assert refused.exit_code == 2 and "not a demo account" in refused.output
    create_demo_users()
    code = run("code", "demo.auditor")
    assert code.exit_code == 0 and code.output.strip().isdigit() and len(code.output.strip()) == 6


def test_demo_accounts_one_per_role_with_secrets_kept_private_and_stable(
    settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    first = create_demo_users()
    assert {User.objects.get(username=a.username).role for a in first} == set(Role.values)
    assert len(first) == len(DEMO_USERS)
    path = secrets_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())
    assert {a.password for a in first} == {s["password"] for s in stored.values()}
    second = create_demo_users()
    assert first == second
    assert User.objects.filter(is_demo=True).count() == len(DEMO_USERS)


def test_a_demo_user_signs_in_with_the_printed_password_and_code(
    settings: Any, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path
    account = next(a for a in create_demo_users() if a.username == "demo.practitioner")
    client = Client()
    page = client.post("/sign-in/", {"username": account.username, "password": account.password})
    assert page["Location"] == "/sign-in/code/"
    code = run("code", "demo.practitioner").output.strip()
    assert client.post("/sign-in/code/", {"code": code})["Location"] == "/"
    assert client.get("/").status_code == 200
