"""The survivor's form: one question a page, kept in the session, sent once, with a
reference and passphrase shown once; the honeypot and the limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import Account, ConsentRecord
from joinedup.web.survivors.services.references import passphrase_matches
from joinedup.web.survivors.views.public import STEPS

pytestmark = pytest.mark.django_db

ANSWERS = {
    "account": {"text": "Something that happened to me, written for the test."},
    "when": {"decades": ["1990", "2000"]},
    "where": {"area": "Eastbrook"},
    "services": {"agencies": ["police", "health"]},
    "research": {"answer": "yes"},
    "quote": {"answer": "no"},
    "contact": {"contact": "email", "email": "me@example.com"},
    "police": {"answer": "yes"},
}


def _question(step: str) -> str:
    return reverse("survivors_public:question", args=[step])


def _answer_everything(client: Client) -> None:
    for step in STEPS:
        response = client.post(_question(step.name), ANSWERS[step.name])
        assert response.status_code == 302, (step.name, response.content[:500])


def test_the_start_page_says_what_happens_and_how_to_leave(inquiry: Inquiry) -> None:
    page = Client().get(reverse("survivors_public:start")).content.decode()
    assert "Leave this site" in page
    assert "govuk-exit-this-page" in page
    assert "Every question is optional" in page
    assert "Only a small number of named inquiry staff" in page
    assert "NAPAC" in page
    assert "12 hours" in page  # how long what they write is kept


def test_each_question_leads_to_the_next_and_then_to_check_answers(inquiry: Inquiry) -> None:
    client = Client()
    for step, following in zip(STEPS, [*STEPS[1:], None], strict=True):
        response = client.post(_question(step.name), ANSWERS[step.name])
        expected = _question(following.name) if following else reverse("survivors_public:check")
        assert response["Location"] == expected


def test_answers_are_kept_encrypted_in_the_session(inquiry: Inquiry) -> None:
    client = Client()
    client.post(_question("account"), ANSWERS["account"])
    assert "written for the test" in client.get(_question("account")).content.decode()
    stored = Session.objects.get().session_data
    assert "written for the test" not in Session.objects.get().get_decoded().__repr__()
    assert "written for the test" not in stored


def test_sending_makes_the_account_and_shows_the_passphrase_once(inquiry: Inquiry) -> None:
    client = Client()
    _answer_everything(client)
    check = client.get(reverse("survivors_public:check")).content.decode()
    assert "me@example.com" in check and "Something that happened" in check
    sent = client.post(reverse("survivors_public:check"), {"website": ""})
    assert sent["Location"] == reverse("survivors_public:sent")
    account = Account.objects.get()
    page = client.get(reverse("survivors_public:sent")).content.decode()
    assert account.reference in page
    passphrase = page.split('id="passphrase">')[1].split("<")[0]
    assert passphrase_matches(passphrase, account.passphrase_hash)
    assert passphrase not in account.passphrase_hash
    again = client.get(reverse("survivors_public:sent")).content.decode()
    assert passphrase not in again and account.reference not in again
    assert account.channel == Account.ONLINE_FORM and account.recorded_by is None
    assert (account.decades, account.agencies) == ([1990, 2000], ["health", "police"])
    assert (account.contact_method, account.contact_details) == ("email", "me@example.com")
    choices = ConsentRecord.objects.get(account=account)
    assert (choices.research_use, choices.quote_anonymously, choices.pass_to_police) == (
        True, False, True,
    )  # fmt: skip
    assert choices.source == ConsentRecord.FORM


def test_the_audit_entry_of_a_sent_account_holds_no_address_or_words(inquiry: Inquiry) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Invented browser")
    _answer_everything(client)
    client.post(reverse("survivors_public:check"), {"website": ""})
    entry = AuditEntry.objects.get(action="survivors.account_submitted")
    assert (entry.ip_address, entry.user_agent, entry.actor_username) == ("", "", "")
    assert "Something" not in str(entry.detail) and "example.com" not in str(entry.detail)


def test_every_question_may_be_skipped(inquiry: Inquiry) -> None:
    client = Client()
    assert client.post(reverse("survivors_public:check"), {"website": ""}).status_code == 302
    account = Account.objects.get()
    assert account.text == "" and account.contact_details == ""
    assert not ConsentRecord.objects.filter(research_use=True).exists()


def test_a_filled_honeypot_makes_nothing(inquiry: Inquiry) -> None:
    client = Client()
    _answer_everything(client)
    response = client.post(reverse("survivors_public:check"), {"website": "http://spam"})
    assert response.status_code == 200
    assert not Account.objects.exists()


def test_sending_is_limited_per_address(inquiry: Inquiry, settings: Any) -> None:
    for _ in range(5):
        Client(REMOTE_ADDR="198.51.100.7").post(reverse("survivors_public:check"), {"website": ""})
    refused = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("survivors_public:check"), {"website": ""}
    )
    assert refused.status_code == 429 and "Too many accounts" in refused.content.decode()
    assert Account.objects.count() == 5
    other = Client(REMOTE_ADDR="198.51.100.8").post(
        reverse("survivors_public:check"), {"website": ""}
    )
    assert other.status_code == 302


def test_contact_by_email_needs_an_address(inquiry: Inquiry) -> None:
    response = Client().post(_question("contact"), {"contact": "email", "email": ""})
    assert response.status_code == 200
    assert "Enter an e-mail address" in response.content.decode()


def test_deleting_forgets_the_answers(inquiry: Inquiry) -> None:
    client = Client()
    client.post(_question("account"), ANSWERS["account"])
    client.post(reverse("survivors_public:delete"))
    assert "written for the test" not in client.get(_question("account")).content.decode()


def test_without_an_inquiry_the_form_says_so(db: None) -> None:
    page = Client().get(reverse("survivors_public:start")).content.decode()
    assert "not taking accounts" in page
    assert Client().get(_question("account")).status_code == 404


def test_no_page_of_the_form_may_be_cached(inquiry: Inquiry) -> None:
    client = Client()
    for url in (reverse("survivors_public:start"), _question("account"),
                reverse("survivors_public:check"), reverse("survivors_public:sent")):  # fmt: skip
        assert "no-store" in client.get(url)["Cache-Control"], url
