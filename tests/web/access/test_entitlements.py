"""What of a chronology each reader may see, from the roles table and the agreement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.chronology import Entitlements
from joinedup.web.access.models import SharingAgreement
from joinedup.web.access.services import entitlements_for, narrative_agencies_for
from tests.web.access.conftest import Index

pytestmark = pytest.mark.django_db


def test_a_practitioner_gets_every_partner_agency_and_narratives(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    sam = make_user()
    allocate(index["P-000001"], sam)
    reader = entitlements_for(sam, index["P-000001"])
    assert reader.agencies_visible == {"CSC", "POL", "HLT", "EDU"}
    assert reader.narratives and reader.special_category and reader.criminal_offence


def test_a_school_lead_gets_summaries_from_schools_and_childrens_services_only(
    index: Index, make_user: Callable[..., Any]
) -> None:
    school = make_user("school_safeguarding_lead", agency=index.agencies["EDU"])
    reader = entitlements_for(school, index["P-000003"])
    assert reader.agencies_visible == {"EDU", "CSC"}
    assert not (reader.narratives or reader.special_category or reader.criminal_offence)


def test_narratives_follow_the_agreement_agency_by_agency(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    police = make_user("police_analyst", agency=index.agencies["POL"])
    assert narrative_agencies_for(police) == {"POL"}
    # P-000001 is known to police (narratives) and children's services (summaries).
    reader = entitlements_for(police, index["P-000001"])
    assert reader.may_read_narrative("POL")
    assert not reader.may_read_narrative("CSC")
    allocate(index["P-000004"], police)
    SharingAgreement.objects.create(
        role="police_analyst", agency=index.agencies["CSC"], level="narratives"
    )
    assert entitlements_for(police, index["P-000001"]).may_read_narrative("CSC")
    assert entitlements_for(police, index["P-000004"]).criminal_offence
    assert not entitlements_for(police, index["P-000004"]).special_category


def test_an_administrators_change_overrides_the_shipped_agreement(
    index: Index, make_user: Callable[..., Any], allocate: Callable[..., Any]
) -> None:
    sam = make_user()
    allocate(index["P-000001"], sam)
    SharingAgreement.objects.create(
        role="specialist_practitioner", agency=index.agencies["HLT"], level="none"
    )
    SharingAgreement.objects.create(
        role="specialist_practitioner", agency=index.agencies["POL"], level="summaries"
    )
    reader = entitlements_for(sam, index["P-000001"])
    assert reader.agencies_visible == {"CSC", "POL", "EDU"}
    assert not reader.may_read_narrative("POL")
    assert reader.may_read_narrative("CSC")


def test_a_reader_who_may_not_open_the_person_is_entitled_to_nothing(
    index: Index, make_user: Callable[..., Any]
) -> None:
    sam = make_user()
    assert entitlements_for(sam, index["P-000001"]) == Entitlements(agencies_visible=frozenset())
    auditor = make_user("auditor")
    assert entitlements_for(auditor).agencies_visible == frozenset()
