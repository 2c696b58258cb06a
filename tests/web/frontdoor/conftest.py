"""A hand-made person index and helpers for the front door's tests.

- `index`: agencies CSC, POL, HLT, EDU; children P-000001 (CSC and EDU records, born
  4 May 2011) and P-000002 (POL only), and an adult P-000003 (CSC).
- `screener`: a signed-in specialist practitioner of CSC with P-000001 allocated.
- `referral_form()`: a valid POST of the agency referral form (override any field).
- `make_contact(user, ...)`: a contact received through the service, at `RECEIVED_AT`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services.intake import receive_contact
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import Agency, ImportBatch, SourcePerson
from tests.web.conftest import SignedInClient

AGENCIES = {"CSC": "childrens_social_care", "POL": "police", "HLT": "health", "EDU": "education"}
PEOPLE = {  # person id: (forenames, surname, dob, age group, agencies)
    "P-000001": ("Sam", "Testchild", "2011-05-04", "child", ["CSC", "EDU"]),
    "P-000002": ("Jo", "Othertest", "2012-01-09", "child", ["POL"]),
    "P-000003": ("Lee", "Adulttest", "1980-02-02", "adult", ["CSC"]),
}
RECEIVED_AT = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


@dataclass
class Index:
    agencies: dict[str, Agency]
    persons: dict[str, Person]


@pytest.fixture
def index(db: None) -> Index:
    now = timezone.now()
    agencies = {c: Agency.objects.create(code=c, name=f"Midshire {k}", kind=k)
                for c, k in AGENCIES.items()}  # fmt: skip
    run = LinkageRun.objects.create(started_at=now, run_by="test", kind="full",
                                    model_version="t", threshold=0.9)  # fmt: skip
    batches = {c: ImportBatch.objects.create(agency=a, imported_by="test", started_at=now,
                                             finished_at=now, mapping_path="-",
                                             mapping_sha256="-")
               for c, a in agencies.items()}  # fmt: skip
    persons = {}
    for person_id, (forenames, surname, dob, age_group, codes) in PEOPLE.items():
        person = Person.objects.create(person_id=person_id, age_group=age_group,
                                       created_in=run, updated_in=run)  # fmt: skip
        persons[person_id] = person
        for code in codes:
            record = SourcePerson.objects.create(
                agency=agencies[code], source_id=f"{code}-{person_id}", content_hash="-",
                imported_in=batches[code], updated_in=batches[code], forenames=forenames,
                surname=surname, dob=dob, dob_precision="day", age_group=age_group,
            )  # fmt: skip
            PersonLink.objects.create(source_person=record, person=person, model_version="t",
                                      decided_by="model", run=run)  # fmt: skip
    return Index(agencies, persons)


def allocate(person: Person, user: Any) -> Allocation:
    return Allocation.objects.create(person=person, user=user, allocated_from=date(2025, 1, 1))


@pytest.fixture
def screener(index: Index, signed_in_client: Callable[..., SignedInClient]) -> SignedInClient:
    client = signed_in_client("specialist_practitioner", agency=index.agencies["CSC"])
    allocate(index.persons["P-000001"], client.user)
    allocate(index.persons["P-000003"], client.user)
    return client


REFERRAL = {
    "child_forenames": "Sam",
    "child_surname": "Testchild",
    "dob_day": "4",
    "dob_month": "5",
    "dob_year": "2011",
    "child_age": "",
    "child_address": "1 Example Road",
    "child_postcode": "zz9 9zz",
    "child_school": "Midshire Academy",
    "concerns": "Seen getting into a car driven by an adult not known to the family.",
    "child_views": "",
    "family_aware": "no",
    "consent": "not_sought_risk",
    "consent_notes": "",
    "urgent": "no",
    "urgent_reason": "",
    "referrer_name": "Pat Referrer",
    "referrer_role": "Designated safeguarding lead",
    "referrer_organisation": "Midshire Academy",
    "referrer_phone": "01632 960000",
    "referrer_email": "",
}


@pytest.fixture
def referral_form() -> Callable[..., dict[str, str]]:
    def form(**changes: str) -> dict[str, str]:
        return {**REFERRAL, **changes}

    return form


@pytest.fixture
def make_contact(db: None) -> Callable[..., Contact]:
    def make(user: Any, *, at: datetime = RECEIVED_AT, **changes: Any) -> Contact:
        details = {
            "child_forenames": "Sam", "child_surname": "Testchild", "child_dob": "2011-05-04",
            "concerns": "Seen with older adults late at night.", "family_aware": "no",
            "consent": "not_sought_risk", "referrer_name": "Pat Referrer",
            "referrer_phone": "01632 960000", **changes,
        }  # fmt: skip
        return receive_contact(user, details, now=at)

    return make
