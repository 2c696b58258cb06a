"""The small synthetic borough imported, linked and screened once for tests/web/api, and
API clients that present a token of a user of any role.

As in tests/web/children, the borough is built once for the package in the test
database; each test runs in its own transaction on top of it. No test here changes what
the analysis tables are built from, so they are built once too.

- `borough`: person ids worth testing with (`Borough`).
- `api_client(role)`: a Django test client sending `Authorization: Bearer <token>` for a
  new user of `role` who may open `borough.child` when the role opens children's records
  (allocated to them, to their team, or through their agency's records); `.user`,
  `.token` (the secret) are on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from joinedup.web.access.models import Allocation
from joinedup.web.people.models import Person
from tests.web.children.conftest import _child_known_to, _import_link_and_screen

ROLES = (
    "specialist_practitioner",
    "team_manager",
    "police_analyst",
    "health_safeguarding_lead",
    "school_safeguarding_lead",
    "inquiry_team",
    "auditor",
    "administrator",
)
AGENCY_OF_ROLE = {"police_analyst": "POL", "health_safeguarding_lead": "HLT",
                  "school_safeguarding_lead": "EDU"}  # fmt: skip


@dataclass(frozen=True)
class Borough:
    folder: Path
    child: str  # a child known to CSC, EDU, HLT and POL, with events of each
    other: str  # another child, allocated to no one


@pytest.fixture(scope="package")
def borough(
    django_db_setup: None,
    django_db_blocker: Any,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Borough]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("api-data")))
        _import_link_and_screen(small_borough, manifest)
        child = _child_known_to({"CSC", "EDU", "HLT", "POL"})
        yield Borough(small_borough, child, _child_known_to({"CSC"}, other_than=child))
        call_command("flush", interactive=False, verbosity=0)
        _forget_cached_tables()


def _forget_cached_tables() -> None:
    """The analysis tables are kept while the records are unchanged; no test here changes
    them (grades, decisions and allocations are not in them), so they are built once."""
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()


class ApiClient(Client):
    user: Any
    token: str


def give_access(user: Any, person_id: str) -> None:
    """What the role needs to open the child: an allocation, to them or to their team."""
    from joinedup.web.accounts.models import Team

    person = Person.objects.get(person_id=person_id)
    if user.role == "specialist_practitioner":
        Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))
    elif user.role == "team_manager":
        team = Team.objects.create(name=f"Team of {user.username}", manager=user)
        Allocation.objects.create(person=person, team=team, allocated_from=date(2025, 1, 1))


@pytest.fixture
def api_client(make_user: Callable[..., Any], borough: Borough) -> Callable[..., ApiClient]:
    from joinedup.web.api.tokens import create_token
    from joinedup.web.records.models import Agency

    def make(role: str = "specialist_practitioner", *, access: bool = True,
             **fields: Any) -> ApiClient:  # fmt: skip
        if role in AGENCY_OF_ROLE and "agency" not in fields:
            fields["agency"] = Agency.objects.get(code=AGENCY_OF_ROLE[role])
        user = make_user(role, **fields)
        if access:
            give_access(user, borough.child)
        secret = create_token(user, "tests", by="tests").secret
        client = ApiClient(headers={"Authorization": f"Bearer {secret}"})
        client.user, client.token = user, secret
        return client

    return make


PURPOSE = {"purpose": "case_work"}
