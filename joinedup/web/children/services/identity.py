"""Who the child is: the agency records linked to them, how sure we are, and who decided.

Each linked record shows its agency, its own reference, the names, date of birth and
identifiers it holds, the match confidence and model version of its link, who or
what decided the link, and its review history (every confirm or reject decision about a
pair it was in, superseded ones too). Records of agencies outside the reader's sharing
agreement are counted, not shown, as the chronology counts withheld entries; ethnicity
is special-category data and shown only to readers entitled to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from joinedup.chronology import Entitlements
from joinedup.records import vocabularies
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.people import models as pm
from joinedup.web.people.review import decisions_about
from joinedup.web.records.models import SourcePerson

__all__ = ["AgencyRecords", "Headline", "Identity", "LinkedRecord", "headline", "identity_of"]

_PRECISION = {"day": 3, "month": 2, "year": 1, "": 0}


@dataclass(frozen=True)
class Headline:
    """What every page of the record shows at the top."""

    person_id: str
    name: str
    dob: str
    age_group: str


@dataclass(frozen=True)
class ReviewEntry:
    decision: str
    reason: str
    decided_by: str
    decided_at: datetime
    other_record: str
    match_probability: float | None
    superseded: bool


@dataclass(frozen=True)
class LinkedRecord:
    reference: str
    name: str
    other_names: tuple[str, ...]
    dob: str
    sex: str
    ethnicity: str | None  # None: not shown to this reader
    identifiers: tuple[tuple[str, str], ...]
    postcodes: tuple[str, ...]
    match_probability: float | None
    model_version: str
    decided_by: str
    reviews: tuple[ReviewEntry, ...]
    open_reviews: int


@dataclass(frozen=True)
class AgencyRecords:
    code: str
    name: str
    records: tuple[LinkedRecord, ...]


@dataclass(frozen=True)
class Identity:
    agencies: tuple[AgencyRecords, ...]
    withheld: tuple[tuple[str, int], ...]  # (agency code, records not shown)


def headline(person: pm.Person, reader: Entitlements) -> Headline:
    """The most complete name and most precise date of birth the reader may see."""
    records = list(_linked_records(person, reader))
    if not records:
        return Headline(person.person_id, person.person_id, "", person.age_group)
    best = max(records, key=lambda r: (_PRECISION.get(r.dob_precision, 0), bool(r.forenames)))
    return Headline(person.person_id, full_name(best.forenames, best.surname) or
                    person.person_id, display_date(best.dob), person.age_group)  # fmt: skip


def identity_of(person: pm.Person, reader: Entitlements) -> Identity:
    """The person's linked records the reader may see, by agency, and the count withheld."""
    by_agency: dict[tuple[str, str], list[LinkedRecord]] = defaultdict(list)
    for record in _linked_records(person, reader).prefetch_related("other_names", "identifiers",
                                                                    "addresses"):  # fmt: skip
        by_agency[(record.agency.code, record.agency.name)].append(_linked(record, reader))
    agencies = tuple(AgencyRecords(code, name, tuple(records))
                     for (code, name), records in sorted(by_agency.items()))  # fmt: skip
    return Identity(agencies, _withheld(person, reader))


def _linked_records(person: pm.Person, reader: Entitlements) -> QuerySet[SourcePerson]:
    records = SourcePerson.objects.filter(link__person=person).select_related("agency", "link")
    if reader.agencies_visible is not None:
        records = records.filter(agency__code__in=sorted(reader.agencies_visible))
    return records.order_by("agency__code", "source_id")


def _withheld(person: pm.Person, reader: Entitlements) -> tuple[tuple[str, int], ...]:
    if reader.agencies_visible is None:
        return ()
    hidden = SourcePerson.objects.filter(link__person=person).exclude(
        agency__code__in=sorted(reader.agencies_visible)
    )
    counts: dict[str, int] = defaultdict(int)
    for code in hidden.values_list("agency__code", flat=True):
        counts[code] += 1
    return tuple(sorted(counts.items()))


def _linked(record: SourcePerson, reader: Entitlements) -> LinkedRecord:
    link = record.link
    return LinkedRecord(
        reference=f"{record.agency.code}:{record.source_id}",
        name=full_name(record.forenames, record.surname),
        other_names=tuple(
            f"{full_name(o.forenames, o.surname)} ({vocabularies.label('other_name_kind', o.kind)})"
            for o in record.other_names.all()
        ),
        dob=display_date(record.dob),
        sex=vocabularies.label("sex", record.sex),
        ethnicity=vocabularies.label("ethnicity", record.ethnicity) if reader.special_category
        else None,
        identifiers=tuple((vocabularies.label("identifier_scheme", i.scheme), i.value)
                          for i in record.identifiers.all()),
        postcodes=tuple(dict.fromkeys(a.postcode for a in record.addresses.all() if a.postcode)),
        match_probability=link.match_probability,
        model_version=link.model_version,
        decided_by=_decided_by(link.decided_by),
        reviews=tuple(_review(d, record, reader) for d in decisions_about(record.pk)),
        open_reviews=_open_reviews(record),
    )  # fmt: skip


def _decided_by(decided_by: str) -> str:
    if decided_by == "model":
        return "The linkage model"
    if decided_by.startswith("review: "):
        return f"Confirmed in review by {decided_by.removeprefix('review: ')}"
    return decided_by


def _review(decision: pm.LinkDecision, record: SourcePerson, reader: Entitlements) -> ReviewEntry:
    other = decision.record_b if decision.record_a_id == record.pk else decision.record_a
    visible = reader.agencies_visible is None or other.agency.code in reader.agencies_visible
    return ReviewEntry(
        decision=decision.get_decision_display(),
        reason=decision.reason,
        decided_by=decision.decided_by,
        decided_at=decision.decided_at,
        other_record=f"{other.agency.code}:{other.source_id}" if visible
        else f"a record held by {other.agency.code}",
        match_probability=decision.match_probability,
        superseded=decision.superseded,
    )  # fmt: skip


def _open_reviews(record: SourcePerson) -> int:
    about = Q(record_a=record) | Q(record_b=record)
    return pm.ReviewPair.objects.filter(about, status=pm.ReviewPair.OPEN).count()
