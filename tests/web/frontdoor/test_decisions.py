"""The decision at the end of screening: what it needs first, each decision, the reason
for no further action, opening a case for the specialist team, and telling the referrer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from joinedup.web.accounts.models import Notification
from joinedup.web.audit.models import AuditEntry
from joinedup.web.cases.models import Case
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services import (
    StepRefused,
    decide_contact,
    link_child,
    rate_contact,
    record_not_in_index,
    start_screening,
)
from joinedup.web.frontdoor.services.vocabulary import decisions
from tests.web.conftest import SignedInClient
from tests.web.frontdoor.conftest import RECEIVED_AT, Index

pytestmark = pytest.mark.django_db

Make = Callable[..., Contact]


@pytest.fixture
def referrer(make_user: Callable[..., Any]) -> Any:
    return make_user("school_safeguarding_lead")


@pytest.fixture
def ready(screener: SignedInClient, make_contact: Make, referrer: Any, index: Index) -> Contact:
    """A contact in screening, linked to P-000001 and rated amber."""
    user = screener.user
    contact = start_screening(user, make_contact(referrer), version=None)
    contact = link_child(user, contact, index.persons["P-000001"], version=None)
    return rate_contact(user, contact, "amber", "Partners know the adult", version=None)


def _decide(client: SignedInClient, contact: Contact, **posted: str) -> Any:
    return client.post(f"/front-door/contacts/{contact.reference}/decision/",
                       {"version": str(contact.version), **posted})  # fmt: skip


@pytest.mark.parametrize("code", ["advice", "early_help", "childrens_social_care",
                                  "strategy_discussion"])  # fmt: skip
def test_each_decision_is_recorded_audited_and_ends_screening(
    screener: SignedInClient, ready: Contact, code: str
) -> None:
    done = _decide(screener, ready, decision=code, reason="")
    assert done.status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.decision, ready.decided_by) == ("decided", code, screener.user)
    assert ready.decided_at is not None and ready.case is None
    entry = AuditEntry.objects.get(action="frontdoor.decided")
    assert entry.detail == {"decision": code, "rag": "amber", "within_target": False,
                            "person_id": "P-000001", "case": ""}  # fmt: skip


def test_the_decision_records_whether_it_was_within_the_target(
    screener: SignedInClient, ready: Contact
) -> None:
    decide_contact(screener.user, ready, "advice", "", version=ready.version,
                   now=RECEIVED_AT + timedelta(hours=23))  # fmt: skip
    assert AuditEntry.objects.get(action="frontdoor.decided").detail["within_target"] is True


def test_no_further_action_needs_a_reason(screener: SignedInClient, ready: Contact) -> None:
    page = _decide(screener, ready, decision="no_further_action", reason=" ")
    assert page.status_code == 200
    assert "Enter the reason for no further action" in page.text
    with pytest.raises(StepRefused, match="Enter the reason"):
        decide_contact(screener.user, ready, "no_further_action", "", version=None)
    ready.refresh_from_db()
    assert ready.status == "in_screening"
    reason = "Known to services and safe at home."
    done = _decide(screener, ready, decision="no_further_action", reason=reason)
    assert done.status_code == 302
    ready.refresh_from_db()
    assert (ready.decision, ready.decision_reason) == ("no_further_action", reason)


def test_a_short_reason_reads_back_as_typed(screener: SignedInClient, ready: Contact) -> None:
    """A text under 16 bytes is one Fernet block: it must decrypt too (crypto/cipher.py)."""
    decide_contact(screener.user, ready, "no_further_action", "Known and safe.", version=None)
    ready.refresh_from_db()
    assert ready.decision_reason == "Known and safe."


def test_a_decision_needs_a_rating_and_the_child_checked_first(
    screener: SignedInClient, make_contact: Make, referrer: Any
) -> None:
    contact = start_screening(screener.user, make_contact(referrer), version=None)
    with pytest.raises(StepRefused, match="Link the contact to a child.*Record a RAG rating"):
        decide_contact(screener.user, contact, "advice", "", version=None)
    page = screener.get(f"/front-door/contacts/{contact.reference}/decision/")
    assert "Before you can record the decision" in page.text
    assert 'name="decision"' not in page.text
    contact.refresh_from_db()
    assert contact.status == "in_screening"


def test_a_decision_is_possible_when_the_child_is_not_in_the_index(
    screener: SignedInClient, make_contact: Make, referrer: Any
) -> None:
    contact = start_screening(screener.user, make_contact(referrer), version=None)
    contact = record_not_in_index(screener.user, contact, version=None)
    contact = rate_contact(screener.user, contact, "green", "Low", version=None)
    done = decide_contact(screener.user, contact, "early_help", "", version=None)
    assert done.status == "decided"


def test_an_unknown_decision_is_refused(screener: SignedInClient, ready: Contact) -> None:
    assert "open_case" in decisions()
    with pytest.raises(StepRefused, match="not a decision"):
        decide_contact(screener.user, ready, "send_away", "x", version=None)
    page = _decide(screener, ready, decision="send_away")
    assert "Select the decision" in page.text


def test_opening_a_case_creates_it_through_the_cases_app_and_links_it(
    screener: SignedInClient, ready: Contact
) -> None:
    done = _decide(screener, ready, decision="open_case", reason="Exploited by the adult.")
    assert done.status_code == 302
    ready.refresh_from_db()
    case = Case.objects.get()
    assert ready.case == case
    assert (case.person.person_id, case.subject_kind, case.opened_by) == (
        "P-000001", "child", screener.user)  # fmt: skip
    opened = AuditEntry.objects.get(action="cases.open")
    assert opened.detail["source"] == f"referral {ready.reference}"
    decided = AuditEntry.objects.get(action="frontdoor.decided")
    assert decided.detail["case"] == case.reference
    assert case.reference in screener.get(done["Location"]).text


def test_a_case_is_not_opened_for_a_child_not_in_the_index(
    screener: SignedInClient, ready: Contact
) -> None:
    unlinked = record_not_in_index(screener.user, ready, version=ready.version)
    with pytest.raises(StepRefused, match="only for a child linked in the person index"):
        decide_contact(screener.user, unlinked, "open_case", "", version=unlinked.version)
    assert Case.objects.count() == 0
    unlinked.refresh_from_db()
    assert unlinked.status == "in_screening"


def test_the_referrer_is_told_the_outcome_but_not_the_reason(
    screener: SignedInClient, ready: Contact, referrer: Any
) -> None:
    decide_contact(screener.user, ready, "no_further_action", "Private reasoning",
                   version=ready.version)  # fmt: skip
    told = Notification.objects.get(recipient=referrer)
    assert told.kind == "frontdoor_outcome"
    assert "No further action" in told.body and "Private reasoning" not in told.body


def test_the_referrer_sees_the_outcome_but_not_the_screening(
    signed_in_client: Callable[..., SignedInClient], screener: SignedInClient, ready: Contact,
    referrer: Any,
) -> None:  # fmt: skip
    decide_contact(screener.user, ready, "early_help", "Notes for the team", version=None)
    page = signed_in_client(user=referrer).get(f"/front-door/contacts/{ready.reference}/")
    assert page.status_code == 200
    assert "Refer to early help" in page.text
    for hidden in ("Notes for the team", "Partners know the adult", "P-000001", "Amber"):
        assert hidden not in page.text
    entry = AuditEntry.objects.filter(action="frontdoor.view").latest("sequence")
    assert (entry.actor_username, entry.detail["as"]) == (referrer.username, "referrer")
