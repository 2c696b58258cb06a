"""A tiny index made by hand for tests/web/intelligence: three agencies, two children,
an adult, a place and a vehicle, so each test is quick and says what it relies on.

- `index`: the `Index` (agencies CSC, POL and VOL; `child` known to POL and CSC,
  `other_child` to CSC only, `adult` to POL; `place` and `vehicle` recorded by POL).
- `log(user, **fields)`: an item logged through the service, as the form would.
- `report(**fields)`: an imported `intelligence_report` event naming the child, the
  adult, the place and the vehicle.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services.logbook import NewItem, log_item
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import (
    Agency,
    Event,
    EventParticipant,
    ImportBatch,
    Place,
    SourcePerson,
    Vehicle,
)

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Index:
    csc: Agency
    pol: Agency
    vol: Agency
    child: Person
    other_child: Person
    adult: Person
    place: Place
    vehicle: Vehicle

    def record(self, person: Person, agency: Agency) -> SourcePerson:
        return SourcePerson.objects.get(link__person=person, agency=agency)


def _batch(agency: Agency) -> ImportBatch:
    now = timezone.now()
    return ImportBatch.objects.create(
        agency=agency,
        imported_by="test",
        started_at=now,
        finished_at=now,
        mapping_path="-",
        mapping_sha256="-",
    )


def versioned(agency: Agency) -> dict[str, Any]:
    batch = ImportBatch.objects.filter(agency=agency).first() or _batch(agency)
    return {
        "agency": agency,
        "source_id": f"S{next(_numbers)}",
        "content_hash": "-",
        "imported_in": batch,
        "updated_in": batch,
    }


def make_person(
    person_id: str, age_group: str, names: tuple[str, str], *agencies: Agency
) -> Person:
    run = LinkageRun.objects.first() or LinkageRun.objects.create(
        started_at=timezone.now(), run_by="test", kind="full", model_version="t", threshold=0.9
    )
    person = Person.objects.create(
        person_id=person_id, age_group=age_group, created_in=run, updated_in=run
    )
    for agency in agencies:
        record = SourcePerson.objects.create(
            **versioned(agency),
            forenames=names[0],
            surname=names[1],
            dob="2010-04-05",
            dob_precision="day",
            age_group=age_group,
        )
        PersonLink.objects.create(
            source_person=record, person=person, model_version="t", decided_by="model", run=run
        )
    return person


@pytest.fixture
def index(db: None) -> Index:
    csc = Agency.objects.create(
        code="CSC", name="Children's services", kind="childrens_social_care"
    )
    pol = Agency.objects.create(code="POL", name="Police", kind="police")
    vol = Agency.objects.create(code="VOL", name="Youth charity", kind="voluntary")
    return Index(
        csc,
        pol,
        vol,
        child=make_person("P-0000001", "child", ("Kayleigh", "Smith"), pol, csc),
        other_child=make_person("P-0000002", "child", ("Robin", "Ashdown"), csc),
        adult=make_person("P-0000003", "adult", ("Darren", "Moss"), pol),
        place=Place.objects.create(
            **versioned(pol),
            name="Golden Fry",
            kind="takeaway",
            postcode="TF1 2AB",
            entity_id="PL-0000001",
        ),
        vehicle=Vehicle.objects.create(
            **versioned(pol),
            registration="AB12CDE",
            make="Vauxhall",
            colour="Silver",
            entity_id="VH-0000001",
        ),
    )


def new_item(agency: Agency, **fields: Any) -> NewItem:
    values: dict[str, Any] = {
        "received_on": date(2026, 3, 2),
        "source_agency": agency,
        "source_type": "member_of_public",
        "grade_source": "2",
        "grade_intelligence": "C",
        "grade_handling": "P",
        "summary": "Adult seen collecting children from school",
        "text": "A silver car waits outside the school most afternoons.",
    }
    return NewItem(**{**values, **fields})


@pytest.fixture
def log(index: Index) -> Callable[..., IntelligenceItem]:
    def make(user: Any, agency: Agency | None = None, **fields: Any) -> IntelligenceItem:
        return log_item(user, new_item(agency or index.pol, **fields))

    return make


@pytest.fixture
def report(index: Index) -> Callable[..., Event]:
    def make(**fields: Any) -> Event:
        values: dict[str, Any] = {
            **versioned(index.pol),
            "event_type": "intelligence_report",
            "occurred": "2026-02-01",
            "occurred_precision": "day",
            "occurred_on": date(2026, 2, 1),
            "recorded": date(2026, 2, 2),
            "place": index.place,
            "summary": "Children seen at the takeaway late at night",
            "narrative": "Restricted: the caller named the driver.",
            "sensitivity": "criminal_offence",
            "grade_source": "1",
            "grade_intelligence": "B",
            "grade_handling": "C",
        }
        event = Event.objects.create(**{**values, **fields})
        for person, role in ((index.child, "victim"), (index.adult, "suspect")):
            EventParticipant.objects.create(
                event=event, person=index.record(person, index.pol), role=role
            )
        event.vehicles.add(index.vehicle)
        return event

    return make
