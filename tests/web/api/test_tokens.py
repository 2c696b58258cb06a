"""API tokens: made on the account page or by `joinedup users token`, shown once, kept only
as a hash, refused once revoked or expired or when the account is inactive or locked."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.test import Client
from django.utils import timezone

from joinedup.cli.main import cli
from joinedup.errors import InputError
from joinedup.web.api.models import ApiToken
from joinedup.web.api.tokens import MAX_DAYS, create_token, revoke_token
from joinedup.web.audit.models import AuditEntry
from tests.web.accounts.test_lockout import fail_passwords
from tests.web.api.conftest import PURPOSE, ApiClient, Borough

pytestmark = pytest.mark.django_db


def identity(client: Client, borough: Borough, token: str) -> Any:
    return client.get(f"/api/v1/people/{borough.child}", PURPOSE,
                      headers={"Authorization": f"Bearer {token}"})  # fmt: skip


def test_a_token_is_kept_only_as_a_hash_and_a_short_prefix(make_user: Callable[..., Any]) -> None:
    made = create_token(make_user(), "case system", 30, by="tests")
    stored = ApiToken.objects.get(pk=made.token.pk)
    assert made.secret.startswith("jdu_") and len(made.secret) >= 40
    assert stored.token_hash == hashlib.sha256(made.secret.encode()).hexdigest()
    assert stored.prefix == made.secret[:12]
    row = ApiToken.objects.filter(pk=stored.pk).values().get()
    assert not any(made.secret in str(value) for value in row.values())
    entry = AuditEntry.objects.get(action="api.token.create", target_id=str(stored.pk))
    assert made.secret not in str(entry.detail) and entry.detail["prefix"] == stored.prefix


def test_a_token_lasts_at_most_ninety_days_and_needs_a_name(make_user: Callable[..., Any]) -> None:
    user = make_user()
    made = create_token(user, "analysis", MAX_DAYS, by="tests")
    assert made.token.expires_at - made.token.created_at == timedelta(days=90)
    for name, days in [("too long", MAX_DAYS + 1), ("none", 0), ("  ", 30)]:
        with pytest.raises(InputError):
            create_token(user, name, days, by="tests")
    with pytest.raises(InputError, match="already has a token called 'analysis'"):
        create_token(user, "analysis", 30, by="tests")


def test_a_token_acts_as_its_user_and_records_its_use(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("specialist_practitioner")
    token = ApiToken.objects.get(user=client.user)
    assert token.last_used_at is None
    answer = client.get(f"/api/v1/people/{borough.child}", PURPOSE)
    assert answer.status_code == 200
    assert answer.json()["person"]["basis"] == "allocation"
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer jdu_not-a-real-token", "Token abc"])
def test_a_missing_or_unknown_token_is_401(client: Client, borough: Borough, header: str) -> None:
    headers = {"Authorization": header} if header else {}
    answer = client.get(f"/api/v1/people/{borough.child}", PURPOSE, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["code"] == "not_authenticated"
    assert answer["WWW-Authenticate"] == 'Bearer realm="joinedup"'


def test_an_unknown_token_is_audited_without_the_secret(client: Client, borough: Borough) -> None:
    answer = identity(client, borough, "jdu_guessed0000000000000000000000")
    assert "not recognised" in answer.json()["detail"]
    entry = AuditEntry.objects.filter(action="api.token.rejected").last()
    assert entry is not None and entry.detail["reason"] == "unknown"
    assert entry.detail["prefix"] == "jdu_guessed0" and "0000000000000000" not in str(entry.detail)


def test_a_revoked_token_stops_working(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    assert identity(Client(), borough, client.token).status_code == 200
    revoke_token(ApiToken.objects.get(user=client.user), by="tests")
    answer = identity(Client(), borough, client.token)
    assert answer.status_code == 401 and "revoked" in answer.json()["detail"]
    assert AuditEntry.objects.filter(action="api.token.revoke").exists()
    rejected = AuditEntry.objects.filter(action="api.token.rejected").last()
    assert rejected is not None and rejected.actor_username == client.user.username


def test_an_expired_token_stops_working(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    ApiToken.objects.filter(user=client.user).update(expires_at=timezone.now())
    answer = identity(Client(), borough, client.token)
    assert answer.status_code == 401 and "expired" in answer.json()["detail"]


def test_a_token_of_an_inactive_account_stops_working(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    client.user.is_active = False
    client.user.save(update_fields=["is_active"])
    answer = identity(Client(), borough, client.token)
    assert answer.status_code == 401 and "not active" in answer.json()["detail"]


def test_a_token_of_a_locked_account_stops_working(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    assert identity(Client(), borough, client.token).status_code == 200
    fail_passwords(Client(), client.user.username, 6)
    answer = identity(Client(), borough, client.token)
    assert answer.status_code == 401 and "locked" in answer.json()["detail"]


def test_a_role_change_applies_to_the_token_at_once(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("specialist_practitioner")
    assert client.get(f"/api/v1/people/{borough.child}", PURPOSE).status_code == 200
    client.user.role = "auditor"
    client.user.save(update_fields=["role"])
    assert client.get(f"/api/v1/people/{borough.child}", PURPOSE).status_code == 403


def test_the_api_ignores_a_signed_in_session(
    signed_in_client: Callable[..., Client], borough: Borough
) -> None:
    answer = signed_in_client("inquiry_team").get(f"/api/v1/people/{borough.child}", PURPOSE)
    assert answer.status_code == 401


# The account page


def test_the_account_page_makes_a_token_and_shows_it_once(
    signed_in_client: Callable[..., Client], borough: Borough
) -> None:
    browser = signed_in_client("inquiry_team")
    made = browser.post("/account/api-tokens/", {"name": "Analysis notebook", "days": "14"})
    assert made.status_code == 200
    secret = made.content.decode().split('id="new-token" type="text" value="')[1].split('"')[0]
    token = ApiToken.objects.get(user=browser.user)
    assert token.name == "Analysis notebook" and secret.startswith(token.prefix)
    assert token.expires_at - token.created_at == timedelta(days=14)
    listing = browser.get("/account/api-tokens/").content.decode()
    assert token.prefix in listing and secret not in listing
    assert identity(Client(), borough, secret).status_code == 200


def test_the_account_page_says_what_is_wrong(signed_in_client: Callable[..., Client]) -> None:
    browser = signed_in_client()
    page = browser.post("/account/api-tokens/", {"name": "", "days": "120"}).content.decode()
    assert "There is a problem" in page
    assert "Enter what the token is for" in page and "Days must be 90 or fewer" in page
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_own_token_and_no_one_else_s(
    signed_in_client: Callable[..., Client], make_user: Callable[..., Any]
) -> None:
    browser = signed_in_client()
    mine = create_token(browser.user, "mine", by="tests").token
    theirs = create_token(make_user(), "theirs", by="tests").token
    assert browser.post(f"/account/api-tokens/{theirs.pk}/revoke/").status_code == 404
    done = browser.post(f"/account/api-tokens/{mine.pk}/revoke/")
    assert done.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == "revoked" and theirs.state == "active"
    assert "Revoked" in browser.get("/account/api-tokens/").content.decode()


def test_the_account_page_needs_a_signed_in_user(client: Client) -> None:
    assert client.get("/account/api-tokens/")["Location"].startswith("/sign-in/")


# joinedup users token


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["users", "token", *args])


def test_the_command_line_makes_lists_and_revokes_tokens(
    make_user: Callable[..., Any], borough: Borough
) -> None:
    user = make_user("inquiry_team", "ines.inquiry")
    made = run("create", "ines.inquiry", "--name", "bulk export", "--days", "7")
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    token = ApiToken.objects.get(user=user)
    assert (
        secret.startswith("jdu_")
        and token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    )
    assert identity(Client(), borough, secret).status_code == 200
    listed = run("list", "ines.inquiry")
    assert (
        token.prefix in listed.output and secret not in listed.output and "active" in listed.output
    )
    assert run("revoke", "ines.inquiry", "--name", "bulk export").exit_code == 0
    assert identity(Client(), borough, secret).status_code == 401
    again = run("revoke", "ines.inquiry", "--name", "bulk export")
    assert again.exit_code != 0 and "no unrevoked token" in again.output


def test_the_command_line_refuses_a_token_longer_than_ninety_days(
    make_user: Callable[..., Any],
) -> None:
    make_user("police_analyst", "pat.police")
    refused = run("create", "pat.police", "--name", "forever", "--days", "365")
    assert refused.exit_code != 0 and "expected 1 to 90 days" in refused.output
    assert not ApiToken.objects.exists()
