"""Fixtures for the sharing decisions tests: a few agencies and children made by hand
(no import or linkage: these pages need only persons and whose records they are).

- `agencies`: CSC, POL, HLT, EDU and VOL, by code.
- `make_child(*codes)`: a child with a record at each agency code given.
- `allocate(person, user)`, `opened(client, person)`: access by allocation, and the
  purpose step done for this session.
- `form_data(**changes)`: a complete, valid decision form (shared, public task).
- `decide(user, subject=None, **changes)`: a decision recorded through the service.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import Agency, ImportBatch, SourcePerson
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services import DecisionInput, Subject, record_decision

_numbers = itertools.count(1)
KINDS = {
    "CSC": "childrens_social_care",
    "POL": "police",
    "HLT": "health",
    "EDU": "education",
    "VOL": "voluntary",
}


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    return {
        code: Agency.objects.create(code=code, name=f"Example {kind.replace('_', ' ')}", kind=kind)
        for code, kind in KINDS.items()
    }


@pytest.fixture
def make_child(agencies: dict[str, Agency]) -> Callable[..., Person]:
    now = timezone.now()
    run = LinkageRun.objects.create(
        started_at=now, run_by="test", kind="full", model_version="hand", threshold=0.9
    )

    def make(*codes: str) -> Person:
        number = next(_numbers)
        person = Person.objects.create(
            person_id=f"P-{7000000 + number}", age_group="child", created_in=run, updated_in=run
        )
        for code in codes:
            batch = ImportBatch.objects.create(
                agency=agencies[code], imported_by="test", started_at=now, finished_at=now,
                mapping_path="-", mapping_sha256="-",
            )  # fmt: skip
            record = SourcePerson.objects.create(
                agency=agencies[code], source_id=f"S-{number}", content_hash="-",
                imported_in=batch, updated_in=batch, forenames="Alex", surname="Example",
                dob="2010-05-01", dob_precision="day", age_group="child",
            )  # fmt: skip
            PersonLink.objects.create(
                source_person=record, person=person, model_version="hand", decided_by="model",
                run=run,
            )  # fmt: skip
        return person

    return make


@pytest.fixture
def allocate(db: None) -> Callable[[Person, Any], Allocation]:
    def make(person: Person, user: Any) -> Allocation:
        return Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))

    return make


@pytest.fixture
def opened() -> Callable[[Client, Person], None]:
    def open_record(client: Client, person: Person) -> None:
        done = client.post(
            f"/people/{person.person_id}/purpose/", {"purpose": "case_work", "next": "/"}
        )
        assert done.status_code == 302, done.content[:500]

    return open_record


@pytest.fixture
def form_data(agencies: dict[str, Agency]) -> Callable[..., dict[str, Any]]:
    today = timezone.localdate()

    def data(**changes: Any) -> dict[str, Any]:
        base = {
            "categories": ["whereabouts", "risk"],
            "information": "Where the child was found on 2 March and the agreed grade.",
            "recipient_agency": "POL",
            "recipient_person": "DC Sam Example, exploitation team",
            "purpose": "protect_child",
            "lawful_basis": "public_task",
            "outcome": "shared",
            "reason": "The police need the address to plan a safe return home.",
            "shared_on_day": str(today.day),
            "shared_on_month": str(today.month),
            "shared_on_year": str(today.year),
            "shared_time": "00:01",
            "method": "secure_email",
            "shared_detail": "The address and the grade, by secure email.",
            "caldicott": "not_needed",
        }
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    return data


@pytest.fixture
def decide(agencies: dict[str, Agency]) -> Callable[..., SharingDecision]:
    def record(user: Any, subject: Subject | None = None, **changes: Any) -> SharingDecision:
        values: dict[str, Any] = {
            "categories": ("whereabouts",),
            "information": "Where the child was found.",
            "recipient_person": "DC Sam Example",
            "purpose": "protect_child",
            "lawful_basis": "public_task",
            "outcome": "not_shared",
            "reason": "Already known to the police; nothing to add.",
            "recipient_agency": agencies["POL"],
        }
        values.update(changes)
        about = subject or Subject(None, "place", "Example Park")
        return record_decision(user, about, DecisionInput(**values))

    return record
