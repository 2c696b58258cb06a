"""The screener's search of the whole person index: identity only, audited.

Screening a referral about a child new to the team is the front door's job, so the
"link the child" step searches every child in the person index, not only the children
the screener may open (`persons_visible_to`). What it shows is identity only, enough to
tell which child the referral is about: names, dates of birth, sex, postcode districts
and which agencies hold records. No events, narratives or screening results are read.
Candidates are found and scored by the children search (`children/services/candidates`
and `matching`); each result also says how closely it matches what the referrer gave
(`data/index_search.yaml`). Every search is audited (`frontdoor.index_search`) with the
terms and the person ids shown. Linking does not open the child's record: that still
needs an allocation, the agreement or break-glass (docs/frontdoor.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from joinedup.linkage.feature_sql import UK_POSTCODE
from joinedup.records import vocabularies
from joinedup.records.partial_dates import PartialDate, parse_iso_partial_date
from joinedup.web.access.services import has_capability
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.candidates import candidate_records, records_of_persons
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.children.services.matching import match_record
from joinedup.web.children.services.search import candidate
from joinedup.web.children.services.terms import SearchTerms
from joinedup.web.frontdoor.models import Contact
from joinedup.web.people.models import Person
from joinedup.web.records.models import PersonAddress, SourcePerson

__all__ = ["Confidence", "IndexMatch", "linkable_children", "referral_terms", "search_index"]

MAX_RESULTS = 20
DATA = Path(__file__).resolve().parent.parent / "data" / "index_search.yaml"
_UK_POSTCODE = re.compile(UK_POSTCODE)


@dataclass(frozen=True, slots=True)
class Confidence:
    label: str
    colour: str  # a GOV.UK tag colour


@dataclass(frozen=True)
class IndexMatch:
    """A child found in the index, as identity only."""

    person_id: str
    names: tuple[str, ...]  # every name and alias recorded, most common first
    dates_of_birth: tuple[str, ...]
    sexes: tuple[str, ...]
    districts: tuple[str, ...]  # postcode districts of the addresses recorded ('ZZ9')
    agencies: tuple[str, ...]  # names of the agencies holding records
    confidence: Confidence  # against what the referrer gave
    reasons: tuple[str, ...]  # why it matches what the referrer gave


def linkable_children() -> QuerySet[Person]:
    """Every person in the index a contact may be linked to: active, not an adult."""
    return Person.objects.filter(active=True).exclude(age_group="adult")


def search_index(
    user: Any, contact: Contact, terms: SearchTerms, request: HttpRequest | None = None
) -> list[IndexMatch]:
    """The children in the whole index matching the terms, best first; audited."""
    if not has_capability(user, "screen_referrals"):
        raise PermissionDenied("Your role does not screen contacts.")
    scores = _best_scores(terms, candidate_records(terms, linkable_children(), None))
    top = sorted(scores, key=lambda pid: (-scores[pid], pid))[:MAX_RESULTS]
    held = records_of_persons(top, None)
    districts = _districts([r for pid in top for r in held[pid]])
    referred = referral_terms(contact)
    results = [_identity(pid, held[pid], districts, referred) for pid in top]
    record_event(
        user,
        "frontdoor.index_search",
        target_type="contact",
        target_id=contact.reference,
        detail={"terms": terms.audit_detail(), "person_ids": top},
        request=request,
    )
    return results


def referral_terms(contact: Contact) -> SearchTerms | None:
    """What the referrer gave about the child, as search terms (None if nothing)."""
    name = " ".join(p for p in (contact.child_forenames, contact.child_surname) if p.strip())
    dob: PartialDate | None = None
    if contact.child_dob:
        try:
            dob = parse_iso_partial_date(contact.child_dob)
        except ValueError:
            dob = None
    return SearchTerms(name, dob) if name or dob else None


def _best_scores(terms: SearchTerms, records: list[SourcePerson]) -> dict[str, float]:
    best: dict[str, float] = {}
    for record in records:
        match = match_record(terms, candidate(record))
        pid = record.link.person.person_id
        if match is not None and match.score > best.get(pid, float("-inf")):
            best[pid] = match.score
    return best


def _identity(
    person_id: str,
    records: list[SourcePerson],
    districts: dict[int, list[str]],
    referred: SearchTerms | None,
) -> IndexMatch:
    confidence, reasons = _against_referral(referred, records)
    sexes = {vocabularies.label("sex", r.sex) for r in records if r.sex != "not_known"}
    return IndexMatch(
        person_id=person_id,
        names=_names(records),
        dates_of_birth=tuple(dict.fromkeys(display_date(r.dob) for r in records if r.dob)),
        sexes=tuple(sorted(sexes)),
        districts=tuple(sorted({d for r in records for d in districts.get(r.pk, [])})),
        agencies=tuple(sorted({r.agency.name for r in records})),
        confidence=confidence,
        reasons=reasons,
    )


def _names(records: list[SourcePerson]) -> tuple[str, ...]:
    counts: dict[str, int] = defaultdict(int)
    for record in records:
        for name in candidate(record).names:
            counts[full_name(name.forenames, name.surname)] += 1
    return tuple(sorted(counts, key=lambda n: (-counts[n], n)))


def _districts(records: list[SourcePerson]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    addresses = PersonAddress.objects.filter(person__in=[r.pk for r in records])
    for person_pk, postcode in addresses.values_list("person", "postcode"):
        district = postcode_district(postcode)
        if district:
            found[person_pk].append(district)
    return found


def postcode_district(postcode: str) -> str:
    """'ZZ9' from 'zz9 9zz'; '' for a postcode that is not a UK one."""
    unit = re.sub(r"[^A-Z0-9]", "", postcode.upper())
    return unit[:-3] if _UK_POSTCODE.fullmatch(unit) else ""


def _against_referral(
    referred: SearchTerms | None, records: list[SourcePerson]
) -> tuple[Confidence, tuple[str, ...]]:
    bands = _bands()
    if referred is None:
        return Confidence(bands["not_compared"], "grey"), ()
    matches = [m for r in records if (m := match_record(referred, candidate(r))) is not None]
    best = max(matches, key=lambda m: m.score, default=None)
    score = best.score if best else 0.0
    band = next(b for b in bands["bands"] if score >= b["from"])
    return Confidence(band["label"], band["colour"]), best.reasons if best else ()


@cache
def _bands() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return loaded
