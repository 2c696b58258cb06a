"""Search among the persons a user may open, with the person index doing the fuzzy work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from joinedup.records.partial_dates import PartialDate
from joinedup.web.audit.models import AuditEntry
from joinedup.web.children.services.search import SearchTerms, search_people
from joinedup.web.people.models import LinkageRun, Person, PersonLink
from joinedup.web.records.models import (
    Agency,
    ImportBatch,
    PersonIdentifier,
    PersonOtherName,
    SourcePerson,
)

from .conftest import Borough

pytestmark = pytest.mark.django_db


def add_person(person_id: str, agency: str, forenames: str, surname: str, dob: str) -> Person:
    """One more linked record, for a name the synthetic borough does not hold."""
    run = LinkageRun.objects.first()
    assert run is not None
    batch = ImportBatch.objects.filter(agency__code=agency).first()
    record = SourcePerson.objects.create(
        agency=Agency.objects.get(code=agency), source_id=f"X-{person_id}", content_hash="-",
        imported_in=batch, updated_in=batch, forenames=forenames, surname=surname, dob=dob,
        dob_precision="day",
    )  # fmt: skip
    person = Person.objects.create(person_id=person_id, age_group="child", created_in=run,
                                   updated_in=run)  # fmt: skip
    PersonLink.objects.create(source_person=record, person=person, match_probability=None,
                              model_version="t", decided_by="model", run=run)  # fmt: skip
    return person


@pytest.fixture
def inquiry(make_user: Callable[..., Any], borough: Borough) -> Any:
    """A member of the inquiry team, who may open every person's record."""
    return make_user("inquiry_team")


def found_ids(user: Any, terms: SearchTerms) -> list[str]:
    return [r.person_id for r in search_people(user, terms)]


def a_record(person_id: str, **where: Any) -> SourcePerson:
    record = SourcePerson.objects.filter(link__person__person_id=person_id, **where).first()
    assert record is not None
    return record


def test_kayleigh_smith_finds_kayley_smyth(inquiry: Any) -> None:
    add_person("P-9000001", "CSC", "KAYLEY", "SMYTH", "2009-03-04")
    [result] = search_people(inquiry, SearchTerms("Kayleigh Smith"))
    assert result.person_id == "P-9000001" and result.names == ("Kayley Smyth",)
    assert result.reasons == (
        "CSC: Name Kayley Smyth: Kayley is another form of Kayleigh; "
        "Smyth is another spelling of Smith",
    )
    assert result.dates_of_birth == ("4 March 2009",)
    assert result.agencies == ("Midshire Children's Services",)


def test_date_of_birth_with_day_and_month_swapped_finds_the_child(
    inquiry: Any, borough: Borough
) -> None:
    add_person("P-9000002", "CSC", "AMIRA", "KHAN", "2008-11-05")
    results = search_people(inquiry, SearchTerms("Amira Khan", PartialDate(2008, 5, 11)))
    assert results[0].person_id == "P-9000002"
    assert (
        "CSC: Date of birth matches with day and month swapped (recorded as 5 November 2008)"
        in (results[0].reasons)
    )


def test_identifier_typed_with_spaces_finds_the_child_and_every_agency(
    inquiry: Any, borough: Borough
) -> None:
    nhs = PersonIdentifier.objects.filter(
        scheme="nhs_number", person__link__person__person_id=borough.child
    ).first()
    assert nhs is not None
    spaced = f"{nhs.value[:3]} {nhs.value[3:6]} {nhs.value[6:]}"
    [result] = search_people(inquiry, SearchTerms(identifier=spaced))
    assert result.person_id == borough.child
    assert f"HLT: NHS number {nhs.value} matches" in result.reasons
    assert {"Midshire Children's Services", "Midshire Health", "Midshire Schools"} <= set(
        result.agencies
    )


def test_a_nickname_recorded_by_an_agency_finds_the_child(inquiry: Any) -> None:
    nickname = PersonOtherName.objects.filter(kind="nickname").select_related("person").first()
    assert nickname is not None, "the small borough records nicknames"
    typed = f"{nickname.forenames} {nickname.person.surname}"
    assert nickname.person.link.person.person_id in found_ids(inquiry, SearchTerms(typed))


def test_typing_slips_in_both_names_find_the_child(inquiry: Any, borough: Borough) -> None:
    record = a_record(borough.child)
    slipped = f"{record.forenames.split()[0]}x {record.surname[:-1]}"
    assert borough.child in found_ids(inquiry, SearchTerms(slipped))


def test_results_are_only_persons_the_user_may_open(
    make_user: Callable[..., Any], allocate: Callable[..., Any], borough: Borough
) -> None:
    practitioner = make_user("specialist_practitioner")
    child, other = a_record(borough.child), a_record(borough.with_police)
    assert found_ids(practitioner, SearchTerms(f"{child.forenames} {child.surname}")) == []
    allocate(borough.child, practitioner)
    assert found_ids(practitioner, SearchTerms(f"{child.forenames} {child.surname}")) == [
        borough.child
    ]
    assert borough.with_police not in found_ids(
        practitioner, SearchTerms(f"{other.forenames} {other.surname}")
    )


def test_a_search_never_rests_on_records_outside_the_sharing_agreement(
    make_user: Callable[..., Any], borough: Borough
) -> None:
    school = make_user("school_safeguarding_lead", agency=Agency.objects.get(code="EDU"))
    nhs = a_record(borough.child, agency__code="HLT").identifiers.get(scheme="nhs_number")
    assert found_ids(school, SearchTerms(identifier=nhs.value)) == []
    upn = a_record(borough.child, agency__code="EDU").identifiers.get(scheme="upn")
    [result] = search_people(school, SearchTerms(identifier=upn.value))
    assert result.person_id == borough.child and "Midshire Health" not in result.agencies


def test_every_search_is_audited_with_its_terms_but_no_names(inquiry: Any) -> None:
    add_person("P-9000003", "CSC", "KAYLEY", "SMYTH", "2009-03-04")
    before = timezone.now()
    search_people(inquiry, SearchTerms("Kayleigh Smith", PartialDate(2009)))
    entry = AuditEntry.objects.get(action="person.search", occurred_at__gte=before)
    assert entry.actor_username == inquiry.username
    assert entry.detail == {
        "terms": {"name": "Kayleigh Smith", "dob": "2009", "identifier": ""},
        "person_ids": ["P-9000003"],
    }
    assert "Kayley" not in str(entry.detail) and "Smyth" not in str(entry.detail)
