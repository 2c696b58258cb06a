"""A hand-made person index: four agencies and four people known to different ones.

P-000001  children's services and police
P-000002  health only
P-000003  schools only
P-000004  children's services only
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import Agency, ImportBatch, SourcePerson

AGENCIES = {
    "CSC": "childrens_social_care",
    "POL": "police",
    "HLT": "health",
    "EDU": "education",
}
KNOWN_TO = {
    "P-000001": ["CSC", "POL"],
    "P-000002": ["HLT"],
    "P-000003": ["EDU"],
    "P-000004": ["CSC"],
}


@dataclass
class Index:
    agencies: dict[str, Agency]
    persons: dict[str, Person]

    def __getitem__(self, person_id: str) -> Person:
        return self.persons[person_id]


@pytest.fixture
def index(db: None) -> Index:
    now = timezone.now()
    agencies = {
        code: Agency.objects.create(code=code, name=f"Midshire {kind}", kind=kind)
        for code, kind in AGENCIES.items()
    }
    run = LinkageRun.objects.create(
        started_at=now, run_by="test", kind="full", model_version="t", threshold=0.9
    )
    batches = {
        code: ImportBatch.objects.create(
            agency=agency,
            imported_by="test",
            started_at=now,
            finished_at=now,
            mapping_path="-",
            mapping_sha256="-",
        )
        for code, agency in agencies.items()
    }
    persons = {}
    for person_id, codes in KNOWN_TO.items():
        person = Person.objects.create(person_id=person_id, created_in=run, updated_in=run)
        persons[person_id] = person
        for code in codes:
            record = SourcePerson.objects.create(
                agency=agencies[code],
                source_id=f"{code}-{person_id}",
                content_hash="-",
                imported_in=batches[code],
                updated_in=batches[code],
                forenames="Test",
                surname=person_id,
            )
            PersonLink.objects.create(
                source_person=record, person=person, model_version="t", decided_by="model", run=run
            )
    return Index(agencies, persons)


@pytest.fixture
def allocate() -> Callable[..., Allocation]:
    def make(person: Person, to: Any, **dates: Any) -> Allocation:
        target = {"team": to} if to.__class__.__name__ == "Team" else {"user": to}
        dates.setdefault("allocated_from", date(2025, 1, 1))
        return Allocation.objects.create(person=person, **target, **dates)

    return make
