"""No council role reaches any page of the inquiry, built by anyone.

Walks every URL of the inquiry's namespaces that exists when the test runs (the inquiry,
its documents, redaction, released documents, survivors' accounts, themes and the
survivors' panel: other apps add pages there) and asks for each as every council role,
the auditor and the administrator, by GET and by POST. Each must answer 403 (a method
the page does not take may answer 405, but never both). The pages' own guards answer:
these roles are not stopped by the areas middleware, which limits only roles from
outside the partnership. Objects named in URLs do not exist, so a page that looks its
object up before checking the role would answer 404 here and fail.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

NAMESPACES = ("inquiry", "documents", "redaction", "released", "survivors", "themes", "panel")
COUNCIL_ROLES = (
    "specialist_practitioner",
    "team_manager",
    "police_analyst",
    "health_safeguarding_lead",
    "school_safeguarding_lead",
    "auditor",
    "administrator",
)


def _sample(converter: Any) -> str:
    """A value the converter accepts, for an object that does not exist."""
    name = type(converter).__name__
    if name == "IntConverter":
        return "999999"
    if name == "UUIDConverter":
        return str(uuid.UUID(int=999999))
    for candidate in ("999999", "X-999999", "no-such-thing", "a"):
        try:
            converter.to_python(candidate)
            return candidate
        except (ValueError, TypeError):
            continue
    raise AssertionError(f"no sample value for the URL converter {name}")


def _url(prefix: str, pattern: URLPattern) -> str:
    """The route with each `<converter:name>` replaced by a sample value."""
    route = prefix + str(pattern.pattern)
    for key, converter in getattr(pattern.pattern, "converters", {}).items():
        route = re.sub(r"<(?:[a-z_]+:)?" + re.escape(key) + ">", _sample(converter), route)
    return "/" + route


def inquiry_urls() -> Iterator[tuple[str, str]]:
    """(namespace:name, URL) for every page of the inquiry's namespaces."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and namespace in NAMESPACES:
                yield f"{namespace}:{pattern.name or pattern.pattern}", _url(prefix, pattern)

    yield from walk(get_resolver().url_patterns, "", "")


def test_the_walk_finds_the_inquirys_own_pages() -> None:
    found = dict(inquiry_urls())
    assert "inquiry:index" in found and found["inquiry:request"] == "/inquiry/requests/999999/"
    assert len([n for n in found if n.startswith("inquiry:")]) >= 20


@pytest.mark.parametrize("role", COUNCIL_ROLES)
def test_every_inquiry_page_refuses_every_council_role(
    role: str, signed_in_client: Callable[..., Any]
) -> None:
    client = signed_in_client(role)
    wrong = []
    for name, url in inquiry_urls():
        answers = (client.get(url).status_code, client.post(url, {}).status_code)
        if not (set(answers) <= {403, 405} and 403 in answers):
            wrong.append(f"{name} {url}: GET {answers[0]}, POST {answers[1]}")
    assert wrong == [], f"{role} was not refused"
