"""Every read of a person's record and every write through the API is audited as the
pages audit it: person.view with purpose and basis (and channel api), person.open when
the purpose is first given, person.search, grade.record, link.view, link.confirm and
link.reject, person.access_denied."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from joinedup.web.access.models import AccessPurpose
from joinedup.web.audit.checking import verify_audit_log
from joinedup.web.audit.models import AuditEntry
from joinedup.web.people.models import ReviewPair
from tests.web.api.conftest import PURPOSE, ApiClient, Borough

pytestmark = pytest.mark.django_db

SECTIONS = {"": "identity", "/chronology": "chronology", "/screening": "screening",
            "/grades": "grades", "/network": "network"}  # fmt: skip


def entries_after(start: int, **match: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(sequence__gt=start, **match))


def last_sequence() -> int:
    last = AuditEntry.objects.order_by("-sequence").first()
    return last.sequence if last else 0


@pytest.mark.parametrize("path", SECTIONS)
def test_each_read_of_a_record_is_audited_with_purpose_basis_and_channel(
    api_client: Callable[..., ApiClient], borough: Borough, path: str
) -> None:
    client = api_client("team_manager")
    start = last_sequence()
    answer = client.get(f"/api/v1/people/{borough.child}{path}", PURPOSE)
    assert answer.status_code == 200
    [view] = entries_after(start, action="person.view")
    assert view.actor_username == client.user.username and view.actor_role == "team_manager"
    assert (view.target_type, view.target_id) == ("person", borough.child)
    assert (view.purpose, view.basis) == ("case_work", "team_allocation")
    assert view.detail["section"] == SECTIONS[path]
    assert view.detail["channel"] == "api" and view.detail["token"] == client.token[:12]
    assert view.detail["narratives"] is True


def test_the_purpose_is_recorded_once_and_reused_while_the_reader_goes_on(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    start = last_sequence()
    for path in SECTIONS:
        assert client.get(f"/api/v1/people/{borough.child}{path}", PURPOSE).status_code == 200
    [opened] = entries_after(start, action="person.open")
    assert opened.purpose == "case_work" and opened.basis == "allocation"
    assert len(entries_after(start, action="person.view")) == len(SECTIONS)
    assert AccessPurpose.objects.filter(user=client.user).count() == 1
    other = {"purpose": "other", "purpose_detail": "Preparing a court statement"}
    assert client.get(f"/api/v1/people/{borough.child}", other).status_code == 200
    assert AccessPurpose.objects.filter(user=client.user).count() == 2
    assert len(entries_after(start, action="person.open")) == 2


def test_a_purpose_of_other_needs_a_description_and_an_unknown_purpose_is_refused(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    start = last_sequence()
    other = client.get(f"/api/v1/people/{borough.child}", {"purpose": "other"})
    assert other.status_code == 422 and "needs a description" in other.json()["detail"]
    unknown = client.get(f"/api/v1/people/{borough.child}", {"purpose": "curiosity"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "purpose"
    missing = client.get(f"/api/v1/people/{borough.child}")
    assert missing.status_code == 422 and missing.json()["detail"] == "purpose: Field required"
    assert entries_after(start, action="person.view") == []


def test_a_refusal_is_audited_as_the_pages_do(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client(access=False)
    start = last_sequence()
    assert client.get(f"/api/v1/people/{borough.child}", PURPOSE).status_code == 403
    [denied] = entries_after(start, action="person.access_denied")
    assert denied.target_id == borough.child and denied.detail["channel"] == "api"
    assert entries_after(start, action="person.view") == []


def test_a_search_is_audited_with_its_terms_and_the_persons_found(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    start = last_sequence()
    answer = client.get("/api/v1/people", {"identifier": _identifier_of(borough.child)})
    assert answer.status_code == 200
    [search] = entries_after(start, action="person.search")
    assert search.detail["terms"]["identifier"] == _identifier_of(borough.child)
    assert borough.child in search.detail["person_ids"]
    assert search.detail["channel"] == "api"


def _identifier_of(person_id: str) -> str:
    from joinedup.web.records.models import PersonIdentifier

    found = PersonIdentifier.objects.filter(person__link__person__person_id=person_id).first()
    assert found is not None
    return str(found.value)


def test_recording_a_grade_is_audited_with_the_view(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    start = last_sequence()
    answer = client.post(
        f"/api/v1/people/{borough.child}/grades",
        {**PURPOSE, "grade": "significant", "rationale": "Older adult, vehicle, missing."},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content[:300]
    [view] = entries_after(start, action="person.view")
    [grade] = entries_after(start, action="grade.record")
    assert view.detail["section"] == "grade" and view.detail["channel"] == "api"
    assert (grade.purpose, grade.basis, grade.target_id) == ("case_work", "allocation",
                                                             borough.child)  # fmt: skip
    assert grade.detail["grade"] == "significant"


@pytest.mark.parametrize("decision", ["confirm", "reject"])
def test_reading_and_deciding_a_pair_are_audited(
    api_client: Callable[..., ApiClient], borough: Borough, decision: str
) -> None:
    client = api_client("police_analyst")
    pair = ReviewPair.objects.filter(status=ReviewPair.OPEN).order_by("pk").first()
    assert pair is not None
    start = last_sequence()
    assert client.get(f"/api/v1/review-pairs/{pair.pk}").status_code == 200
    [seen] = entries_after(start, action="link.view")
    assert seen.target_id == str(pair.pk) and seen.detail["records"]
    done = client.post(f"/api/v1/review-pairs/{pair.pk}/{decision}",
                       {"reason": "Same school, same GP, date of birth one digit apart."},
                       content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.content[:300]
    action = "link.confirm" if decision == "confirm" else "link.reject"
    [decided] = entries_after(start, action=action)
    assert decided.actor_username == client.user.username and decided.target_id == str(pair.pk)
    assert decided.detail["reason"].startswith("Same school")


def test_the_chain_stays_whole_after_api_reads_and_writes(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    client.get(f"/api/v1/people/{borough.child}/chronology", PURPOSE)
    client.post(f"/api/v1/people/{borough.child}/grades",
                {**PURPOSE, "grade": "mild", "rationale": "One missing episode."},
                content_type="application/json")  # fmt: skip
    assert verify_audit_log().intact
