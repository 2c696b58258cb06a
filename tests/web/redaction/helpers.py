"""Objects the redaction tests (and the permission matrix) need, made directly:
an inquiry with named staff, documents holding a text, people in the index.

Documents are made as rows (not through the documents app's upload) so these tests
depend only on the documents app's models.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.utils import timezone

from joinedup.web.documents.models import Document, DocumentVersion, StoredFile
from joinedup.web.inquiry.models import CoreParticipant, Inquiry, InquiryStaff
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import (
    Agency,
    Event,
    EventParticipant,
    ImportBatch,
    PersonAddress,
    PersonOtherName,
    SourcePerson,
    Vehicle,
)

IMPORTED = datetime(2020, 1, 1, 12, tzinfo=UTC)
_numbers = itertools.count(1)

LETTER = (
    "Dear Sir,\n\nI write about Jade Smith, who lives at 14 Mill Lane, AB1 2CD. "
    "Her e-mail is jade.smith@example.org. Jade was seen with Kyle Brown in a car.\n\n"
    "Yours faithfully,\nA. Officer\n"
)


@dataclass(frozen=True)
class InquiryTeam:
    inquiry: Inquiry
    reviewer: Any  # decides
    checker: Any  # checks (second reviewer) and produces
    approver: Any  # named to approve releases


def make_team(make_user: Callable[..., Any]) -> InquiryTeam:
    reviewer, checker, approver = (make_user("inquiry_team") for _ in range(3))
    inquiry = Inquiry.objects.first() or Inquiry.objects.create(
        title="Invented inquiry", created_at=timezone.now(), created_by=reviewer
    )
    for user in (reviewer, checker, approver):
        InquiryStaff.objects.create(
            inquiry=inquiry, user=user, approves_releases=user is approver, named_at=timezone.now()
        )
    return InquiryTeam(inquiry, reviewer, checker, approver)


def make_document(
    inquiry: Inquiry, user: Any, text: str = LETTER, *, live: bool = False
) -> DocumentVersion:
    number = next(_numbers)
    data = f"{number}:{text}".encode()
    stored = StoredFile.objects.create(
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/plain",
        original_name=f"letter-{number}.txt", stored_at=timezone.now(),
    )  # fmt: skip
    document = Document.objects.create(
        inquiry=inquiry, reference=f"INQ9{number:05d}", title=f"Letter {number}",
        dated=date(2012, 3, 4), live_investigation=live, created_at=timezone.now(),
        created_by=user,
    )  # fmt: skip
    return DocumentVersion.objects.create(
        document=document, number=1, file=stored, text=text, created_at=timezone.now(),
        created_by=user,
    )  # fmt: skip


def make_participant(inquiry: Inquiry, user: Any) -> CoreParticipant:
    participant = CoreParticipant.objects.create(
        inquiry=inquiry, kind=CoreParticipant.ORGANISATION, name="Invented council",
        designated_on=date(2025, 1, 1),
    )  # fmt: skip
    participant.users.add(user)
    return participant


def _batch() -> ImportBatch:
    agency, _ = Agency.objects.get_or_create(
        code="CSC", defaults={"name": "Children's Social Care", "kind": "childrens_social_care"}
    )
    return ImportBatch.objects.filter(agency=agency).first() or ImportBatch.objects.create(
        agency=agency, imported_by="test", started_at=IMPORTED, finished_at=IMPORTED,
        mapping_path="-", mapping_sha256="-",
    )  # fmt: skip


def make_person(
    person_id: str, forenames: str, surname: str, *, nickname: str = "",
    addresses: tuple[tuple[str, str], ...] = (), vehicle: str = "",
) -> SourcePerson:  # fmt: skip
    """One agency record of a person, linked to `person_id` in the index."""
    batch = _batch()
    record = SourcePerson.objects.create(
        agency=batch.agency, source_id=f"R-{next(_numbers)}", content_hash="-",
        imported_in=batch, updated_in=batch, forenames=forenames, surname=surname,
        dob="2009-04-03", dob_precision="day", age_group="child",
    )  # fmt: skip
    if nickname:
        PersonOtherName.objects.create(person=record, kind="nickname", forenames=nickname)
    for line, postcode in addresses:
        PersonAddress.objects.create(person=record, line=line, postcode=postcode)
    if vehicle:
        _vehicle_event(batch, record, vehicle)
    run = LinkageRun.objects.first() or LinkageRun.objects.create(
        started_at=IMPORTED, run_by="test", kind="full", model_version="test", threshold=0.9
    )
    person, _ = Person.objects.get_or_create(
        person_id=person_id, defaults={"created_in": run, "updated_in": run}
    )
    PersonLink.objects.create(
        source_person=record, person=person, model_version="test", decided_by="model", run=run
    )
    return record


def _vehicle_event(batch: ImportBatch, record: SourcePerson, registration: str) -> None:
    number = next(_numbers)
    vehicle = Vehicle.objects.create(
        agency=batch.agency, source_id=f"V-{number}", content_hash="-", imported_in=batch,
        updated_in=batch, registration=registration,
    )  # fmt: skip
    event = Event.objects.create(
        agency=batch.agency, source_id=f"E-{number}", content_hash="-", imported_in=batch,
        updated_in=batch, event_type="missing_episode", occurred="2012-01-01",
        occurred_precision="day", occurred_on=date(2012, 1, 1),
    )  # fmt: skip
    event.vehicles.add(vehicle)
    EventParticipant.objects.create(event=event, person=record, role="subject")


def review_everything(
    team: InquiryTeam, version: DocumentVersion, grounds: dict[str, str] | None = None
) -> None:
    """Suggest, accept every suggestion (ground by text from `grounds`, else third-party
    personal data), and have the checker agree with every decision."""
    from joinedup.web.redaction.services.review import Decision, check, decide
    from joinedup.web.redaction.services.suggest import suggest_for_version

    suggest_for_version(team.reviewer, version)
    for redaction in version.redactions.all():  # type: ignore[attr-defined]
        ground = (grounds or {}).get(str(redaction.text), "third_party_personal_data")
        decide(team.reviewer, redaction, Decision(True, ground, "Identifies"), redaction.version)
        check(team.checker, redaction, True, "", redaction.version)
