"""Fixtures for web tests: users of any role, and a test client signed in as one.

    def test_something(signed_in_client):
        client = signed_in_client("team_manager")        # password + code done
        client.user                                        # the User it signed in as
        client.get("/")

`make_user(role, **fields)` makes a user with a confirmed authenticator (no password
unless `password=` is given). Every page except sign-in, /accessibility/, /health/,
/static/ and /public/ needs such a client.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

_numbers = itertools.count(1)


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with small costs, so tests that hash many passwords stay quick."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["tests.web.conftest.QuickArgon2PasswordHasher"]


class SignedInClient(Client):
    user: Any


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    from joinedup.web.accounts.models import User

    def make(
        role: str = "specialist_practitioner",
        username: str | None = None,
        *,
        password: str | None = None,
        with_device: bool = True,
        **fields: Any,
    ) -> User:
        user = User(username=username or f"{role}.{next(_numbers)}", role=role, **fields)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        if with_device:
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return user

    return make


def sign_in_client(client: Client, user: Any) -> None:
    """Give the client the session a full two-factor sign-in would have given it."""
    from joinedup.web.accounts import sessions
    from joinedup.web.accounts.signing_in import MODEL_BACKEND

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user, backend=MODEL_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    sessions.mark_started(session)
    session.save()


@pytest.fixture
def signed_in_client(make_user: Callable[..., Any]) -> Callable[..., SignedInClient]:
    def sign_in(
        role: str = "specialist_practitioner", *, user: Any = None, **fields: Any
    ) -> SignedInClient:
        client = SignedInClient()
        client.user = user or make_user(role, **fields)
        sign_in_client(client, client.user)
        return client

    return sign_in
