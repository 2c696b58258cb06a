"""The shipped schedule: the record types the brief names, cited sources, bad files refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from joinedup.errors import ConfigurationError
from joinedup.web.retention.services.rules import Facts
from joinedup.web.retention.services.schedule import SHIPPED, load_schedule
from tests.web.conftest import SignedInClient

NAMED = ("looked_after", "child_protection", "lado_allegation", "specialist_case",
         "front_door_nfa", "intelligence_item", "sharing_decision", "mace_minutes",
         "inquiry_material")  # fmt: skip


def test_the_shipped_schedule_has_every_type_the_domain_names_with_sources() -> None:
    schedule = load_schedule(SHIPPED)
    assert set(NAMED) <= set(schedule.record_types)
    for record_type in schedule.record_types.values():
        assert record_type.sources and set(record_type.sources) <= set(schedule.sources)
    assert schedule.record_type("specialist_case").basis == "local policy"
    assert "2015" in schedule.record_type("child_protection").note
    assert schedule.due("inquiry_material", Facts(closed=None)) is None


def test_records_are_typed_by_their_events_then_by_their_agency() -> None:
    schedule = load_schedule(SHIPPED)
    assert schedule.classify({"placement_move", "plan_start"}, "police").code == "looked_after"
    assert schedule.classify({"child_protection_conference"}, "health").code == "child_protection"
    assert schedule.classify({"arrest"}, "police").code == "police_record"
    assert schedule.classify(set(), "housing").code == "other_agency_record"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("    basis: statute", "    basis: folklore"), "basis must be one of"),
        (("sources: [S65]", "sources: [S99]"), "sources must name"),
        (("police: police_record", "police: no_such_type"), "unknown record types"),
        (("{birthday: 75,", "{birthday: seventy-five,"), "not a number of years"),
    ],
)
def test_a_bad_schedule_file_is_refused_naming_what_is_wrong(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    text = SHIPPED.read_text("utf-8")
    assert change[0] in text
    bad = tmp_path / "schedule.yaml"
    bad.write_text(text.replace(change[0], change[1], 1), "utf-8")
    with pytest.raises(ConfigurationError, match=problem):
        load_schedule(bad)


def test_administrators_and_the_inquiry_team_see_the_schedule_with_its_version(
    signed_in_client: Callable[..., SignedInClient],
) -> None:
    version = load_schedule().version
    for role in ("administrator", "inquiry_team"):
        page = signed_in_client(role).get("/retention/schedule/")
        assert page.status_code == 200
        assert f"Version {version}" in page.text
        assert "Looked-after children" in page.text and "Local policy" in page.text
        assert "bailii.org" in page.text
    assert signed_in_client("team_manager").get("/retention/schedule/").status_code == 403
