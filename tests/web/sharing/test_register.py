"""The register: who sees which decisions, its filters, its audit, the CSV export, a
decision's page, corrections, immutability and the dashboard's items."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.web.accounts.models import Team
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.vocabulary import known_actions
from joinedup.web.sharing.models import ImmutableError, SharingDecision
from joinedup.web.sharing.services import (
    Correction,
    DecisionInput,
    Subject,
    dashboard_items,
    decisions_on_register,
    record_decision,
)
from joinedup.web.sharing.services.register import COLUMNS
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]


def test_the_register_shows_the_agencys_decisions_and_not_other_agencies(
    make_user: Any, agencies: dict[str, Any], decide: Any
) -> None:
    colleague = make_user("specialist_practitioner", agency=agencies["CSC"])
    me = make_user("team_manager", agency=agencies["CSC"])
    other = make_user("police_analyst", agency=agencies["POL"])
    theirs, ours = decide(other), decide(colleague)
    assert list(decisions_on_register(me)) == [ours]
    assert list(decisions_on_register(other)) == [theirs]


def test_a_team_manager_sees_the_decisions_of_the_teams_they_manage(
    make_user: Any, agencies: dict[str, Any], decide: Any
) -> None:
    manager = make_user("team_manager")  # no agency: only the team
    team = Team.objects.create(name="Exploitation team", manager=manager)
    member = make_user("police_analyst", agency=agencies["POL"], team=team)
    outsider = make_user("police_analyst", agency=agencies["POL"])
    mine = decide(member)
    decide(outsider)
    assert list(decisions_on_register(manager)) == [mine]


def test_roles_without_the_capability_have_no_register(
    signed_in_client: Client, make_user: Any, agencies: dict[str, Any], decide: Any
) -> None:
    decide(make_user("specialist_practitioner", agency=agencies["CSC"]))
    for role in ("inquiry_team", "auditor", "administrator"):
        client = signed_in_client(role, agency=agencies["CSC"])
        assert client.get(reverse("sharing:register")).status_code == 403
        assert client.get(reverse("sharing:export")).status_code == 403
        assert not decisions_on_register(client.user).exists()


def test_the_register_page_lists_filters_and_audits_what_it_showed(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any, make_child: Any,
    allocate: Any,
) -> None:  # fmt: skip
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    child = make_child("CSC")
    allocate(child, client.user)
    shared = decide(client.user, Subject(child), outcome="shared", shared_at=timezone.now(),
                    method="phone", shared_detail="The address.")  # fmt: skip
    refused = decide(client.user, recipient_agency=agencies["EDU"], lawful_basis="legal_obligation")
    page = client.get(reverse("sharing:register"))
    assert shared.reference in page.text and refused.reference in page.text
    entry = AuditEntry.objects.get(action="sharing.view", target_type="sharing_register")
    assert set(entry.detail["decisions"]) == {shared.reference, refused.reference}
    assert entry.detail["persons"] == [child.person_id]
    for query, kept, dropped in (({"outcome": "shared"}, shared, refused),
                                 ({"agency": "EDU"}, refused, shared),
                                 ({"basis": "legal_obligation"}, refused, shared)):  # fmt: skip
        text = client.get(reverse("sharing:register"), query).text
        assert kept.reference in text and dropped.reference not in text, query
    year = timezone.localdate().year
    later = client.get(reverse("sharing:register"), {"start_year": str(year + 1)}).text
    assert shared.reference not in later and "No decisions match these filters" in later


def test_bad_filters_are_shown_in_the_error_summary(
    signed_in_client: Client, agencies: dict[str, Any]
) -> None:
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    bad = {"start_day": "40", "start_month": "1", "start_year": "2026", "basis": "nonsense"}
    page = client.get(reverse("sharing:register"), bad)
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "From must be a real date" in page.text
    assert "Select a lawful basis from the list" in page.text


def test_the_export_is_codes_only_escapes_formulas_and_is_audited(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any
) -> None:
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    decision = decide(client.user, recipient_agency=None, recipient_body="=Example council",
                      information="Secret narrative of the child's week.")  # fmt: skip
    response = client.get(reverse("sharing:export"), {"outcome": "not_shared"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == COLUMNS
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert (row["reference"], row["outcome"], row["recipient_other"]) == (
        decision.reference,
        "not_shared",
        "'=Example council",
    )
    assert "Secret narrative" not in response.content.decode()
    assert "Already known" not in response.content.decode(), "no reasons either"
    entry = AuditEntry.objects.get(action="sharing.export")
    assert (entry.detail["rows"], entry.detail["filters"]) == (1, {"outcome": "not_shared"})


def test_a_decision_page_is_for_its_register_and_audited(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any, make_user: Any
) -> None:
    decision = decide(make_user("police_analyst", agency=agencies["POL"]))
    police = signed_in_client("police_analyst", agency=agencies["POL"])
    page = police.get(reverse("sharing:decision", args=[decision.reference]))
    assert page.status_code == 200
    assert "Already known to the police" in page.text
    entry = AuditEntry.objects.get(action="sharing.view", actor_username=police.user.username)
    assert (entry.target_type, entry.target_id) == ("sharing_decision", decision.reference)
    school = signed_in_client("school_safeguarding_lead", agency=agencies["EDU"])
    assert school.get(reverse("sharing:decision", args=[decision.reference])).status_code == 404
    auditor = signed_in_client("auditor")
    assert auditor.get(reverse("sharing:decision", args=[decision.reference])).status_code == 403


def test_a_childs_decisions_are_shown_to_whoever_may_open_the_child_after_the_purpose_step(
    signed_in_client: Client, agencies: dict[str, Any], make_child: Any, make_user: Any,
    allocate: Any, opened: Any,
) -> None:  # fmt: skip
    decider = make_user("specialist_practitioner", agency=agencies["CSC"])
    child = make_child("HLT")
    allocate(child, decider)
    decision = decide_about(decider, child, third_party=True,
                            third_party_protection="The referrer's name is removed.")  # fmt: skip
    health = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    listing = reverse("sharing:child", args=[child.person_id])
    assert health.get(listing)["Location"].startswith(
        reverse("access:purpose", args=[child.person_id])
    )
    opened(health, child)
    assert decision.reference in health.get(listing).text
    url = reverse("sharing:decision", args=[decision.reference])
    page = health.get(url)
    assert page.status_code == 200
    assert "What the school nurse told us" not in page.text, "third-party narrative withheld"
    assert "includes information about a third party" in page.text
    entry = AuditEntry.objects.get(action="sharing.view", actor_username=health.user.username)
    assert (entry.target_id, entry.purpose, entry.basis) == (
        child.person_id,
        "case_work",
        "agreement",
    )
    assert entry.detail["narrative_withheld"] is True
    assert decider.username  # the decider's register shows the narrative:
    own = signed_in_client(user=decider)
    assert "What the school nurse told us" in own.get(url).text


def decide_about(user: Any, child: Any, **changes: Any) -> SharingDecision:
    values: dict[str, Any] = {
        "categories": ("family",), "information": "What the school nurse told us.",
        "recipient_person": "Duty social worker", "purpose": "protect_child",
        "lawful_basis": "public_task", "outcome": "not_shared", "reason": "Not needed yet.",
        "recipient_body": "Example Trust",
    }  # fmt: skip
    return record_decision(user, Subject(child), DecisionInput(**(values | changes)))


def test_a_decision_cannot_be_changed_or_deleted(make_user: Any, decide: Any) -> None:
    decision = decide(make_user("specialist_practitioner"))
    decision.reason = "Something else"
    with pytest.raises(ImmutableError):
        decision.save()
    with pytest.raises(ImmutableError):
        decision.delete()
    assert SharingDecision.objects.get().reason.startswith("Already known")


def test_a_correction_is_a_new_decision_linked_to_the_one_it_corrects(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any, form_data: Any
) -> None:
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    original = decide(client.user)
    url = reverse("sharing:correct", args=[original.reference])
    form = client.get(url)
    assert "Already known to the police" in form.text, "the form starts from the original"
    posted = client.post(
        url, form_data(recipient_agency="EDU", correction_reason="The wrong agency was recorded.")
    )
    correction = SharingDecision.objects.exclude(pk=original.pk).get()
    assert posted["Location"] == reverse("sharing:decision", args=[correction.reference])
    assert (correction.corrects, correction.recipient_agency.code) == (original, "EDU")
    assert (correction.context_name, correction.correction_reason) == (
        "Example Park",
        "The wrong agency was recorded.",
    )
    original.refresh_from_db()
    assert original.recipient_agency.code == "POL", "the original is kept as it was"
    assert (
        "This decision was corrected by"
        in client.get(reverse("sharing:decision", args=[original.reference])).text
    )
    entry = AuditEntry.objects.get(
        action="sharing.decision_recorded", target_id=correction.reference
    )
    assert entry.detail["corrects"] == original.reference
    again = client.post(url, form_data(correction_reason="Again."))
    assert f"was corrected by {correction.reference}" in again.text
    with pytest.raises(Exception, match="Enter what was wrong"):
        record_decision(
            client.user,
            Subject(None, "place", "x"),
            DecisionInput(
                ("identity",), "x", "y", "protect_child", "public_task", "not_shared", "z"
            ),
            correction=Correction(correction, " "),
        )


def test_only_someone_whose_register_holds_a_decision_may_correct_it(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any, make_user: Any,
    form_data: Any,
) -> None:  # fmt: skip
    original = decide(make_user("police_analyst", agency=agencies["POL"]))
    school = signed_in_client("school_safeguarding_lead", agency=agencies["EDU"])
    url = reverse("sharing:correct", args=[original.reference])
    assert school.get(url).status_code == 404
    assert school.post(url, form_data(correction_reason="Mine now.")).status_code == 404
    assert SharingDecision.objects.count() == 1


def test_the_dashboard_lists_my_recent_decisions_and_those_awaiting_caldicott_advice(
    make_user: Any, agencies: dict[str, Any], decide: Any
) -> None:
    me = make_user("health_safeguarding_lead", agency=agencies["HLT"])
    colleague = make_user("health_safeguarding_lead", agency=agencies["HLT"])
    mine = decide(me, caldicott="not_needed")
    waiting = decide(colleague, caldicott="sought")
    items = dashboard_items(me)
    assert [(i.kind, i.reference) for i in items] == [
        ("recent", mine.reference),
        ("awaiting_caldicott_advice", waiting.reference),
    ]
    assert items[0].label == "Not shared with Example police"
    assert items[1].href == reverse("sharing:caldicott-advice", args=[waiting.reference])
    later = timezone.now() + timedelta(days=31)
    assert [i.kind for i in dashboard_items(me, now=later)] == ["awaiting_caldicott_advice"]


def test_every_audit_action_the_app_writes_has_a_label() -> None:
    for action in ("sharing.decision_recorded", "sharing.view", "sharing.export",
                   "sharing.caldicott_advice_recorded"):  # fmt: skip
        assert action in known_actions()


def test_a_short_reason_reads_back_as_typed(make_user: Any, decide: Any) -> None:
    decision = decide(make_user("specialist_practitioner"), reason="Not needed.")
    assert SharingDecision.objects.get(pk=decision.pk).reason == "Not needed."
