"""The layout: who is signed in, the navigation their role may use, and the footer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, RequestFactory

from joinedup.web.home import context_processors
from joinedup.web.home.context_processors import NavigationItem, navigation_for
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_sees_their_name_role_and_a_sign_out_form(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    client = signed_in_client("police_analyst", first_name="Dev", last_name="Okafor")
    text = client.get("/").text
    header = text.split("<header")[1].split("</header>")[0]
    assert "Dev Okafor" in header
    assert "Police analyst" in header
    assert '<form method="post" action="/sign-out/"' in header
    assert 'name="csrfmiddlewaretoken"' in header


def test_an_anonymous_visitor_sees_no_account_or_navigation(client: Client) -> None:
    text = client.get("/accessibility/").text
    assert "Sign out" not in text
    assert "govuk-service-navigation__list" not in text
    assert 'href="/accessibility/">Accessibility statement</a>' in text
    assert 'href="/public/cookies/">Cookies</a>' in text
    assert "Synthetic data" in text


@pytest.fixture
def capability_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Navigation to pages that exist in every build, behind real capabilities."""
    monkeypatch.setattr(
        context_processors,
        "NAVIGATION",
        (
            NavigationItem("Dashboard", "home:overview", None),
            NavigationItem("Review links", "home:accessibility", "review_links"),
            NavigationItem("Audit", "home:cookies", "view_audit"),
            NavigationItem("Not built", "nowhere:at-all", None),
        ),
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("specialist_practitioner", ["Dashboard", "Review links"]),
        ("auditor", ["Dashboard", "Audit"]),
        ("administrator", ["Dashboard"]),
    ],
)
def test_navigation_lists_only_the_links_the_role_may_use(
    capability_navigation: None,
    signed_in_client: Callable[..., SignedInClient],
    role: str,
    expected: list[str],
) -> None:
    client = signed_in_client(role)
    request = RequestFactory().get("/public/cookies/")
    request.user = client.user
    links = navigation_for(request)
    assert [link.label for link in links] == expected
    assert [link.current for link in links] == [link.label == "Audit" for link in links]


def test_the_current_page_is_marked_in_the_navigation(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    text = signed_in_client("team_manager").get("/").text
    assert 'aria-current="page"' in text
    current = text.split('aria-current="page"')[1].split("</a>")[0]
    assert "Dashboard" in current


def test_every_navigation_item_names_a_capability_the_roles_table_knows() -> None:
    from joinedup.web.access.roles import CAPABILITIES

    for item in context_processors.NAVIGATION:
        wanted = (item.capability,) if isinstance(item.capability, str) else item.capability
        assert all(c in CAPABILITIES for c in wanted or ()), item


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("team_manager", ["Dashboard", "Search", "Front door", "Cases", "MACE", "Intelligence",
                          "Sharing decisions", "Recommendations", "Review links", "Records held",
                          "Publish figures"]),
        ("school_safeguarding_lead", ["Dashboard", "Search", "Front door", "MACE",
                                      "Sharing decisions", "Recommendations", "Records held"]),
        ("inquiry_team", ["Dashboard", "Search", "Recommendations", "Records held", "Retention",
                          "Inquiry", "Documents", "Redaction", "Accounts", "Themes",
                          "Released documents", "Survivors' panel", "Inquiry audit"]),
        ("administrator", ["Dashboard", "Recommendations", "Records held", "Retention",
                           "Administration", "Publish figures"]),
        # From outside the partnership: only their own area, never the council's pages
        ("core_participant", ["Dashboard", "Released documents"]),
        ("survivor_panel", ["Dashboard", "Survivors' panel"]),
    ],
)  # fmt: skip
def test_casework_pages_are_in_the_navigation_of_the_roles_that_use_them(
    signed_in_client: Callable[..., SignedInClient], role: str, expected: list[str]
) -> None:
    request = RequestFactory().get("/")
    request.user = signed_in_client(role).user
    assert [link.label for link in navigation_for(request)] == expected
