"""Search for a person, and who they are: the linked records with their confidence.

Both call the pages' services (`children/services/search.py`, `identity.py`), so a
result never rests on a record the token's user could not read in the pages.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from joinedup.records.partial_dates import parse_iso_partial_date
from joinedup.web.api.errors import Invalid, answers
from joinedup.web.api.opening import (
    PERSON_ERRORS,
    PurposeParams,
    open_person,
    require_capability,
)
from joinedup.web.api.pages import PageOut, PageParams, page_of
from joinedup.web.children.services import identity as identity_service
from joinedup.web.children.services.opening import Opening
from joinedup.web.children.services.search import SearchTerms, search_people

__all__ = ["OpeningOut", "opening_out", "router"]

router = Router(tags=["People"])


class SearchParams(Schema):
    q: str = Field("", max_length=200, description="A name or alias (forename, surname or both).")
    dob: str = Field("", description="Date of birth as known: YYYY, YYYY-MM or YYYY-MM-DD.")
    identifier: str = Field(
        "", max_length=40, description="NHS number, UPN, PNC ID, NI number or an agency's ID."
    )


class PersonFound(Schema):
    person_id: str
    score: float = Field(
        description="How well the records match what was searched; higher is better."
    )
    names: list[str] = Field(description="Every name and alias recorded, most common first.")
    dates_of_birth: list[str] = Field(description="As recorded, in words ('March 2009').")
    agencies: list[str]
    reasons: list[str] = Field(description="Why each record matched, by agency.")
    age_group: str


class SearchOut(Schema):
    pagination: PageOut
    results: list[PersonFound]


@router.get("/people", response=answers(SearchOut, 403, 422), summary="Search for a person")
def search(
    request: HttpRequest, terms: Query[SearchParams], paging: Query[PageParams]
) -> SearchOut:
    """Persons the token's user may open that match, best first (at most 50). Audited as
    `person.search` with the terms and the person ids found, as the search page is."""
    require_capability(request, "view_children", "Your role does not open children's records.")
    found = search_people(request.user, _terms(terms), request)
    results, info = page_of(found, len(found), paging)
    return SearchOut(pagination=info, results=[PersonFound(**vars(r)) for r in results])


def _terms(given: SearchParams) -> SearchTerms:
    name, identifier = given.q.strip(), given.identifier.strip()
    try:
        dob = parse_iso_partial_date(given.dob) if given.dob.strip() else None
    except ValueError as error:
        raise Invalid(f"dob: {error}") from None
    if not (name or dob or identifier):
        raise Invalid("Give a name (q), a date of birth (dob) or an identifier to search for.")
    return SearchTerms(name, dob, identifier)


class OpeningOut(Schema):
    person_id: str
    name: str = Field(description="The fullest name the reader may see.")
    dob: str = Field(description="The most precise date of birth the reader may see, in words.")
    age_group: str
    basis: str = Field(description="allocation, team_allocation, agreement or break_glass.")
    purpose: str
    narratives: bool = Field(description="Whether this reader may see restricted narratives.")


def opening_out(opening: Opening) -> OpeningOut:
    top = identity_service.headline(opening.person, opening.reader)
    return OpeningOut(person_id=top.person_id, name=top.name, dob=top.dob,
                      age_group=top.age_group, basis=opening.basis,
                      purpose=opening.purpose.purpose,
                      narratives=opening.reader.narratives)  # fmt: skip


class Identifier(Schema):
    scheme: str
    value: str


class ReviewEntryOut(Schema):
    decision: str
    reason: str
    decided_by: str
    decided_at: datetime
    other_record: str
    match_probability: float | None
    superseded: bool


class LinkedRecordOut(Schema):
    reference: str = Field(description="AGENCY:source_id, the agency's own key.")
    name: str
    other_names: list[str]
    dob: str
    sex: str
    ethnicity: str | None = Field(description="null when the reader may not see it.")
    identifiers: list[Identifier]
    postcodes: list[str]
    match_probability: float | None = Field(description="The link's confidence (0 to 1).")
    model_version: str
    decided_by: str
    reviews: list[ReviewEntryOut]
    open_reviews: int


class AgencyRecordsOut(Schema):
    code: str
    name: str
    records: list[LinkedRecordOut]


class WithheldRecords(Schema):
    agency: str
    records: int = Field(description="Records of this agency outside the reader's agreement.")


class IdentityOut(Schema):
    person: OpeningOut
    agencies: list[AgencyRecordsOut]
    withheld: list[WithheldRecords]


@router.get(
    "/people/{person_id}", response=answers(IdentityOut, *PERSON_ERRORS), summary="Who a person is"
)
def identity(request: HttpRequest, person_id: str, purpose: Query[PurposeParams]) -> IdentityOut:
    """The agency records linked to the person that the reader may see, each with its match
    confidence, who decided the link and its review history; others are counted."""
    opening = open_person(request, person_id, purpose, "identity")
    found = identity_service.identity_of(opening.person, opening.reader)
    return IdentityOut(
        person=opening_out(opening),
        agencies=[AgencyRecordsOut(code=a.code, name=a.name,
                                   records=[_record(r) for r in a.records])
                  for a in found.agencies],
        withheld=[WithheldRecords(agency=code, records=n) for code, n in found.withheld],
    )  # fmt: skip


def _record(record: identity_service.LinkedRecord) -> LinkedRecordOut:
    fields = vars(record) | {
        "identifiers": [Identifier(scheme=s, value=v) for s, v in record.identifiers],
        "reviews": [ReviewEntryOut(**vars(r)) for r in record.reviews],
    }
    return LinkedRecordOut(**fields)
