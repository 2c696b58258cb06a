"""One person pair for a reviewer: the two records side by side, why the model scored
them as it did, who they are linked to now, and every decision made about them.

A record held by an agency outside the reader's sharing agreement is named by its
agency only: its fields are not shown, and the reader may not decide the pair (no one
should judge a record they cannot see). Each view of a pair is audited (`link.view`)
and each decision (`link.confirm` / `link.reject`) in the transaction that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from joinedup.chronology import Entitlements
from joinedup.records import vocabularies
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.people import models as pm
from joinedup.web.people.review import decide_pair
from joinedup.web.records.models import SourcePerson
from joinedup.web.reviews.services.explanation import ExplainedField, person_explanation
from joinedup.web.reviews.services.queue import may_see_both

__all__ = ["HistoryEntry", "PairView", "SideRecord", "audit_pair_view", "decide", "pair_view"]


@dataclass(frozen=True)
class SideRecord:
    reference: str
    agency: str  # 'Police (POL)'
    visible: bool
    name: str = ""
    other_names: tuple[str, ...] = ()
    dob: str = ""
    sex: str = ""
    postcodes: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    person_id: str = ""
    person_records: int = 0


@dataclass(frozen=True)
class HistoryEntry:
    decision: str
    reason: str
    decided_by: str
    decided_at: datetime
    records: str
    this_pair: bool
    superseded: bool


@dataclass(frozen=True)
class PairView:
    pk: int
    status: str
    is_open: bool
    match_probability: float
    match_weight: float
    a: SideRecord
    b: SideRecord
    same_person_now: bool
    explanation: tuple[ExplainedField, ...]
    history: tuple[HistoryEntry, ...]
    decidable: bool

    @property
    def sides(self) -> tuple[SideRecord, SideRecord]:
        return (self.a, self.b)


def pair_view(pair: pm.ReviewPair, reader: Entitlements) -> PairView:
    a, b = _records(pair)
    return PairView(
        pk=pair.pk,
        status=pair.get_status_display(),
        is_open=pair.status == pm.ReviewPair.OPEN,
        match_probability=pair.match_probability,
        match_weight=pair.match_weight,
        a=_side(a, reader),
        b=_side(b, reader),
        same_person_now=_person_of(a) is not None and _person_of(a) == _person_of(b),
        explanation=tuple(person_explanation(pair.explanation)),
        history=_history(pair, reader),
        decidable=may_see_both(a.agency.code, b.agency.code, reader),
    )


def _records(pair: pm.ReviewPair) -> tuple[SourcePerson, SourcePerson]:
    records = (
        SourcePerson.objects.filter(pk__in=[pair.record_a_id, pair.record_b_id])
        .select_related("agency", "link__person")
        .prefetch_related("other_names", "identifiers", "addresses", "phones")
    )
    by_pk = {r.pk: r for r in records}
    return by_pk[pair.record_a_id], by_pk[pair.record_b_id]


def _person_of(record: SourcePerson) -> int | None:
    link = getattr(record, "link", None)
    return link.person_id if link is not None else None


def _visible(record: SourcePerson, reader: Entitlements) -> bool:
    return reader.agencies_visible is None or record.agency.code in reader.agencies_visible


def _side(record: SourcePerson, reader: Entitlements) -> SideRecord:
    reference = f"{record.agency.code}:{record.source_id}"
    agency = f"{record.agency.name} ({record.agency.code})"
    if not _visible(record, reader):
        return SideRecord(f"A record held by {record.agency.code}", agency, visible=False)
    link = getattr(record, "link", None)
    return SideRecord(
        reference=reference, agency=agency, visible=True,
        name=full_name(record.forenames, record.surname),
        other_names=tuple(
            f"{full_name(o.forenames, o.surname)} ({vocabularies.label('other_name_kind', o.kind)})"
            for o in record.other_names.all()),
        dob=display_date(record.dob),
        sex=vocabularies.label("sex", record.sex),
        postcodes=tuple(dict.fromkeys(a.postcode for a in record.addresses.all() if a.postcode)),
        phones=tuple(p.number for p in record.phones.all()),
        identifiers=tuple((vocabularies.label("identifier_scheme", i.scheme), i.value)
                          for i in record.identifiers.all()),
        person_id=link.person.person_id if link else "",
        person_records=_records_of(link.person_id) if link else 0,
    )  # fmt: skip


def _records_of(person_pk: int) -> int:
    return pm.PersonLink.objects.filter(person_id=person_pk).count()


def _history(pair: pm.ReviewPair, reader: Entitlements) -> tuple[HistoryEntry, ...]:
    ids = (pair.record_a_id, pair.record_b_id)
    about = Q(record_a_id__in=ids) | Q(record_b_id__in=ids)
    decisions = pm.LinkDecision.objects.filter(about).select_related(
        "record_a__agency", "record_b__agency")  # fmt: skip
    return tuple(
        HistoryEntry(
            decision=d.get_decision_display(), reason=d.reason, decided_by=d.decided_by,
            decided_at=d.decided_at,
            records=f"{_named(d.record_a, reader)} and {_named(d.record_b, reader)}",
            this_pair={d.record_a_id, d.record_b_id} == set(ids), superseded=d.superseded,
        )
        for d in decisions
    )  # fmt: skip


def _named(record: SourcePerson, reader: Entitlements) -> str:
    if _visible(record, reader):
        return f"{record.agency.code}:{record.source_id}"
    return f"a record held by {record.agency.code}"


def _audit_detail(view: PairView) -> dict[str, Any]:
    sides = (view.a, view.b)
    return {
        "records": [s.reference for s in sides if s.visible],
        "persons": [s.person_id for s in sides if s.person_id],
        "not_shown": [s.agency for s in sides if not s.visible],
    }


def audit_pair_view(user: Any, view: PairView, request: HttpRequest | None = None) -> None:
    """Audit the pair's page seen: which records' details were shown, and of whom."""
    record_event(user, "link.view", target_type="review_pair", target_id=view.pk,
                 detail=_audit_detail(view), request=request)  # fmt: skip


def decide(
    user: Any, view: PairView, same_person: bool, reason: str, request: HttpRequest | None = None
) -> pm.LinkDecision:
    """Record the reviewer's decision (a must-link or cannot-link) and audit it, together."""
    with transaction.atomic():
        decision = decide_pair(view.pk, same_person, user.username, reason)
        record_event(
            user, "link.confirm" if same_person else "link.reject",
            target_type="review_pair", target_id=view.pk,
            detail={**_audit_detail(view), "decision": decision.decision,
                    "decision_id": decision.pk, "reason": decision.reason,
                    "match_probability": round(view.match_probability, 4)},
            request=request,
        )  # fmt: skip
    return decision
