"""Coming back with the reference and passphrase to change choices or withdraw them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from joinedup.web.audit.models import AuditEntry
from joinedup.web.survivors.models import Account, ConsentRecord
from joinedup.web.survivors.services.accounts import Submitted
from joinedup.web.survivors.services.analysis import accounts_for_analysis
from joinedup.web.survivors.services.consent import current_choices

pytestmark = pytest.mark.django_db


def _come_back(client: Client, submitted: Submitted, passphrase: str | None = None) -> int:
    response = client.post(
        reverse("survivors_public:return"),
        {
            "reference": submitted.account.reference.lower().replace("-", " "),
            "passphrase": passphrase or submitted.passphrase.lower().replace("-", ""),
        },
    )
    return int(response.status_code)


def test_the_passphrase_opens_the_choices_however_it_is_typed(submitted: Submitted) -> None:
    client = Client()
    assert _come_back(client, submitted) == 302
    page = client.get(reverse("survivors_public:choices")).content.decode()
    assert submitted.account.reference in page
    assert "When I was 14" not in page  # the account is never shown back
    assert "someone@example.com" not in page


def test_a_wrong_passphrase_is_refused_and_audited_without_the_address(
    submitted: Submitted,
) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    assert _come_back(client, submitted, "AAAA-BBBB-CCCC-DDDD") == 200
    entry = AuditEntry.objects.get(action="survivors.passphrase_refused")
    assert entry.ip_address == ""
    assert (
        "Enter your reference" in client.get(reverse("survivors_public:choices")).content.decode()
    )


def test_tries_are_limited_per_address(submitted: Submitted) -> None:
    client = Client(REMOTE_ADDR="203.0.113.6")
    for _ in range(10):
        _come_back(client, submitted, "AAAA-BBBB-CCCC-DDDD")
    assert _come_back(client, submitted) == 200  # even the right one, for an hour
    assert _come_back(Client(REMOTE_ADDR="203.0.113.7"), submitted) == 302


def test_changing_a_choice_adds_a_record_and_keeps_the_old_one(submitted: Submitted) -> None:
    client = Client()
    _come_back(client, submitted)
    saved = client.post(
        reverse("survivors_public:choices"),
        {"research": "no", "quote": "yes", "contact": "email", "email": "", "police": "no"},
    )
    assert saved["Location"] == reverse("survivors_public:choices-saved")
    account = submitted.account
    assert ConsentRecord.objects.filter(account=account).count() == 2
    assert current_choices(account).research_use is False
    account.refresh_from_db()
    assert account.contact_details == "someone@example.com"  # kept: left empty
    records = ConsentRecord.objects.filter(account=account).order_by("pk")
    assert records[0].research_use is True and records[1].source == ConsentRecord.SURVIVOR_ONLINE


def test_withdrawing_everything_erases_contact_details_and_leaves_analysis(
    submitted: Submitted, reader: object, second_reader: object
) -> None:
    from joinedup.web.survivors.services.anonymise import Anonymised, approve, save_anonymised

    account = submitted.account
    version = save_anonymised(reader, account, Anonymised("An anonymised account.", 1990, 1995))
    approve(second_reader, version)
    assert list(accounts_for_analysis(account.inquiry)) == [version]
    client = Client()
    _come_back(client, submitted)
    client.post(reverse("survivors_public:choices"), {"withdraw": "1"})
    account = Account.objects.get(pk=account.pk)
    assert (account.contact_method, account.contact_details) == ("", "")
    assert list(accounts_for_analysis(account.inquiry)) == []
    entry = AuditEntry.objects.get(action="survivors.consent_changed_online")
    assert entry.actor_username == "" and entry.detail["research_use"] is False
