"""The small synthetic borough, imported, linked and screened once for tests/web/meetings,
and helpers to arrange meetings in it.

- `borough`: person ids worth testing with (`Borough`): a child known to the council
  (CSC) and not the police, a child known to both, an adult, and a place.
- `allocate(person_id, user)`: allocate a child to a user from 1 January 2025.
- `arrange(organiser, kind=..., agencies=...)`: a planned meeting, through the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.meetings.models import Meeting
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency, Place
from tests.web.children.conftest import _child_known_to, _import_link_and_screen


@dataclass(frozen=True)
class Borough:
    folder: Path
    child: str  # known to CSC, EDU and HLT; not to the police
    with_police: str  # known to CSC and the police
    adult: str
    place: int  # a named Place record's primary key, with a postcode


@pytest.fixture(scope="package")
def borough(
    django_db_setup: None,
    django_db_blocker: Any,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Borough]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("meetings-data")))
        _import_link_and_screen(small_borough, manifest)
        with_police = _child_known_to({"CSC", "POL"})
        child = _child_not_known_to_police(with_police)
        adult = Person.objects.filter(age_group="adult", active=True).order_by("person_id").first()
        place = Place.objects.exclude(name="").exclude(postcode="").order_by("pk").first()
        assert adult is not None and place is not None
        yield Borough(small_borough, child, with_police, adult.person_id, place.pk)
        call_command("flush", interactive=False, verbosity=0)


def _child_not_known_to_police(other_than: str) -> str:
    children = Person.objects.filter(age_group="child", active=True).exclude(person_id=other_than)
    children = children.filter(links__source_person__agency__code="CSC").exclude(
        links__source_person__agency__code="POL"
    )
    found = children.order_by("person_id").first()
    assert found is not None, "the borough has no child known to CSC and not the police"
    return found.person_id


@pytest.fixture(autouse=True)
def fresh_tables() -> Iterator[None]:
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    yield
    forget_cached_tables()
    forget_cached_contexts()


@pytest.fixture
def allocate(db: None) -> Callable[[str, Any], Allocation]:
    def make(person_id: str, user: Any) -> Allocation:
        person = Person.objects.get(person_id=person_id)
        return Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))

    return make


@pytest.fixture
def arrange(borough: Borough) -> Callable[..., Meeting]:
    from joinedup.web.meetings.services.arranging import create_meeting

    def make(organiser: Any, kind: str = "operational",
             agencies: tuple[str, ...] = ("CSC", "POL", "HLT", "EDU"),
             starts_at: datetime | None = None) -> Meeting:  # fmt: skip
        return create_meeting(
            organiser, kind=kind, venue="Room 2, Civic Centre", chair=organiser,
            starts_at=starts_at or timezone.make_aware(datetime(2026, 3, 3, 10, 0)),
            agencies=Agency.objects.filter(code__in=agencies),
        )  # fmt: skip

    return make


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)
