"""Place, vehicle, phone and organisation pairs: the second tab, decided like person pairs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils.html import escape

from joinedup.web.audit.models import AuditEntry
from joinedup.web.people import models as pm
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

SAME = {"decision": "same", "reason": "Same takeaway: the licence shows the old name"}


@pytest.fixture
def entity_pair(borough: Any) -> pm.EntityReviewPair:
    pair = pm.EntityReviewPair.objects.filter(status="open").order_by("pk").first()
    assert pair is not None, "the small borough should leave a place pair to review"
    return pair


def test_the_page_shows_each_field_of_both_records_with_its_level_and_weight(
    signed_in_client: Callable[..., SignedInClient], entity_pair: pm.EntityReviewPair
) -> None:
    page = signed_in_client().get(f"/review/entities/{entity_pair.pk}/")
    assert page.status_code == 200
    assert f"Are these the same {entity_pair.kind}?" in page.text
    table = page.text.split("Why the model scored them so")[1].split("</table>")[0]
    rows = table.split("<tbody")[1].split("</tr>")[:-1]
    assert len(rows) == len(entity_pair.explanation)
    for row, stored in zip(rows, entity_pair.explanation, strict=True):
        for value in (stored["left"], stored["right"]):
            assert (escape(value) if value else "Not recorded") in row
        weight = stored["weight"]
        assert (">0.0</td>" if round(weight, 1) == 0 else f">{weight:+.1f}</td>") in row
    entry = AuditEntry.objects.get(action="link.view")
    assert (entry.target_type, entry.target_id) == ("entity_pair", str(entity_pair.pk))


def test_confirming_records_the_decision_audits_it_and_moves_on(
    signed_in_client: Callable[..., SignedInClient], entity_pair: pm.EntityReviewPair
) -> None:
    later = pm.EntityReviewPair.objects.create(
        kind=entity_pair.kind, record_a="CSC:place-x", record_b="POL:place-y",
        match_probability=entity_pair.match_probability / 2, run=entity_pair.run,
        explanation=[],
    )  # fmt: skip
    client = signed_in_client("team_manager")
    done = client.post(f"/review/entities/{entity_pair.pk}/", SAME)
    assert done.status_code == 302 and done["Location"] == f"/review/entities/{later.pk}/"
    decision = pm.EntityDecision.objects.get()
    assert (decision.decision, decision.decided_by, decision.reason) == (
        "must_link", client.user.username, SAME["reason"])  # fmt: skip
    entry = AuditEntry.objects.get(action="link.confirm")
    assert (entry.target_type, entry.target_id) == ("entity_pair", str(entity_pair.pk))
    last = client.post(f"/review/entities/{later.pk}/", {**SAME, "decision": "different"})
    assert last["Location"] == "/review/entities/"
    assert AuditEntry.objects.filter(action="link.reject", target_id=str(later.pk)).exists()


def test_a_decision_needs_a_reason(
    signed_in_client: Callable[..., SignedInClient], entity_pair: pm.EntityReviewPair
) -> None:
    page = signed_in_client().post(f"/review/entities/{entity_pair.pk}/", {"decision": "same"})
    assert page.status_code == 200 and "There is a problem" in page.text
    assert not pm.EntityDecision.objects.exists()


def test_values_of_an_agency_outside_the_agreement_are_not_shown(
    signed_in_client: Callable[..., SignedInClient],
    entity_pair: pm.EntityReviewPair,
    hide_agency: Callable[[str, str], Any],
) -> None:
    code = entity_pair.record_b.split(":")[0]
    hide_agency("police_analyst", code)
    client = signed_in_client("police_analyst")
    text = client.get(f"/review/entities/{entity_pair.pk}/").text
    assert f"A record held by {code}: that agency is outside your sharing agreement" in text
    assert entity_pair.record_b not in text
    table = text.split("Why the model scored them so")[1].split("</table>")[0]
    assert table.count("Not shown") == len(entity_pair.explanation) * (
        2 if entity_pair.record_a.split(":")[0] == code else 1)  # fmt: skip
    assert client.post(f"/review/entities/{entity_pair.pk}/", SAME).status_code == 403
    assert not pm.EntityDecision.objects.exists()
