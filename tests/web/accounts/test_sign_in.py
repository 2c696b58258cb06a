"""Signing in with a password and a code from an authenticator app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from joinedup.web.accounts.signing_in import current_code
from joinedup.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def practitioner(make_user: Callable[..., Any]) -> Any:
    return make_user("specialist_practitioner", "sam.practitioner", password=PASSWORD)


def code_for(user: Any) -> str:
    return current_code(TOTPDevice.objects.get(user=user, confirmed=True))


def wrong_code_for(user: Any) -> str:
    return f"{(int(code_for(user)) + 1) % 1_000_000:06d}"


def test_password_then_code_signs_in_and_returns_to_the_page_asked_for(practitioner: Any) -> None:
    client = Client()
    first = client.get("/admin/?x=1")
    assert first.status_code == 302
    assert first["Location"] == "/sign-in/?next=%2Fadmin%2F%3Fx%3D1"
    client.get(first["Location"])
    password = client.post("/sign-in/", {"username": "sam.practitioner", "password": PASSWORD})
    assert password.status_code == 302 and password["Location"] == "/sign-in/code/"
    assert client.get("/").status_code == 302, "a password alone opens nothing"
    code = client.post("/sign-in/code/", {"code": code_for(practitioner)})
    assert code.status_code == 302 and code["Location"] == "/admin/?x=1"
    actions = list(AuditEntry.objects.values_list("action", "actor_username"))
    assert ("sign_in.success", "sam.practitioner") in actions


def test_sign_in_page_follows_the_govuk_pattern() -> None:
    page = Client().get("/sign-in/").text
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert '<label class="govuk-label" for="id_username">Username</label>' in page
    assert 'type="password"' in page


def test_wrong_password_is_refused_with_an_error_summary_and_audited(practitioner: Any) -> None:
    page = Client().post("/sign-in/", {"username": "sam.practitioner", "password": "wrong"})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.text
    assert "Enter a correct username and password" in page.text
    assert page.text.count("<title>Error: Sign in") == 1
    entry = AuditEntry.objects.get(action="sign_in.failure")
    assert entry.actor_username == "" and entry.detail["username"] == "sam.practitioner"


def test_empty_form_names_each_missing_field() -> None:
    page = Client().post("/sign-in/", {"username": "", "password": ""})
    assert '<a href="#id_username">Enter your username</a>' in page.text
    assert '<a href="#id_password">Enter your password</a>' in page.text


def test_wrong_code_is_refused_and_the_user_stays_signed_out(practitioner: Any) -> None:
    client = Client()
    client.post("/sign-in/", {"username": "sam.practitioner", "password": PASSWORD})
    page = client.post("/sign-in/code/", {"code": wrong_code_for(practitioner)})
    assert page.status_code == 200
    assert "The security code is not right" in page.text
    assert 'autocomplete="one-time-code"' in page.text
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(action="sign_in.failure", detail__step="code").exists()


def test_code_step_needs_the_password_step_first() -> None:
    page = Client().get("/sign-in/code/")
    assert page.status_code == 302 and page["Location"] == "/sign-in/"


def test_passwords_are_hashed_with_argon2_first(practitioner: Any) -> None:
    from joinedup.web import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert practitioner.password.startswith("argon2$")


def test_a_user_without_an_authenticator_sets_one_up(make_user: Callable[..., Any]) -> None:
    user = make_user("team_manager", "new.manager", password=PASSWORD, with_device=False)
    client = Client()
    step = client.post("/sign-in/", {"username": "new.manager", "password": PASSWORD})
    assert step["Location"] == "/sign-in/set-up/"
    page = client.get("/sign-in/set-up/")
    assert '<svg role="img"' in page.text and "<title>QR code" in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret in page.text.replace(" ", "") and len(secret) == 32
    wrong = client.post(
        "/sign-in/set-up/", {"code": f"{(int(current_code(device)) + 1) % 10**6:06d}"}
    )
    assert "The security code is not right" in wrong.text
    done = client.post("/sign-in/set-up/", {"code": current_code(device)})
    assert done.status_code == 302 and done["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="two_factor.enrolled", actor_username="new.manager")
    assert client.get("/sign-in/").status_code == 302, "already signed in"


def test_sign_out_needs_a_post_and_ends_the_session(
    signed_in_client: Callable[..., Client],
) -> None:
    client = signed_in_client()
    assert client.get("/sign-out/").status_code == 405
    out = client.post("/sign-out/")
    assert out["Location"] == "/sign-in/"
    assert "You have signed out." in client.get("/sign-in/").text
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(action="sign_out").exists()


def test_a_mistyped_code_can_be_corrected_at_once(practitioner: Any) -> None:
    client = Client()
    client.post("/sign-in/", {"username": "sam.practitioner", "password": PASSWORD})
    client.post("/sign-in/code/", {"code": wrong_code_for(practitioner)})
    assert client.post("/sign-in/code/", {"code": code_for(practitioner)})["Location"] == "/"


def test_the_session_key_changes_at_each_step(practitioner: Any) -> None:
    client = Client()
    client.get("/sign-in/")
    keys = [client.session.session_key]
    client.post("/sign-in/", {"username": "sam.practitioner", "password": PASSWORD})
    keys.append(client.session.session_key)
    client.post("/sign-in/code/", {"code": code_for(practitioner)})
    keys.append(client.session.session_key)
    assert len(set(keys)) == 3


def test_a_code_cannot_be_used_twice(practitioner: Any) -> None:
    code = code_for(practitioner)
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/sign-in/", {"username": "sam.practitioner", "password": PASSWORD})
    assert first.post("/sign-in/code/", {"code": code})["Location"] == "/"
    assert second.post("/sign-in/code/", {"code": code}).status_code == 200
