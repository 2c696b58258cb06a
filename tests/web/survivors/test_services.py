"""The services on their own: references, analysis, quotation, public counts."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import Account
from joinedup.web.survivors.services.accounts import AccountDraft, submit_online
from joinedup.web.survivors.services.analysis import (
    accounts_for_analysis,
    accounts_for_quotation,
    may_quote,
)
from joinedup.web.survivors.services.anonymise import Anonymised, approve, save_anonymised
from joinedup.web.survivors.services.consent import Choices, record_consent
from joinedup.web.survivors.services.counts import accounts_heard
from joinedup.web.survivors.services.references import ALPHABET, new_passphrase, new_reference

pytestmark = pytest.mark.django_db


def test_references_are_random_not_sequential(inquiry: Inquiry) -> None:
    made = [submit_online(inquiry, AccountDraft()).account.reference for _ in range(6)]
    assert len(set(made)) == 6
    bodies = [r.split("-")[1] for r in made]
    assert all(len(b) == 8 and set(b) <= set(ALPHABET) for b in bodies)
    assert len({b[-3:] for b in bodies}) > 1  # not a counter with a fixed stem


def test_references_do_not_follow_one_another() -> None:
    drawn = {new_reference(Account, "S") for _ in range(200)}
    assert len(drawn) == 200
    assert len({new_passphrase() for _ in range(50)}) == 50


def _approved(reader: Any, second: Any, account: Account, start: int = 1990) -> Any:
    version = save_anonymised(reader, account, Anonymised("Anonymised.", start, start + 4))
    return approve(second, version)


def test_analysis_takes_approved_versions_of_consenting_accounts_only(
    inquiry: Inquiry, reader: Any, second_reader: Any
) -> None:
    agree = Choices(research_use=True, quote_anonymously=True)
    consenting = submit_online(inquiry, AccountDraft(text="a", choices=agree)).account
    refusing = submit_online(inquiry, AccountDraft(text="b")).account
    unapproved = submit_online(inquiry, AccountDraft(text="c", choices=agree)).account
    kept = _approved(reader, second_reader, consenting)
    _approved(reader, second_reader, refusing)
    save_anonymised(reader, unapproved, Anonymised("Not approved.", None, None))
    assert list(accounts_for_analysis(inquiry)) == [kept]
    assert may_quote(kept)
    record_consent(
        consenting, Choices(research_use=True), source="staff", asked_at=kept.approved_at,
        actor=reader,
    )  # fmt: skip
    assert list(accounts_for_analysis(inquiry)) == [kept]
    assert list(accounts_for_quotation(inquiry)) == []
    record_consent(consenting, Choices(), source="staff", asked_at=kept.approved_at, actor=reader)
    assert list(accounts_for_analysis(inquiry)) == []


def test_public_counts_go_through_disclosure_control(inquiry: Inquiry) -> None:
    assert accounts_heard(inquiry).text == "no"
    for _ in range(3):
        submit_online(inquiry, AccountDraft())
    assert accounts_heard(inquiry).text == "fewer than 8"
    for _ in range(9):
        submit_online(inquiry, AccountDraft())
    heard = accounts_heard(inquiry)
    assert (heard.text, heard.profile_id) == ("about 10", "nhs v1")
