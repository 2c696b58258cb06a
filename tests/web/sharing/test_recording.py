"""Recording a decision about a child (through the child's record gate) or a context:
what is stored, what is audited, and the form re-shown with its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services.vocabulary import bases_version, guidance
from tests.web.conftest import SignedInClient

pytestmark = pytest.mark.django_db

Client = Callable[..., SignedInClient]


@pytest.fixture
def practitioner_with_child(
    signed_in_client: Client, agencies: dict[str, Any], make_child: Any, allocate: Any,
    opened: Any,
) -> tuple[SignedInClient, Any]:  # fmt: skip
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    child = make_child("CSC")
    allocate(child, client.user)
    opened(client, child)
    return client, child


def test_recording_a_decision_about_a_child_stores_it_and_audits_it_against_the_child(
    practitioner_with_child: tuple[SignedInClient, Any], form_data: Any
) -> None:
    client, child = practitioner_with_child
    url = reverse("sharing:new-child", args=[child.person_id])
    posted = client.post(url, form_data())
    decision = SharingDecision.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == reverse("sharing:decision", args=[decision.reference])
    assert decision.reference == f"SD-{decision.pk:06d}"
    assert (decision.person, decision.subject_kind, decision.outcome) == (child, "child", "shared")
    assert decision.recipient_agency.code == "POL"
    assert decision.categories == ["whereabouts", "risk"]
    assert (decision.decided_by, decision.agency.code) == (client.user, "CSC")
    assert decision.guidance_version == guidance().version
    assert decision.bases_version == bases_version()
    assert decision.shared_at is not None and decision.method == "secure_email"
    entry = AuditEntry.objects.get(action="sharing.decision_recorded")
    assert (entry.target_type, entry.target_id) == ("person", child.person_id)
    assert entry.detail["decision"] == decision.reference
    assert entry.basis == "allocation"
    assert "Where the child was found" not in str(entry.detail), "no narrative in the log"


def test_opening_the_form_for_a_child_is_a_read_of_the_child(
    practitioner_with_child: tuple[SignedInClient, Any],
) -> None:
    client, child = practitioner_with_child
    page = client.get(reverse("sharing:new-child", args=[child.person_id]))
    assert page.status_code == 200
    view = AuditEntry.objects.get(action="person.view")
    assert (view.target_id, view.detail["section"]) == (child.person_id, "sharing_decision_form")


def test_a_decision_not_to_share_needs_reasons_but_no_details_of_sharing(
    practitioner_with_child: tuple[SignedInClient, Any], form_data: Any
) -> None:
    client, child = practitioner_with_child
    data = form_data(outcome="not_shared", shared_on_day="", shared_on_month="",
                     shared_on_year="", shared_time="", method="", shared_detail="")  # fmt: skip
    posted = client.post(reverse("sharing:new-child", args=[child.person_id]), data)
    assert posted.status_code == 302
    decision = SharingDecision.objects.get()
    assert (decision.outcome, decision.shared_at, decision.method) == ("not_shared", None, "")
    assert decision.reason.startswith("The police need")


def test_an_empty_form_is_shown_again_with_every_problem_in_the_error_summary(
    practitioner_with_child: tuple[SignedInClient, Any],
) -> None:
    client, child = practitioner_with_child
    page = client.post(reverse("sharing:new-child", args=[child.person_id]), {})
    assert page.status_code == 200
    summary = page.text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    for message in ("Select the kinds of information", "Describe the information",
                    "Select the agency, or name the organisation", "Select the purpose",
                    "Select the lawful basis", "Select whether you shared the information",
                    "Enter your reasons for sharing or not sharing"):  # fmt: skip
        assert message in summary
    assert page.text.startswith("<!DOCTYPE html>") and "<title>Error: " in page.text
    assert not SharingDecision.objects.exists()
    assert not AuditEntry.objects.filter(action="sharing.decision_recorded").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"categories": ["health"]}, "Select a condition for sharing special-category information"),
        (
            {"categories": ["offences"]},
            "Select a condition for sharing criminal-offence information",
        ),
        ({"urgent": "on"}, "Enter why the information had to be shared before recording"),
        ({"shared_on_year": "2099"}, "The date and time shared must be in the past"),
        ({"shared_on_day": "31", "shared_on_month": "2"}, "The date shared must be a real date"),
        ({"shared_time": "25:00"}, "The time shared must be a real time"),
        ({"method": ""}, "Select how the information was shared"),
        ({"lawful_basis": "consent"}, "Explain why this lawful basis applies here"),
        ({"lawful_basis": "law_enforcement"}, "Select the lawful basis"),
        ({"third_party": "on"}, "Enter how the third party&#x27;s identity is protected"),
        ({"recipient_agency": "other"}, "Select the agency, or name the organisation"),
        ({"recipient_body": "Another council"}, "Select an agency or name another organisation"),
        ({"purpose": "other"}, "Describe the purpose"),
        ({"conditions": ["safeguarding_sch8_para4"]}, "does not go with"),
        ({"caldicott": "given"}, "Enter the Caldicott Guardian&#x27;s advice"),
    ],
)
def test_a_decision_that_breaks_a_rule_is_refused_with_the_reason(
    practitioner_with_child: tuple[SignedInClient, Any], form_data: Any,
    changes: dict[str, Any], message: str,
) -> None:  # fmt: skip
    client, child = practitioner_with_child
    page = client.post(reverse("sharing:new-child", args=[child.person_id]), form_data(**changes))
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert message in page.text
    assert not SharingDecision.objects.exists()


def test_special_category_information_is_shared_with_the_safeguarding_condition(
    practitioner_with_child: tuple[SignedInClient, Any], form_data: Any
) -> None:
    client, child = practitioner_with_child
    data = form_data(
        categories=["sexual_abuse", "offences"], conditions=["safeguarding_sch1_para18"]
    )
    posted = client.post(reverse("sharing:new-child", args=[child.person_id]), data)
    assert posted.status_code == 302
    assert SharingDecision.objects.get().conditions == ["safeguarding_sch1_para18"]


def test_urgent_sharing_before_recording_keeps_the_time_shared_and_why(
    practitioner_with_child: tuple[SignedInClient, Any], form_data: Any
) -> None:
    client, child = practitioner_with_child
    data = form_data(urgent="on", urgent_reason="The child was with the adult that evening.",
                     lawful_basis="vital_interests")  # fmt: skip
    assert (
        client.post(reverse("sharing:new-child", args=[child.person_id]), data).status_code == 302
    )
    decision = SharingDecision.objects.get()
    assert decision.urgent and decision.urgent_reason.startswith("The child was with")
    assert decision.shared_at is not None and decision.shared_at < decision.decided_at


def test_a_child_the_decider_may_not_open_is_refused_and_audited(
    signed_in_client: Client, agencies: dict[str, Any], make_child: Any, form_data: Any
) -> None:
    client = signed_in_client("specialist_practitioner", agency=agencies["CSC"])
    child = make_child("CSC")
    posted = client.post(reverse("sharing:new-child", args=[child.person_id]), form_data())
    assert posted.status_code == 403
    assert AuditEntry.objects.filter(action="person.access_denied", target_id=child.person_id)
    assert not SharingDecision.objects.exists()


def test_a_role_that_does_not_record_decisions_is_refused_even_for_a_child_it_may_open(
    signed_in_client: Client, make_child: Any, form_data: Any
) -> None:
    client = signed_in_client("inquiry_team")
    child = make_child("CSC")
    posted = client.post(reverse("sharing:new-child", args=[child.person_id]), form_data())
    assert posted.status_code == 403
    denied = AuditEntry.objects.get(action="person.access_denied", target_id=child.person_id)
    assert denied.detail["capabilities"] == ["record_sharing_decisions"]
    assert not SharingDecision.objects.exists()


def test_a_decision_about_a_context_is_recorded_and_audited_against_the_decision(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("school_safeguarding_lead", agency=agencies["EDU"])
    data = form_data(context_kind="place", context_name="The underpass by Example Park")
    posted = client.post(reverse("sharing:new-context"), data)
    assert posted.status_code == 302
    decision = SharingDecision.objects.get()
    assert (decision.subject_kind, decision.person, decision.context_kind) == (
        "context",
        None,
        "place",
    )
    entry = AuditEntry.objects.get(action="sharing.decision_recorded")
    assert (entry.target_type, entry.target_id) == ("sharing_decision", decision.reference)


def test_a_context_decision_needs_what_the_context_is(
    signed_in_client: Client, agencies: dict[str, Any], form_data: Any
) -> None:
    client = signed_in_client("school_safeguarding_lead", agency=agencies["EDU"])
    page = client.post(reverse("sharing:new-context"), form_data())
    assert page.status_code == 200
    assert "Select what kind of context the decision is about" in page.text
    assert "Enter the name of the place, group, school or space" in page.text


def test_choosing_a_child_leads_to_their_form_only_when_the_decider_may_open_them(
    signed_in_client: Client, agencies: dict[str, Any], make_child: Any
) -> None:
    client = signed_in_client("police_analyst", agency=agencies["POL"])
    known, unknown = make_child("POL"), make_child("CSC")
    chosen = client.post(
        reverse("sharing:new"), {"about": "child", "person_id": known.person_id.lower()}
    )
    assert chosen["Location"] == reverse("sharing:new-child", args=[known.person_id])
    refused = client.post(
        reverse("sharing:new"), {"about": "child", "person_id": unknown.person_id}
    )
    assert refused.status_code == 200
    assert "Enter the person id of a child whose record you may open" in refused.text
    context = client.post(reverse("sharing:new"), {"about": "context"})
    assert context["Location"] == reverse("sharing:new-context")
