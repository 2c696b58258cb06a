"""Review of place, vehicle, phone and organisation pairs, and later runs obeying it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner

from joinedup.cli.main import cli
from joinedup.errors import InputError
from joinedup.linkage.entities import resolve_vehicles
from joinedup.web.people import models as pm
from joinedup.web.people.entity_review import (
    EntityConstraints,
    decide_entity_pair,
    entity_decisions_about,
    obey_decisions,
    open_entity_pairs,
)
from joinedup.web.people.linking import link_everyone
from joinedup.web.records import models as m


def entity_of(kind_model: type[m.ResolvedEntity], rid: str) -> str:
    agency, source_id = rid.split(":", 1)
    found = kind_model._default_manager.get(agency__code=agency, source_id=source_id)
    return str(found.entity_id)


@pytest.fixture
def place_pair(imported: Path, monkeypatch: pytest.MonkeyPatch) -> pm.EntityReviewPair:
    monkeypatch.setenv("JOINEDUP_USER", "analyst")
    link_everyone("analyst")
    pair = open_entity_pairs("place").first()
    assert pair is not None, "the small borough should have two places to review"
    assert entity_of(m.Place, pair.record_a) != entity_of(m.Place, pair.record_b)
    return pair


@pytest.mark.django_db
def test_entity_pairs_are_listed_and_shown_field_by_field(
    place_pair: pm.EntityReviewPair,
) -> None:
    listed = CliRunner().invoke(cli, ["review", "entities", "--kind", "place"])
    assert listed.exit_code == 0, listed.output
    assert place_pair.record_a[:12] in listed.output and "place" in listed.output
    shown = CliRunner().invoke(cli, ["review", "entities", "show", str(place_pair.pk)])
    assert shown.exit_code == 0, shown.output
    for field in place_pair.explanation:
        assert field["field"] in shown.output and field["level"] in shown.output
        for value in (field["left"], field["right"]):
            assert value is None or str(value) in shown.output


@pytest.mark.django_db
def test_a_confirmed_entity_pair_is_one_entity_from_the_next_run_and_not_listed_again(
    place_pair: pm.EntityReviewPair,
) -> None:
    done = CliRunner().invoke(
        cli,
        ["review", "entities", "confirm", str(place_pair.pk), "--reason", "one flat, renumbered"],
    )
    assert done.exit_code == 0, done.output
    decision = pm.EntityDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("must_link", "analyst")
    assert decision.reason == "one flat, renumbered" and decision.explanation
    link_everyone("analyst")
    assert entity_of(m.Place, place_pair.record_a) == entity_of(m.Place, place_pair.record_b)
    assert (
        not open_entity_pairs("place")
        .filter(record_a=place_pair.record_a, record_b=place_pair.record_b)
        .exists()
    )
    place_pair.refresh_from_db()
    assert place_pair.status == "confirmed" and place_pair.decision == decision


@pytest.mark.django_db
def test_a_rejected_entity_pair_stays_two_entities_and_is_not_listed_again(
    place_pair: pm.EntityReviewPair,
) -> None:
    decide_entity_pair(place_pair.pk, False, "analyst", "46 and 126 are different houses")
    link_everyone("analyst")
    assert entity_of(m.Place, place_pair.record_a) != entity_of(m.Place, place_pair.record_b)
    assert not open_entity_pairs().filter(record_a=place_pair.record_a).exists()
    [history] = entity_decisions_about("place", place_pair.record_b)
    assert history.decision == "cannot_link" and not history.superseded


@pytest.mark.django_db
def test_an_entity_decision_needs_a_reason_and_is_made_once(
    place_pair: pm.EntityReviewPair,
) -> None:
    with pytest.raises(InputError, match="needs a reason"):
        decide_entity_pair(place_pair.pk, True, "analyst", " ")
    decide_entity_pair(place_pair.pk, True, "analyst", "same flat")
    with pytest.raises(InputError, match="already decided"):
        decide_entity_pair(place_pair.pk, False, "analyst", "not the same")
    missing = CliRunner().invoke(cli, ["review", "entities", "show", "99999"])
    assert missing.exit_code == 2 and "no such pair" in missing.output


VEHICLES = pa.table({
    "record_id": ["POL:v1", "LIC:v2", "POL:v3"],
    "registration": ["AB12CDE", "AB12CDE", "XY99ZZZ"],
    "make": ["Ford", "Ford", "Vauxhall"],
})  # fmt: skip


def test_a_cannot_link_outweighs_a_decisive_key() -> None:
    resolution = resolve_vehicles(VEHICLES)
    assert resolution.clusters["POL:v1"] == resolution.clusters["LIC:v2"]
    cloned = EntityConstraints(must_link=[], cannot_link=[("LIC:v2", "POL:v1")])
    obeyed = obey_decisions(resolution, cloned)
    assert obeyed.clusters["POL:v1"] != obeyed.clusters["LIC:v2"]
    assert len(set(obeyed.clusters.values())) == 3


def test_contradicting_entity_decisions_are_reported() -> None:
    resolution = resolve_vehicles(VEHICLES)
    decisions = EntityConstraints(
        must_link=[("POL:v1", "POL:v3"), ("POL:v3", "LIC:v2")],
        cannot_link=[("POL:v1", "LIC:v2")],
    )
    with pytest.raises(InputError, match="vehicle review decisions contradict"):
        obey_decisions(resolution, decisions)
