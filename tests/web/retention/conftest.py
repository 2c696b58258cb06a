"""Records made directly for the retention tests: agencies, one agency's record of a
person with its events and record versions, and the person it is linked to.

    record = make_record("CSC", "C-1", dob="2000-05-01", person_id="P-0000001",
                         events=[("looked_after_start", "2010-01-01")])

`share_event(event, record)` adds another record's person to an event, so the event
is no longer only the first record's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pytest

from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import (
    Agency,
    Event,
    EventParticipant,
    ImportBatch,
    PersonOtherName,
    RecordVersion,
    SourcePerson,
)

AGENCIES = {
    "CSC": ("Children's Social Care", "childrens_social_care"),
    "POL": ("Police", "police"),
    "HLT": ("Health", "health"),
    "YTH": ("Youth Service", "youth_service"),
}
IMPORTED = datetime(2020, 1, 1, 12, tzinfo=UTC)
MakeRecord = Callable[..., SourcePerson]


def _batch(code: str) -> ImportBatch:
    name, kind = AGENCIES[code]
    agency, _ = Agency.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    found = ImportBatch.objects.filter(agency=agency).first()
    return found or ImportBatch.objects.create(
        agency=agency, imported_by="test", started_at=IMPORTED, finished_at=IMPORTED,
        mapping_path="-", mapping_sha256="-",
    )  # fmt: skip


def _run() -> LinkageRun:
    found = LinkageRun.objects.first()
    return found or LinkageRun.objects.create(
        started_at=IMPORTED, run_by="test", kind="full", model_version="test", threshold=0.9
    )


def _version(kind: str, batch: ImportBatch, source_id: str) -> None:
    RecordVersion.objects.create(
        kind=kind, agency=batch.agency, source_id=source_id, version=1, content_hash="-",
        content={"source_id": source_id}, imported_in=batch,
    )  # fmt: skip


def _event(batch: ImportBatch, record: SourcePerson, number: int, kind: str, when: str) -> Event:
    event = Event.objects.create(
        agency=batch.agency, source_id=f"{record.source_id}-E{number}", content_hash="-",
        imported_in=batch, updated_in=batch, event_type=kind, occurred=when,
        occurred_precision="day" if len(when) == 10 else "month", occurred_on=f"{when[:7]}-01",
    )  # fmt: skip
    EventParticipant.objects.create(event=event, person=record, role="subject")
    _version("event", batch, event.source_id)
    return event


@pytest.fixture
def make_record(db: None) -> MakeRecord:
    def make(
        code: str, source_id: str, *, dob: str = "2000-05-01", person_id: str = "",
        events: Iterable[tuple[str, str]] = (), age_group: str = "child",
    ) -> SourcePerson:  # fmt: skip
        batch = _batch(code)
        record = SourcePerson.objects.create(
            agency=batch.agency, source_id=source_id, content_hash="-", imported_in=batch,
            updated_in=batch, forenames="Jordan", surname="Testchild", dob=dob,
            dob_precision={4: "year", 7: "month"}.get(len(dob), "day"), age_group=age_group,
        )  # fmt: skip
        PersonOtherName.objects.create(person=record, kind="nickname", forenames="Jo")
        _version("person", batch, source_id)
        for number, (kind, when) in enumerate(events, start=1):
            _event(batch, record, number, kind, when)
        if person_id:
            run = _run()
            person, _ = Person.objects.get_or_create(
                person_id=person_id,
                defaults={"age_group": age_group, "created_in": run, "updated_in": run},
            )
            PersonLink.objects.create(
                source_person=record, person=person, model_version="test", decided_by="model",
                run=run,
            )  # fmt: skip
        return record

    return make


@pytest.fixture
def share_event() -> Callable[[Event, SourcePerson], None]:
    def share(event: Event, record: SourcePerson) -> None:
        EventParticipant.objects.create(event=event, person=record, role="witness")

    return share


@pytest.fixture
def records_managers(make_user: Callable[..., Any]) -> tuple[Any, Any]:
    """Two administrators (the records managers): one decides, the other approves."""
    return make_user("administrator"), make_user("administrator")
