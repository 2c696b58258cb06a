"""Who reaches which page, idle and long sessions, and the warning before sign-out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from joinedup.web.accounts import sessions
from joinedup.web.accounts.middleware import is_open_path
from joinedup.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def age_session(client: Client, *, idle: timedelta, signed_in: timedelta | None = None) -> None:
    session = client.session
    now = timezone.now()
    session[sessions.LAST_ACTIVITY] = (now - idle).isoformat()
    session[sessions.SIGNED_IN_AT] = (now - (signed_in or idle)).isoformat()
    session.save()


def test_anonymous_requests_go_to_sign_in_with_where_they_were_going() -> None:
    page = Client().get("/people/P-000001/purpose/?next=/x")
    assert page.status_code == 302
    assert page["Location"].startswith("/sign-in/?next=%2Fpeople%2FP-000001%2Fpurpose%2F")


def test_a_password_without_a_code_opens_nothing(make_user: Callable[..., Any]) -> None:
    client = Client()
    client.force_login(make_user(), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/")["Location"].startswith("/sign-in/")
    assert client.post("/session/extend/")["Location"] == "/sign-in/"


def test_only_the_named_paths_are_open() -> None:
    for path in ["/sign-in/", "/sign-in/code/", "/sign-out/", "/accessibility/", "/health/"]:
        assert is_open_path(path), path
    for path in ["/static/x.css", "/public/statistics/", "/health"]:
        assert is_open_path(path), path
    for path in ["/", "/admin/", "/people/P-1/", "/sign-inx/", "/publicity/", "/healthy/"]:
        assert not is_open_path(path), path


def test_a_signed_in_user_reaches_pages(signed_in_client: Callable[..., Client]) -> None:
    client = signed_in_client()
    assert client.get("/").status_code == 200


def test_an_idle_session_ends_and_the_sign_in_page_says_why(
    signed_in_client: Callable[..., Client],
) -> None:
    client = signed_in_client()
    age_session(client, idle=timedelta(minutes=16))
    page = client.get("/")
    assert page["Location"].startswith("/sign-in/")
    sign_in = client.get(page["Location"])
    assert "You were signed out after 15 minutes without activity" in sign_in.text
    assert client.get("/").status_code == 302, "still signed out"
    assert AuditEntry.objects.filter(action="session.expired", detail__reason="idle").exists()


def test_activity_keeps_the_session_open(signed_in_client: Callable[..., Client]) -> None:
    client = signed_in_client()
    age_session(client, idle=timedelta(minutes=14))
    assert client.get("/").status_code == 200
    assert sessions.LAST_ACTIVITY in client.session
    age_session(client, idle=timedelta(minutes=10))
    assert client.post("/session/extend/").status_code == 204
    stamp = client.session[sessions.LAST_ACTIVITY]
    assert timezone.now() - timezone.datetime.fromisoformat(stamp) < timedelta(minutes=1)


@override_settings(SESSION_IDLE_TIMEOUT=timedelta(minutes=5))
def test_the_idle_limit_comes_from_settings(signed_in_client: Callable[..., Client]) -> None:
    client = signed_in_client()
    age_session(client, idle=timedelta(minutes=6))
    sign_in = client.get(client.get("/")["Location"])
    assert "after 5 minutes without activity" in sign_in.text


def test_a_session_ends_after_the_longest_sign_in_however_active(
    signed_in_client: Callable[..., Client],
) -> None:
    client = signed_in_client()
    age_session(client, idle=timedelta(minutes=1), signed_in=timedelta(hours=12, minutes=1))
    sign_in = client.get(client.get("/")["Location"])
    assert "you had been signed in for 12 hours" in sign_in.text


def test_the_timeout_warning_is_rendered_only_for_a_signed_in_user(
    signed_in_client: Callable[..., Client],
) -> None:
    template = Template("{% load session_timeout %}{% session_timeout_warning %}")
    anonymous = RequestFactory().get("/")
    anonymous.user = type("Anon", (), {"is_authenticated": False})()
    assert template.render(Context({"request": anonymous})).strip() == ""

    client = signed_in_client()
    request = client.get("/").wsgi_request
    html = template.render(Context({"request": request, "csrf_token": "t0ken"}))
    assert 'data-idle-seconds="900"' in html and 'data-warning-seconds="120"' in html
    assert 'action="/session/extend/"' in html and 'value="t0ken"' in html
    assert "/static/accounts/session-timeout.js" in html and "<script>" not in html
    assert "You are about to be signed out" in html
