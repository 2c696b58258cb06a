"""One pair: the records side by side, the explanation with the run's weights, the
decision with its reason, the audit entries and the way on to the next pair."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils.html import escape

from joinedup.web.audit.models import AuditEntry
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.people import models as pm
from joinedup.web.people.review import decide_pair
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

Pairs = Callable[[], list[pm.ReviewPair]]
SAME = {"decision": "same", "reason": "Same NHS number and the school confirms the move"}
DIFFERENT = {"decision": "different", "reason": "Different mothers named in both records"}


def _reference(record: Any) -> str:
    return f"{record.agency.code}:{record.source_id}"


def test_the_page_shows_both_records_side_by_side(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pair = open_pairs()[0]
    page = signed_in_client().get(f"/review/{pair.pk}/")
    assert page.status_code == 200
    table = page.text.split("The two records side by side")[1].split("</table>")[0]
    for record in (pair.record_a, pair.record_b):
        assert _reference(record) in table
        assert escape(f"{record.agency.name} ({record.agency.code})") in table
        assert escape(full_name(record.forenames, record.surname)) in table
        if record.dob:
            assert display_date(record.dob) in table
        assert record.link.person.person_id in table
    assert "Are these the same person?" in page.text


def test_the_explanation_shows_each_comparison_with_the_runs_weight_in_plain_english(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pair = open_pairs()[0]
    text = signed_in_client().get(f"/review/{pair.pk}/").text
    table = text.split("Why the model scored them so")[1].split("</table>")[0]
    rows = table.split("<tbody")[1].split("</tr>")[:-1]
    assert len(rows) == len(pair.explanation)
    plain = {"dob": "Date of birth", "forename": "First name", "nhs_number": "NHS number"}
    for row, stored in zip(rows, pair.explanation, strict=True):
        weight = stored["match_weight"]
        expected = "0.0" if round(weight, 1) == 0 else f"{weight:+.1f}"
        assert f">{expected}</td>" in row, (stored, row)
        if stored["comparison"] in plain:
            assert plain[stored["comparison"]] in row
    assert "Jaro-Winkler" not in table, "levels are in plain English"
    assert f"{pair.match_probability * 100:.1f}%" in text or "Over 99.9%" in text


def test_viewing_a_pair_is_audited_with_the_persons_whose_records_were_shown(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pair = open_pairs()[0]
    client = signed_in_client()
    client.get(f"/review/{pair.pk}/")
    entry = AuditEntry.objects.get(action="link.view")
    assert entry.actor_username == client.user.username
    assert (entry.target_type, entry.target_id) == ("review_pair", str(pair.pk))
    assert set(entry.detail["records"]) == {_reference(pair.record_a), _reference(pair.record_b)}
    assert set(entry.detail["persons"]) == {pair.record_a.link.person.person_id,
                                             pair.record_b.link.person.person_id}  # fmt: skip


def test_confirming_records_a_must_link_audits_it_and_goes_to_the_next_pair(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    first, second = open_pairs()[:2]
    client = signed_in_client()
    done = client.post(f"/review/{first.pk}/", SAME)
    assert done.status_code == 302
    assert done["Location"] == f"/review/{second.pk}/"
    decision = pm.LinkDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("must_link", client.user.username)
    assert decision.reason == SAME["reason"]
    assert {decision.record_a_id, decision.record_b_id} == {first.record_a_id, first.record_b_id}
    first.refresh_from_db()
    assert (first.status, first.decision_id) == ("confirmed", decision.pk)
    entry = AuditEntry.objects.get(action="link.confirm")
    assert (entry.target_type, entry.target_id) == ("review_pair", str(first.pk))
    assert entry.detail["decision_id"] == decision.pk
    assert entry.detail["reason"] == SAME["reason"]
    following = client.get(done["Location"]).text
    assert f"Pair {first.pk}: Same person." in following


def test_rejecting_records_a_cannot_link_and_audits_it(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pair = open_pairs()[-1]
    done = signed_in_client("police_analyst").post(f"/review/{pair.pk}/", DIFFERENT)
    assert done.status_code == 302
    assert pm.LinkDecision.objects.get().decision == "cannot_link"
    pair.refresh_from_db()
    assert pair.status == "rejected"
    entry = AuditEntry.objects.get(action="link.reject")
    assert entry.actor_role == "police_analyst"
    assert entry.target_id == str(pair.pk)


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"decision": "same", "reason": "   "}, "Enter your reason: what in the records shows it"),
        ({"decision": "same"}, "Enter your reason: what in the records shows it"),
        ({"reason": "same school"}, "Select whether the two records are the same"),
        ({"decision": "maybe", "reason": "x"}, "Select whether the two records are the same"),
    ],
)
def test_a_decision_without_a_choice_or_reason_gets_the_error_summary_and_changes_nothing(
    signed_in_client: Callable[..., SignedInClient],
    open_pairs: Pairs,
    posted: dict[str, str],
    message: str,
) -> None:
    pair = open_pairs()[0]
    page = signed_in_client().post(f"/review/{pair.pk}/", posted)
    assert page.status_code == 200
    assert "<title>Error: Pair" in page.text
    summary = page.text.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert message in summary
    assert 'class="govuk-error-message"' in page.text
    assert not pm.LinkDecision.objects.exists()
    assert not AuditEntry.objects.filter(action__in=["link.confirm", "link.reject"]).exists()
    pair.refresh_from_db()
    assert pair.status == "open"


def test_the_queue_filters_follow_the_reviewer_to_the_next_pair(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pairs = open_pairs()
    code = pairs[0].record_b.agency.code
    in_agency = [p for p in pairs if code in (p.record_a.agency.code, p.record_b.agency.code)]
    client = signed_in_client()
    done = client.post(f"/review/{in_agency[0].pk}/?agency={code}", SAME)
    expected = (f"/review/{in_agency[1].pk}/?agency={code}" if len(in_agency) > 1
                else f"/review/?agency={code}")  # fmt: skip
    assert done["Location"] == expected


def test_after_the_last_pair_the_reviewer_goes_back_to_the_queue(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    *others, last = open_pairs()
    for pair in others:
        decide_pair(pair.pk, True, "someone", "decided before this test")
    done = signed_in_client().post(f"/review/{last.pk}/", DIFFERENT)
    assert done["Location"] == "/review/"
    assert "No pairs of person records are waiting" in signed_in_client().get("/review/").text


def test_a_decided_pair_shows_its_decision_in_the_history_and_no_form(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    pair = open_pairs()[0]
    decide_pair(pair.pk, False, "reviewer.one", "Twins: different first names, same school")
    text = signed_in_client().get(f"/review/{pair.pk}/").text
    history = text.split("Review history")[1].split("Your decision")[0]
    assert "Different people" in history and "(these two records)" in history
    assert "Twins: different first names, same school" in history
    assert "reviewer.one" in history
    assert "This pair has been decided: different people" in text
    assert 'name="reason"' not in text
    again = signed_in_client().post(f"/review/{pair.pk}/", SAME)
    assert again.status_code == 200
    assert "was already decided" in again.text
    assert pm.LinkDecision.objects.count() == 1


def test_a_record_outside_the_sharing_agreement_is_not_shown_and_cannot_be_decided(
    signed_in_client: Callable[..., SignedInClient],
    open_pairs: Pairs,
    hide_agency: Callable[[str, str], Any],
) -> None:
    pair = next(p for p in open_pairs() if p.record_a.agency_id != p.record_b.agency_id)
    hidden, shown = pair.record_b, pair.record_a
    hide_agency("specialist_practitioner", hidden.agency.code)
    client = signed_in_client()
    text = client.get(f"/review/{pair.pk}/").text
    assert escape(f"held by {hidden.agency.name} ({hidden.agency.code}), which is outside") in text
    assert hidden.source_id not in text
    name_header = '<th scope="row" class="govuk-table__header">Name</th>'
    name_row = text.split(name_header)[1].split("</tr>")[0]
    cells = [c.split(">")[-1] for c in name_row.split("</td>")[:-1]]
    assert cells == [escape(full_name(shown.forenames, shown.surname)), "Not shown"]
    assert "You cannot decide this pair" in text and 'name="reason"' not in text
    entry = AuditEntry.objects.get(action="link.view")
    assert entry.detail["records"] == [_reference(shown)]
    assert client.post(f"/review/{pair.pk}/", SAME).status_code == 403
    assert not pm.LinkDecision.objects.exists()
    listed = client.get("/review/").text.split(f'href="/review/{pair.pk}/"')[1].split("</tr>")[0]
    assert "Outside your agreement" in listed and hidden.source_id not in listed


def test_the_decision_and_its_audit_entry_are_written_together(
    signed_in_client: Callable[..., SignedInClient],
    open_pairs: Pairs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def audit_fails(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("joinedup.web.reviews.services.pairs.record_event", audit_fails)
    pair = open_pairs()[0]
    with pytest.raises(RuntimeError):
        signed_in_client().post(f"/review/{pair.pk}/", SAME)
    assert not pm.LinkDecision.objects.exists()
    pair.refresh_from_db()
    assert pair.status == "open"


def test_an_unknown_pair_is_not_found(
    signed_in_client: Callable[..., SignedInClient], open_pairs: Pairs
) -> None:
    assert signed_in_client().get("/review/999999/").status_code == 404
