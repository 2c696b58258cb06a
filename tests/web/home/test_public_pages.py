"""The accessibility statement, the cookies page and the health check need no sign-in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings


def test_accessibility_statement_follows_the_gov_uk_sample(client: Client) -> None:
    response = client.get("/accessibility/")
    assert response.status_code == 200
    text = response.text
    for heading in (
        "Accessibility statement for joinedup",
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Technical information about this service's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert heading in text, heading
    assert "partially compliant" in text
    assert "Web Content Accessibility Guidelines version 2.2" in text
    assert "axe-core" in text
    assert "network diagram" in text
    assert "This statement was prepared on" in text


def test_accessibility_statement_gives_the_configured_contact(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "administrator of joinedup in your organisation" in client.get("/accessibility/").text
    monkeypatch.setenv("JOINEDUP_CONTACT_EMAIL", "access@partnership.example.org")
    text = client.get("/accessibility/").text
    assert 'href="mailto:access@partnership.example.org"' in text


def test_cookies_page_lists_only_the_session_and_csrf_cookies(client: Client) -> None:
    response = client.get("/public/cookies/")
    assert response.status_code == 200
    assert "<code>sessionid</code>" in response.text
    assert "<code>csrftoken</code>" in response.text
    assert response.text.count('<tr class="govuk-table__row">') == 3  # heading and two rows
    assert "no analytics" in response.text


@override_settings(SESSION_COOKIE_NAME="__Host-joinedup-session")
def test_cookies_page_names_the_cookies_in_use(client: Client) -> None:
    assert "<code>__Host-joinedup-session</code>" in client.get("/public/cookies/").text


@pytest.mark.django_db
def test_health_check_answers_without_sign_in(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
