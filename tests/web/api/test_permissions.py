"""Every API endpoint against every role: each allowed and each denied case asserted.

The table is written out here, not read from roles.yaml, so a change to what a role may
do shows up as a failing test. Each role's user may open the test child when its role
opens children's records at all (an allocation, a team allocation, or its agency's
records), so a refusal below is the role's, not the allocation's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from joinedup.web.people.models import ReviewPair
from tests.web.api.conftest import PURPOSE, ROLES, ApiClient, Borough

pytestmark = pytest.mark.django_db

OPENERS = {"specialist_practitioner", "team_manager", "police_analyst",
           "health_safeguarding_lead", "school_safeguarding_lead", "inquiry_team"}  # fmt: skip
GRADERS = {"specialist_practitioner", "team_manager"}
REVIEWERS = {"specialist_practitioner", "team_manager", "police_analyst"}
GRADE = {**PURPOSE, "grade": "moderate", "rationale": "Missing episodes and an older adult."}
REASON = {"reason": "Same address history and school; the date of birth differs by a typo."}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # {child} and {pair} are filled in
    allowed: frozenset[str]
    data: dict[str, Any] | None = None
    ok: int = 200


ENDPOINTS = (
    Endpoint("search", "get", "/api/v1/people", frozenset(OPENERS), {"dob": "2004"}),
    Endpoint("identity", "get", "/api/v1/people/{child}", frozenset(OPENERS), PURPOSE),
    Endpoint(
        "chronology", "get", "/api/v1/people/{child}/chronology", frozenset(OPENERS), PURPOSE
    ),  # fmt: skip
    Endpoint("screening", "get", "/api/v1/people/{child}/screening", frozenset(OPENERS), PURPOSE),
    Endpoint("grades", "get", "/api/v1/people/{child}/grades", frozenset(OPENERS), PURPOSE),
    Endpoint(
        "record grade", "post", "/api/v1/people/{child}/grades", frozenset(GRADERS), GRADE, ok=201
    ),  # fmt: skip
    Endpoint("network", "get", "/api/v1/people/{child}/network", frozenset(OPENERS), PURPOSE),
    Endpoint("review queue", "get", "/api/v1/review-pairs", frozenset(REVIEWERS)),
    Endpoint("review pair", "get", "/api/v1/review-pairs/{pair}", frozenset(REVIEWERS)),
    Endpoint(
        "confirm", "post", "/api/v1/review-pairs/{pair}/confirm", frozenset(REVIEWERS), REASON
    ),  # fmt: skip
    Endpoint("reject", "post", "/api/v1/review-pairs/{pair}/reject", frozenset(REVIEWERS), REASON),
)


def call(client: ApiClient, endpoint: Endpoint, borough: Borough) -> Any:
    pair = ReviewPair.objects.filter(status=ReviewPair.OPEN).order_by("pk").first()
    assert pair is not None, "the test borough has no pair to review"
    path = endpoint.path.format(child=borough.child, pair=pair.pk)
    if endpoint.method == "get":
        return client.get(path, endpoint.data or {})
    return client.post(path, endpoint.data or {}, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_each_role_is_allowed_or_refused_each_endpoint(
    api_client: Callable[..., ApiClient], borough: Borough, endpoint: Endpoint, role: str
) -> None:
    answer = call(api_client(role), endpoint, borough)
    if role in endpoint.allowed:
        assert answer.status_code == endpoint.ok, answer.content[:500]
    else:
        assert answer.status_code == 403, answer.content[:500]
        assert answer.json()["code"] == "forbidden"
        assert answer.json()["detail"].startswith("Your role does not")


def test_the_table_covers_every_role_and_endpoint() -> None:
    from joinedup.web.api.api import api

    assert set(ROLES) == {role for e in ENDPOINTS for role in e.allowed} | {
        "auditor",
        "administrator",
    }
    schema = api.get_openapi_schema()
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}
    tested = {(e.method, e.path.replace("{child}", "{person_id}").replace("{pair}", "{pair_id}"))
              for e in ENDPOINTS}  # fmt: skip
    assert operations == tested


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_without_a_token_every_endpoint_is_401(
    client: Any, borough: Borough, endpoint: Endpoint
) -> None:
    answer = call(client, endpoint, borough)
    assert answer.status_code == 401
    assert answer.json()["code"] == "not_authenticated"
    assert "Authorization: Bearer" in answer.json()["detail"]
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "role", ["specialist_practitioner", "team_manager", "police_analyst",
             "health_safeguarding_lead", "school_safeguarding_lead"],
)  # fmt: skip
def test_a_role_that_opens_records_is_refused_a_child_it_has_no_basis_for(
    api_client: Callable[..., ApiClient], borough: Borough, role: str
) -> None:
    client = api_client(role, access=False)
    person = _child_unknown_to(client.user)
    for path in ("", "/chronology", "/screening", "/grades", "/network"):
        answer = client.get(f"/api/v1/people/{person}{path}", PURPOSE)
        assert answer.status_code == 403, (path, answer.content[:300])
        assert "allocated" in answer.json()["detail"]


def _child_unknown_to(user: Any) -> str:
    """A child allocated to no one whose records are not held by the user's agency."""
    from joinedup.web.people.models import Person

    children = Person.objects.filter(age_group="child", active=True, allocations__isnull=True)
    if user.agency_id:
        children = children.exclude(links__source_person__agency_id=user.agency_id)
    return str(children.order_by("person_id").values_list("person_id", flat=True)[0])


def test_the_inquiry_team_opens_any_child(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    answer = client.get(f"/api/v1/people/{borough.other}", PURPOSE)
    assert answer.status_code == 200
    assert answer.json()["person"]["basis"] == "agreement"
