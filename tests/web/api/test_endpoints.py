"""What each endpoint answers: search, the chronology's filters and pages, recording a
grade, deciding a review pair, and the JSON errors for what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone

from joinedup.web.access.models import SharingAgreement
from joinedup.web.analysis.models import AgreedGrade
from joinedup.web.people.models import LinkDecision, Person, ReviewPair
from joinedup.web.records.models import Agency, PersonIdentifier, SourcePerson
from tests.web.api.conftest import PURPOSE, ApiClient, Borough

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_search_finds_the_child_by_identifier_and_by_name_and_date_of_birth(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    record = SourcePerson.objects.filter(link__person__person_id=borough.child,
                                         agency__code="CSC").first()  # fmt: skip
    identifier = PersonIdentifier.objects.filter(person=record).first()
    assert record is not None and identifier is not None
    by_id = client.get("/api/v1/people", {"identifier": identifier.value}).json()
    assert by_id["results"][0]["person_id"] == borough.child
    by_name = client.get("/api/v1/people", {"q": f"{record.forenames} {record.surname}",
                                            "dob": record.dob}).json()  # fmt: skip
    found = next(r for r in by_name["results"] if r["person_id"] == borough.child)
    assert found["score"] > 0 and found["reasons"] and "CSC" in " ".join(found["reasons"])


def test_search_pages_its_results_and_needs_something_to_search_for(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    first = client.get("/api/v1/people", {"dob": "2004", "page_size": 2}).json()
    assert first["pagination"]["count"] > 2 and len(first["results"]) == 2
    second = client.get("/api/v1/people", {"dob": "2004", "page_size": 2, "page": 2}).json()
    assert {r["person_id"] for r in first["results"]}.isdisjoint(
        r["person_id"] for r in second["results"]
    )
    nothing = client.get("/api/v1/people")
    assert nothing.status_code == 422 and "Give a name" in nothing.json()["detail"]
    bad = client.get("/api/v1/people", {"dob": "4/3/2009"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("dob:")
    assert client.get("/api/v1/people", {"q": "x", "page_size": 501}).status_code == 422


def test_the_chronology_filters_by_agency_type_and_period_and_pages(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    url = f"/api/v1/people/{borough.child}/chronology"
    everything = client.get(url, {**PURPOSE, "page_size": 500}).json()
    events = [e for e in everything["entries"] if e["kind"] == "event"]
    police = client.get(url, {**PURPOSE, "agency": "POL", "page_size": 500}).json()
    assert {e["agency"] for e in police["entries"] if e["kind"] == "event"} == {"POL"}
    assert police["covers"] == "Covers agencies POL."
    kind = events[0]["event_type"]
    typed = client.get(url, {**PURPOSE, "type": kind, "page_size": 500}).json()
    assert {e["event_type"] for e in typed["entries"] if e["kind"] == "event"} == {kind}
    year = events[-1]["when"]["iso"][:4]
    period = client.get(url, {**PURPOSE, "from": year, "to": year, "page_size": 500}).json()
    assert all(e["when"]["iso"].startswith(year) for e in period["entries"] if e["kind"] == "event")
    paged = client.get(url, {**PURPOSE, "page_size": 5, "page": 2}).json()
    assert paged["pagination"]["count"] == len(everything["entries"])
    assert paged["entries"] == everything["entries"][5:10]


def test_the_chronology_says_what_is_wrong_with_a_filter(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client("inquiry_team")
    url = f"/api/v1/people/{borough.child}/chronology"
    unknown = client.get(url, {**PURPOSE, "type": "tea_party"})
    assert unknown.status_code == 422 and "unknown event type tea_party" in unknown.json()["detail"]
    backwards = client.get(url, {**PURPOSE, "from": "2020", "to": "2019"})
    assert backwards.status_code == 422 and backwards.json()["detail"].startswith("to:")


def test_recording_a_grade_supersedes_the_last_and_shows_it(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    url = f"/api/v1/people/{borough.child}/grades"
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    first = client.post(url, {**PURPOSE, "grade": "moderate", "rationale": "Missing twice.",
                              "review_due": due}, content_type=JSON)  # fmt: skip
    assert first.status_code == 201, first.content[:300]
    current = first.json()["schemes"][0]["current"]
    assert current["grade"] == "Moderate risk (11-15)" and current["review_due"] == due
    assert current["recorded_by"] == client.user.username
    second = client.post(url, {**PURPOSE, "grade": "significant", "rationale": "Now a vehicle."},
                         content_type=JSON).json()  # fmt: skip
    seraf = second["schemes"][0]
    assert seraf["current"]["rationale"] == "Now a vehicle." and len(seraf["earlier"]) == 1
    assert client.get(url, PURPOSE).json()["schemes"] == second["schemes"]
    other = client.post(url, {**PURPOSE, "scheme": "rag", "grade": "amber",
                              "rationale": "Amber under RAG."}, content_type=JSON)  # fmt: skip
    assert other.status_code == 201
    assert AgreedGrade.objects.filter(person__person_id=borough.child).count() == 3


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"grade": "moderate", "rationale": "  "}, "needs a rationale"),
        ({"grade": "purple", "rationale": "x"}, "grade 'purple': expected one of"),
        ({"scheme": "tarot", "grade": "moderate", "rationale": "x"}, "scheme 'tarot'"),
        ({"grade": "mild", "rationale": "x", "review_due": "2020-01-01"}, "expected a date after"),
        ({"grade": "mild"}, "rationale: Field required"),
    ],
)
def test_a_grade_that_cannot_be_recorded_says_why(
    api_client: Callable[..., ApiClient], borough: Borough, body: dict[str, str], message: str
) -> None:
    answer = api_client().post(f"/api/v1/people/{borough.child}/grades", {**PURPOSE, **body},
                               content_type=JSON)  # fmt: skip
    assert answer.status_code == 422, answer.content[:300]
    assert message in answer.json()["detail"]
    assert not AgreedGrade.objects.filter(person__person_id=borough.child).exists()


def open_pair() -> ReviewPair:
    pair = ReviewPair.objects.filter(status=ReviewPair.OPEN).order_by("pk").first()
    assert pair is not None
    return pair


def test_a_pair_is_shown_with_its_explanation_and_confirmed_once(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client, pair = api_client("police_analyst"), open_pair()
    shown = client.get(f"/api/v1/review-pairs/{pair.pk}").json()
    assert shown["is_open"] and shown["decidable"]
    assert shown["a"]["visible"] and shown["a"]["reference"].count(":") == 1
    assert shown["explanation"] and {"field", "level", "weight"} <= set(shown["explanation"][0])
    reason = {"reason": "Same address history; the police record has no date of birth."}
    done = client.post(f"/api/v1/review-pairs/{pair.pk}/confirm", reason, content_type=JSON)
    assert done.status_code == 200 and done.json()["status"] == "Same person"
    decision = LinkDecision.objects.get(record_a=pair.record_a, record_b=pair.record_b)
    assert decision.decision == "must_link" and decision.decided_by == client.user.username
    again = client.post(f"/api/v1/review-pairs/{pair.pk}/reject", reason, content_type=JSON)
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    queue = client.get("/api/v1/review-pairs").json()
    assert pair.pk not in {p["pair_id"] for p in queue["pairs"]}


def test_a_decision_needs_a_reason(api_client: Callable[..., ApiClient], borough: Borough) -> None:
    client, pair = api_client(), open_pair()
    blank = client.post(f"/api/v1/review-pairs/{pair.pk}/reject", {"reason": "  "},
                        content_type=JSON)  # fmt: skip
    assert blank.status_code == 422 and "needs a reason" in blank.json()["detail"]
    missing = client.post(f"/api/v1/review-pairs/{pair.pk}/reject", {}, content_type=JSON)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"
    assert ReviewPair.objects.get(pk=pair.pk).status == ReviewPair.OPEN


def test_a_pair_with_a_record_outside_the_agreement_is_not_decidable(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    pair = open_pair()
    hidden = Agency.objects.get(pk=pair.record_b.agency_id)
    SharingAgreement.objects.create(role="police_analyst", agency=hidden, level="none")
    client = api_client("police_analyst")
    shown = client.get(f"/api/v1/review-pairs/{pair.pk}").json()
    assert shown["decidable"] is False and shown["b"]["visible"] is False
    assert shown["b"]["name"] == "" and shown["b"]["reference"].startswith("A record held by")
    refused = client.post(f"/api/v1/review-pairs/{pair.pk}/confirm", {"reason": "looks right"},
                          content_type=JSON)  # fmt: skip
    assert refused.status_code == 403 and "outside your sharing agreement" in refused.text


def test_the_queue_filters_by_band_and_agency(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    high = client.get("/api/v1/review-pairs", {"band": "high"}).json()["pairs"]
    assert all(p["match_probability"] >= 0.9 for p in high)
    code = open_pair().record_a.agency.code
    mine = client.get("/api/v1/review-pairs", {"agency": code.lower()}).json()["pairs"]
    assert mine and all(code in (p["reference_a"] + p["reference_b"]) for p in mine)
    assert client.get("/api/v1/review-pairs", {"band": "certain"}).status_code == 422


def test_unknown_things_are_404_in_json(api_client: Callable[..., ApiClient]) -> None:
    client = api_client("inquiry_team")
    person = client.get("/api/v1/people/P-9999999", PURPOSE)
    assert person.status_code == 404 and person.json() == {
        "code": "not_found", "detail": "There is no person P-9999999 in the person index."
    }  # fmt: skip
    pair = api_client().get("/api/v1/review-pairs/999999")
    assert pair.status_code == 404 and pair.json()["code"] == "not_found"


def test_a_merged_person_sends_the_client_to_the_person_it_was_merged_into(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    merged = Person.objects.get(person_id=borough.other)
    merged.merged_into = Person.objects.get(person_id=borough.child)
    merged.active = False
    merged.save(update_fields=["merged_into", "active"])
    answer = api_client("inquiry_team").get(f"/api/v1/people/{borough.other}/chronology",
                                            {**PURPOSE, "agency": "POL"})  # fmt: skip
    assert answer.status_code == 308 and answer.json()["merged_into"] == borough.child
    assert answer["Location"] == (
        f"/api/v1/people/{borough.child}/chronology?purpose=case_work&agency=POL"
    )


def test_posts_need_no_csrf_token_because_they_carry_a_bearer_token(
    api_client: Callable[..., ApiClient], borough: Borough
) -> None:
    client = api_client()
    client.handler.enforce_csrf_checks = True
    answer = client.post(f"/api/v1/people/{borough.child}/grades",
                         {**PURPOSE, "grade": "mild", "rationale": "One episode."},
                         content_type=JSON)  # fmt: skip
    assert answer.status_code == 201


def test_a_date_is_plain_json(api_client: Callable[..., ApiClient], borough: Borough) -> None:
    found = api_client().get(f"/api/v1/people/{borough.child}/screening", PURPOSE).json()
    assert date.fromisoformat(found["screenings"][0]["as_of"]) == date(2020, 6, 30)
