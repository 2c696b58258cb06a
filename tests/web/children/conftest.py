"""The small synthetic borough imported, linked and screened once for tests/web/children.

Importing and linking take several seconds, so it is done once for the package, in the
test database, and every test runs inside its own transaction on top of it (what a test
writes is rolled back). The database is emptied when the package's last test is done.

- `borough`: person ids worth testing with (`Borough`).
- `opened(client, person_id)`: record a purpose for the record, as the purpose page does.
- `allocate(person_id, user)`: allocate a child to a user from 1 January 2025.
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


@dataclass(frozen=True)
class Borough:
    folder: Path
    child: str  # a child known to CSC, EDU and HLT, with events of each
    with_police: str  # a child known to the police as well


@pytest.fixture(scope="package")
def borough(
    django_db_setup: None,
    django_db_blocker: Any,
    small_borough: Path,
    manifest: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Borough]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("JOINEDUP_DATA_DIR", str(tmp_path_factory.mktemp("children-data")))
        _import_link_and_screen(small_borough, manifest)
        child = _child_known_to({"CSC", "EDU", "HLT"})
        yield Borough(small_borough, child, _child_known_to({"CSC", "POL"}, other_than=child))
        call_command("flush", interactive=False, verbosity=0)


def _import_link_and_screen(folder: Path, manifest: dict[str, Any]) -> None:
    from joinedup.web.analysis.screening import screen_everyone
    from joinedup.web.people.linking import link_everyone
    from joinedup.web.records.importing import import_export

    for export in manifest["exports"]:
        files = [folder / f for f in export["files"]]
        import_export(export["agency"], folder / export["mapping"], files, user="test")
    link_everyone("test")
    screen_everyone("test", as_of=date(2020, 6, 30))  # the busiest child is 16 then


def _child_known_to(agencies: set[str], other_than: str = "") -> str:
    """The child with the most events among those with records at every one of `agencies`."""
    from django.db.models import Count

    from joinedup.web.records.models import EventParticipant

    children = Person.objects.filter(age_group="child", active=True).exclude(person_id=other_than)
    for code in sorted(agencies):
        children = children.filter(links__source_person__agency__code=code)
    counts = (
        EventParticipant.objects.filter(person__link__person__in=children)
        .values_list("person__link__person__person_id")
        .annotate(events=Count("pk"))
    )
    return max(counts, key=lambda row: (row[1], row[0]))[0]


@pytest.fixture(autouse=True)
def fresh_tables() -> Iterator[None]:
    """Tests add records inside their transaction, which the cache stamp cannot always see."""
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
def opened() -> Callable[[Client, str], None]:
    def open_record(client: Client, person_id: str) -> None:
        done = client.post(
            f"/people/{person_id}/purpose/",
            {"purpose": "mace_preparation", "next": f"/people/{person_id}/"},
        )
        assert done.status_code == 302, done.content[:500]

    return open_record
