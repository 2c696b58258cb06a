"""A small cast for the cases tests: a team with its manager and two workers, a worker
in another team, a child in the person index and a place.

- `team`, `manager` (manages `team`), `worker` and `colleague` (in `team`),
  `outsider` (a practitioner in another team);
- `child`: a person with no allocation yet; `place`: a Place record in the index;
- `child_case` and `context_case`: opened by the manager, not yet allocated;
- `client_of(user)`: a test client signed in as that user;
- `audit(action)`: the audit entries written with that action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.cases.models import Case
from joinedup.web.cases.services import open_case
from joinedup.web.people.models import LinkageRun, Person
from joinedup.web.records.models import Agency, ImportBatch, Place
from tests.web.conftest import SignedInClient


@pytest.fixture
def team(make_user: Callable[..., Any]) -> Team:
    return Team.objects.create(name="Exploitation team")


@pytest.fixture
def manager(make_user: Callable[..., Any], team: Team) -> Any:
    boss = make_user(
        "team_manager", username="manager", team=team, first_name="Morgan", last_name="Lee"
    )
    team.manager = boss
    team.save()
    return boss


@pytest.fixture
def worker(make_user: Callable[..., Any], team: Team) -> Any:
    return make_user("specialist_practitioner", username="worker", team=team)


@pytest.fixture
def colleague(make_user: Callable[..., Any], team: Team) -> Any:
    return make_user("specialist_practitioner", username="colleague", team=team)


@pytest.fixture
def outsider(make_user: Callable[..., Any]) -> Any:
    elsewhere = Team.objects.create(name="Youth justice team")
    return make_user("specialist_practitioner", username="outsider", team=elsewhere)


def _run() -> LinkageRun:
    return LinkageRun.objects.first() or LinkageRun.objects.create(
        started_at=timezone.now(), run_by="test", kind="full", model_version="t", threshold=0.9
    )


@pytest.fixture
def make_child(db: None) -> Callable[[str], Person]:
    def make(person_id: str) -> Person:
        run = _run()
        return Person.objects.create(
            person_id=person_id, age_group="child", created_in=run, updated_in=run
        )

    return make


@pytest.fixture
def child(make_child: Callable[[str], Person]) -> Person:
    return make_child("P-0000100")


@pytest.fixture
def place(db: None) -> Place:
    now = timezone.now()
    agency = Agency.objects.create(code="POL", name="Midshire Police", kind="police")
    batch = ImportBatch.objects.create(
        agency=agency,
        imported_by="test",
        started_at=now,
        finished_at=now,
        mapping_path="-",
        mapping_sha256="-",
    )
    return Place.objects.create(
        agency=agency,
        source_id="L1",
        content_hash="-",
        imported_in=batch,
        updated_in=batch,
        name="Market Street bus station",
        kind="other",
        postcode="TF1 2AB",
        entity_id="PL-0000001",
    )


@pytest.fixture
def child_case(manager: Any, child: Person) -> Case:
    return open_case(
        opened_by=manager,
        reason="Referred by the school: seen with older men.",
        person=child,
        source="referral REF-000042",
    )


@pytest.fixture
def context_case(manager: Any) -> Case:
    return open_case(
        opened_by=manager,
        reason="Several children are exploited there.",
        context_kind="peer_group",
        context_name="The Ridgeway group",
    )


@pytest.fixture
def client_of(signed_in_client: Callable[..., SignedInClient]) -> Callable[[Any], SignedInClient]:
    def sign_in(user: Any) -> SignedInClient:
        return signed_in_client(user=user)

    return sign_in


@pytest.fixture
def audit(db: None) -> Callable[[str], list[AuditEntry]]:
    def entries(action: str) -> list[AuditEntry]:
        return list(AuditEntry.objects.filter(action=action).order_by("sequence"))

    return entries
