"""Guidance at the point of decision (the golden rules, each basis's use, the Caldicott
prompt for health and the Part 3 note for police), and the Caldicott Guardian's advice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from joinedup.web.audit.models import AuditEntry
from joinedup.web.sharing.models import CaldicottAdvice, SharingDecision
from joinedup.web.sharing.services import AdviceInput, awaiting_advice, record_advice
from joinedup.web.sharing.services.vocabulary import bases, guidance
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]


def test_the_form_shows_the_seven_golden_rules_and_when_each_basis_applies(
    signed_in_client: Client, agencies: dict[str, Any]
) -> None:
    page = signed_in_client("specialist_practitioner", agency=agencies["CSC"]).get(
        reverse("sharing:new-context")
    )
    assert page.status_code == 200
    rules = guidance().golden_rules
    assert len(rules) == 7
    for rule in rules:
        assert escape(rule.title) in page.text
    assert escape(bases()["public_task"].when) in page.text
    assert "Consent is not the default lawful basis" in page.text
    assert escape(guidance().third_party) in page.text
    assert "Caldicott principle 7: the duty" not in page.text, "the prompt is for health"
    assert escape(guidance().part3_note) not in page.text, "the note is for police"
    assert "Law enforcement processing" not in page.text, "Part 3 is not offered to CSC"


def test_a_health_decider_is_shown_the_caldicott_prompt(
    signed_in_client: Client, agencies: dict[str, Any]
) -> None:
    page = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"]).get(
        reverse("sharing:new-context")
    )
    assert escape(guidance().caldicott_prompt) in page.text


def test_a_police_decider_is_shown_the_part_3_note_and_may_choose_part_3(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("police_analyst", agency=agencies["POL"])
    page = client.get(reverse("sharing:new-context"))
    assert escape(guidance().part3_note) in page.text
    assert "Law enforcement processing: DPA 2018 Part 3" in page.text
    data = form_data(context_kind="place", context_name="Example takeaway", recipient_agency="CSC",
                     lawful_basis="law_enforcement", categories=["intelligence"],
                     conditions=["safeguarding_sch8_para4"])  # fmt: skip
    assert client.post(reverse("sharing:new-context"), data).status_code == 302
    assert SharingDecision.objects.get().lawful_basis == "law_enforcement"


def test_part_3_sensitive_information_needs_the_schedule_8_condition_not_schedule_1(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("police_analyst", agency=agencies["POL"])
    data = form_data(context_kind="place", context_name="Example takeaway", recipient_agency="CSC",
                     lawful_basis="law_enforcement", categories=["intelligence"],
                     conditions=["safeguarding_sch1_para18"])  # fmt: skip
    page = client.post(reverse("sharing:new-context"), data)
    assert "does not go with" in page.text
    assert not SharingDecision.objects.exists()


def _health_data(form_data: Any, **changes: Any) -> dict[str, Any]:
    values = {
        "context_kind": "school",
        "context_name": "Example Academy",
        "categories": ["mental_health"],
        "recipient_agency": "CSC",
        "conditions": ["safeguarding_sch1_para18", "confidence_public_interest"],
    }
    return form_data(**(values | changes))


def test_a_health_decider_must_answer_the_caldicott_question(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    page = client.post(reverse("sharing:new-context"), _health_data(form_data, caldicott=""))
    assert "Select whether you sought the Caldicott Guardian&#x27;s advice" in page.text
    assert not SharingDecision.objects.exists()


def test_confidential_health_information_shared_by_health_needs_the_public_interest_condition(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    data = _health_data(form_data, conditions=["safeguarding_sch1_para18"])
    page = client.post(reverse("sharing:new-context"), data)
    assert "Select the public-interest condition for confidential health information" in page.text


def test_advice_given_with_the_decision_is_stored_with_who_gave_it_and_when(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    data = _health_data(form_data, caldicott="given", caldicott_advice="Share the summary only.",
                        caldicott_adviser="Dr Example, Caldicott Guardian", advised_on_day="2",
                        advised_on_month="3", advised_on_year="2026")  # fmt: skip
    assert client.post(reverse("sharing:new-context"), data).status_code == 302
    advice = CaldicottAdvice.objects.get()
    assert (advice.advice, advice.advised_on) == ("Share the summary only.", date(2026, 3, 2))
    assert advice.decision.caldicott == "given"
    assert not awaiting_advice(client.user).exists()


def test_advice_sought_and_awaited_is_listed_until_it_is_recorded_once(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    assert client.post(reverse("sharing:new-context"),
                       _health_data(form_data, caldicott="sought")).status_code == 302  # fmt: skip
    decision = SharingDecision.objects.get()
    assert list(awaiting_advice(client.user)) == [decision]
    url = reverse("sharing:caldicott-advice", args=[decision.reference])
    empty = client.post(url, {})
    assert "Enter the Caldicott Guardian&#x27;s advice" in empty.text
    done = client.post(url, {"advice": "Sharing is justified.", "adviser": "Dr Example",
                             "advised_on_day": "1", "advised_on_month": "3",
                             "advised_on_year": "2026"})  # fmt: skip
    assert done["Location"] == reverse("sharing:decision", args=[decision.reference])
    assert not awaiting_advice(client.user).exists()
    entry = AuditEntry.objects.get(action="sharing.caldicott_advice_recorded")
    assert entry.detail["decision"] == decision.reference
    again = client.post(url, {"advice": "Changed my mind.", "adviser": "Dr Example",
                              "advised_on_day": "1", "advised_on_month": "3",
                              "advised_on_year": "2026"})  # fmt: skip
    assert "is recorded" in again.text
    assert CaldicottAdvice.objects.get().advice == "Sharing is justified."


def test_advice_dated_in_the_future_is_refused(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any
) -> None:
    client = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    decision = decide(client.user, caldicott="sought")
    with pytest.raises(Exception, match="today or in the past"):
        record_advice(
            client.user, decision, AdviceInput("Share it.", "Dr Example", date(2099, 1, 1))
        )
    assert not CaldicottAdvice.objects.exists()


def test_advice_is_recorded_only_by_someone_whose_register_holds_the_decision(
    signed_in_client: Client, agencies: dict[str, Any], decide: Any
) -> None:
    health = signed_in_client("health_safeguarding_lead", agency=agencies["HLT"])
    decision = decide(health.user, caldicott="sought")
    school = signed_in_client("school_safeguarding_lead", agency=agencies["EDU"])
    url = reverse("sharing:caldicott-advice", args=[decision.reference])
    assert school.get(url).status_code == 404
    advice = {"advice": "Share the summary only.", "adviser": "Dr Example", "advised_on_day": "1",
              "advised_on_month": "1", "advised_on_year": "2026"}  # fmt: skip
    assert school.post(url, advice).status_code == 404
    assert not CaldicottAdvice.objects.exists()
