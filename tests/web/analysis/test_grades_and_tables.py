"""The agreed grade (a practitioner's decision) and the analysis tables from the database."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.analysis import tables
from joinedup.errors import InputError
from joinedup.web.analysis.grades import current_agreed_grade, record_agreed_grade, reviews_due
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.people import models as pm
from joinedup.web.people.linking import link_everyone
from joinedup.web.records.importing import import_export
from tests.web.records.conftest import TinyExport

pytestmark = pytest.mark.django_db
GRADES = ["not at risk", "mild", "moderate", "significant"]


@pytest.fixture
def linked(tiny: TinyExport) -> TinyExport:
    import_export("TST", tiny.mapping, tiny.files, user="t")
    link_everyone("analyst")
    return tiny


def kayleigh() -> pm.Person:
    return pm.PersonLink.objects.get(source_person__source_id="P1").person


def test_agreed_grade_needs_rationale_known_grade_and_future_review(linked: TinyExport) -> None:
    with pytest.raises(InputError, match="rationale"):
        record_agreed_grade(kayleigh(), "seraf", "moderate", " ", "sw1", GRADES)
    with pytest.raises(InputError, match="expected one of"):
        record_agreed_grade(kayleigh(), "seraf", "red", "because", "sw1", GRADES)
    with pytest.raises(InputError, match="review date"):
        record_agreed_grade(
            kayleigh(),
            "seraf",
            "mild",
            "because",
            "sw1",
            GRADES,
            review_due=date(2026, 1, 1),
            today=date(2026, 2, 1),
        )


def test_agreed_grade_defaults_to_review_in_three_months_and_supersedes(linked: TinyExport) -> None:
    first = record_agreed_grade(
        kayleigh(), "seraf", "mild", "one missing episode", "sw1", GRADES, today=date(2026, 1, 10)
    )
    assert first.review_due == date(2026, 4, 11)
    second = record_agreed_grade(
        kayleigh(),
        "seraf",
        "moderate",
        "found in adult's car",
        "sw2",
        GRADES,
        today=date(2026, 1, 20),
    )
    first.refresh_from_db()
    assert first.superseded_by == second
    assert current_agreed_grade(kayleigh(), "seraf") == second
    assert reviews_due(date(2026, 4, 30)) == [second]


def test_analysis_tables_from_database_resolve_people_and_entities(linked: TinyExport) -> None:
    built = analysis_tables_from_database()
    assert built.events.schema == tables.EVENTS and built.events.num_rows == 2
    stop = next(r for r in built.events.to_pylist() if r["event_id"] == "TST:O2")
    assert stop["place_name"] == "Star Kebabs" and stop["place_entity_id"].startswith("PL-")
    people = {r["record_id"]: r["person_id"] for r in built.participants.to_pylist()}
    assert people["TST:P1"] == kayleigh().person_id
    roles = sorted(r["role"] for r in built.participants.to_pylist() if r["event_id"] == "TST:O2")
    assert roles == ["subject", "suspect"]
    kinds = sorted(r["entity_kind"] for r in built.event_entities.to_pylist())
    assert kinds == ["place", "vehicle"]
    assert built.persons.num_rows == 3 and built.sources.num_rows == 3
