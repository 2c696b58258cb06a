"""The API shows a reader what the pages show them, and no more: entries and records of
agencies outside the agreement counted, not shown; narratives only where the agreement
gives them; special-category data only to readers entitled to it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from joinedup.web.records.models import Event
from tests.web.api.conftest import PURPOSE, ApiClient, Borough

pytestmark = pytest.mark.django_db

EVERY_ENTRY = {**PURPOSE, "page_size": 500}


def narratives_of(person_id: str) -> dict[str, str]:
    """event_id ('AGENCY:source_id') -> the restricted narrative, for the child's events."""
    events = Event.objects.filter(
        participants__person__link__person__person_id=person_id
    ).select_related("agency")
    return {f"{e.agency.code}:{e.source_id}": e.narrative for e in events if e.narrative.strip()}


def chronology(client: ApiClient, person_id: str) -> dict[str, Any]:
    answer = client.get(f"/api/v1/people/{person_id}/chronology", EVERY_ENTRY)
    assert answer.status_code == 200, answer.content[:300]
    return dict(answer.json())


def test_a_role_without_narratives_gets_no_narrative_text(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    narratives = narratives_of(borough.child)
    assert narratives, "the test child has no narratives to withhold"
    client = api_client("school_safeguarding_lead")
    answer = client.get(f"/api/v1/people/{borough.child}/chronology", EVERY_ENTRY)
    found = answer.json()
    assert found["person"]["narratives"] is False
    assert all(entry["narrative"] is None for entry in found["entries"])
    body = answer.content.decode()
    leaked = [ref for ref, text in narratives.items() if json.dumps(text)[1:-1] in body]
    assert leaked == []
    assert "Restricted narratives withheld: summaries only." in found["sharing"]


def test_entries_outside_the_agreement_are_counted_not_shown(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    found = chronology(api_client("school_safeguarding_lead"), borough.child)
    agencies = {entry["agency"] for entry in found["entries"] if entry["kind"] == "event"}
    assert agencies <= {"EDU", "CSC"}
    withheld = {w["agency"]: w for w in found["withheld"] if w["reason"] == "outside_agreement"}
    assert {"POL", "HLT"} <= set(withheld)
    assert all(w["count"] > 0 and w["statement"].startswith(str(w["count"]))
               for w in withheld.values())  # fmt: skip


def test_narratives_follow_the_agreement_agency_by_agency(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    found = chronology(api_client("police_analyst"), borough.child)
    events = [entry for entry in found["entries"] if entry["kind"] == "event"]
    narrated = {entry["agency"] for entry in events if entry["narrative"]}
    assert narrated == {"POL"}
    assert any(entry["agency"] == "CSC" and entry["summary"] for entry in events)


def test_a_reader_with_every_entitlement_sees_the_narratives(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    found = chronology(api_client("inquiry_team"), borough.child)
    shown = {e["source_record"]: e["narrative"] for e in found["entries"] if e["narrative"]}
    narratives = narratives_of(borough.child)
    assert shown and all(narratives[ref] == text for ref, text in shown.items())
    assert found["withheld"] == []


def test_identity_counts_records_outside_the_agreement_and_hides_ethnicity(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    answer = api_client("school_safeguarding_lead").get(f"/api/v1/people/{borough.child}", PURPOSE)
    found = answer.json()
    assert {a["code"] for a in found["agencies"]} <= {"EDU", "CSC"}
    assert {"POL", "HLT"} <= {w["agency"] for w in found["withheld"]}
    records = [r for a in found["agencies"] for r in a["records"]]
    assert records and all(r["ethnicity"] is None for r in records)
    manager = api_client("team_manager").get(f"/api/v1/people/{borough.child}", PURPOSE).json()
    assert any(r["ethnicity"] for a in manager["agencies"] for r in a["records"])


def test_screening_names_no_event_the_reader_may_not_see(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    answer = api_client("school_safeguarding_lead").get(
        f"/api/v1/people/{borough.child}/screening", PURPOSE
    )
    screenings = answer.json()["screenings"]
    assert screenings
    evidence = {e["agency"] for s in screenings for p in s["prompts"] for e in p["evidence"]}
    assert evidence <= {"EDU", "CSC"}
    full = api_client("inquiry_team").get(f"/api/v1/people/{borough.child}/screening", PURPOSE)
    assert sum(s["score"] for s in screenings) == sum(s["score"] for s in full.json()["screenings"])


def test_the_network_is_drawn_from_the_events_the_reader_may_see(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    school = api_client("school_safeguarding_lead").get(
        f"/api/v1/people/{borough.child}/network", PURPOSE
    )
    agencies = {a for link in school.json()["links"] for a in link["agencies"]}
    assert agencies <= {"EDU", "CSC"}
    police = api_client("police_analyst").get(f"/api/v1/people/{borough.child}/network", PURPOSE)
    links = police.json()["links"]
    assert links and all(link["first_seen"] and link["events"] >= 1 for link in links)
    keys = {node["key"] for node in police.json()["nodes"]}
    assert all(link["source"] in keys and link["target"] in keys for link in links)
    assert borough.child not in json.dumps(police.json()["nodes"])
