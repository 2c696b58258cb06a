"""Screening prompts: indicators with their events, as each reader may see them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.access.services import entitlements_for
from joinedup.web.analysis.models import ScreeningResult
from joinedup.web.children.services.screening import screening_of
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency

from .conftest import Borough

pytestmark = pytest.mark.django_db


def stored(person_id: str) -> ScreeningResult:
    return ScreeningResult.objects.get(person__person_id=person_id, scheme="seraf")


def test_every_indicator_is_listed_with_its_events_for_a_full_reader(
    make_user: Callable[..., Any], borough: Borough
) -> None:
    inquiry = make_user("inquiry_team")
    person = Person.objects.get(person_id=borough.child)
    [seraf] = screening_of(person, entitlements_for(inquiry, person))
    result = stored(borough.child)
    assert (seraf.score, seraf.rules_version, seraf.rules_file) == (
        result.score, result.rules_version, "seraf.yaml"
    )  # fmt: skip
    assert seraf.suggested_grade == "Moderate risk (11-15)" and seraf.prompts_referral
    assert [p.label for p in seraf.prompts] == [i["label"] for i in result.indicators]
    assert seraf.hidden_indicators == 0
    evidence = [(e.agency, e.event_type) for p in seraf.prompts for e in p.evidence]
    assert ("POL", "Vehicle stop") in evidence


def test_indicators_resting_on_unseen_records_are_counted_not_named(
    make_user: Callable[..., Any], borough: Borough
) -> None:
    school = make_user("school_safeguarding_lead", agency=Agency.objects.get(code="EDU"))
    person = Person.objects.get(person_id=borough.child)
    [seraf] = screening_of(person, entitlements_for(school, person))
    police_only = [
        i for i in stored(borough.child).indicators
        if {e["agency"] for e in i["evidence"]} == {"POL"}
    ]  # fmt: skip
    assert police_only, "the busiest child has an indicator only the police recorded"
    assert seraf.hidden_indicators == len(police_only)
    assert seraf.hidden_points == sum(i["points"] for i in police_only)
    listed = {p.label for p in seraf.prompts}
    assert not listed & {i["label"] for i in police_only}
    assert all(e.agency in {"CSC", "EDU"} for p in seraf.prompts for e in p.evidence)
    mixed = [p for p in seraf.prompts if p.withheld]
    assert mixed and all(p.evidence for p in mixed)


def test_the_page_calls_the_suggestion_a_prompt_and_says_what_is_not_listed(
    signed_in_client: Callable[..., Any], opened: Callable[..., None], borough: Borough
) -> None:
    school = signed_in_client("school_safeguarding_lead", agency=Agency.objects.get(code="EDU"))
    opened(school, borough.child)
    page = school.get(f"/people/{borough.child}/screening/").text
    assert "Screening is a prompt for your judgement, not a decision." in page
    assert "Suggested grade (a prompt)" in page and "seraf.yaml, version 1.0.0" in page
    assert "(5 points) rests only on records your sharing agreement does not let you see" in page
    assert "Getting into or out of vehicles" not in page
