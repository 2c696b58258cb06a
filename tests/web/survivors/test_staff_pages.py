"""The inquiry's pages: the list for every inquiry worker, the content for named readers
only (audited), recording accounts, consent changes, anonymised versions, referrals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.web.audit.models import AuditEntry
from joinedup.web.survivors.models import Account, AnonymisedAccount, ConsentRecord, PoliceReferral

pytestmark = pytest.mark.django_db


def _client(signed_in_client: Callable[..., Any], user: Any) -> Any:
    return signed_in_client(user=user)


def test_every_inquiry_worker_sees_the_list_without_content(
    signed_in_client: Callable[..., Any], account: Account
) -> None:
    client = signed_in_client("inquiry_team")
    page = client.get(reverse("survivors:index")).content.decode()
    assert account.reference in page
    assert "When I was 14" not in page and "town centre" not in page
    assert "not named to read" in page
    assert client.get(reverse("survivors:account", args=[account.reference])).status_code == 403
    assert not AuditEntry.objects.filter(action="survivors.account_read").exists()


def test_council_staff_get_403(signed_in_client: Callable[..., Any], account: Account) -> None:
    for role in ("team_manager", "administrator", "auditor", "police_analyst"):
        client = signed_in_client(role)
        assert client.get(reverse("survivors:index")).status_code == 403
        assert client.get(reverse("survivors:account", args=[account.reference])).status_code == 403


def test_a_named_reader_reads_the_account_and_it_is_audited_with_ids_only(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    client = _client(signed_in_client, reader)
    page = client.get(reverse("survivors:account", args=[account.reference])).content.decode()
    assert "When I was 14" in page and "someone@example.com" in page
    entry = AuditEntry.objects.get(action="survivors.account_read")
    assert entry.target_id == str(account.pk) and entry.actor_username == reader.username
    assert "14" not in str(entry.detail) and account.reference not in str(entry.detail)


def test_staff_record_an_account_with_the_choices_they_asked(
    signed_in_client: Callable[..., Any], reader: Any
) -> None:
    client = _client(signed_in_client, reader)
    today = timezone.localdate()
    response = client.post(
        reverse("survivors:record"),
        {
            "channel": "phone",
            "received_day": today.day,
            "received_month": today.month,
            "received_year": today.year,
            "text": "",
            "research": "yes",
            "contact": "phone",
            "phone": "01632 960 001",
        },
    )
    account = Account.objects.get()
    assert response["Location"] == reverse("survivors:account", args=[account.reference])
    assert (account.channel, account.recorded_by, account.text) == ("phone", reader, "")
    record = ConsentRecord.objects.get(account=account)
    assert (record.source, record.asked_by, record.how) == (ConsentRecord.STAFF, reader, "phone")
    assert record.research_use and not record.quote_anonymously and record.contact_back
    assert account.contact_details == "01632 960 001"


def test_recording_needs_the_channel_and_date(
    signed_in_client: Callable[..., Any], reader: Any
) -> None:
    client = _client(signed_in_client, reader)
    page = client.post(reverse("survivors:record"), {"text": ""})
    page = page.content.decode()
    assert "Choose how the account was given" in page and "Enter the date" in page
    assert not Account.objects.exists()


def test_only_named_readers_record(signed_in_client: Callable[..., Any], inquiry: Any) -> None:
    client = signed_in_client("inquiry_team")
    assert client.get(reverse("survivors:record")).status_code == 403


def test_staff_record_a_consent_change_the_survivor_asked_for(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    client = _client(signed_in_client, reader)
    today = timezone.localdate()
    response = client.post(
        reverse("survivors:consent", args=[account.reference]),
        {
            "how": "phone",
            "asked_day": today.day,
            "asked_month": today.month,
            "asked_year": today.year,
            "research": "yes",
            "quote": "no",
            "police": "no",
            "contact": "no",
            "note": "Confirmed with their reference.",
        },
    )
    assert response.status_code == 302
    latest = ConsentRecord.objects.filter(account=account).order_by("-pk").first()
    assert latest is not None and latest.asked_by == reader and not latest.quote_anonymously
    account.refresh_from_db()
    assert account.contact_details == ""
    entry = AuditEntry.objects.get(action="survivors.consent_changed")
    assert "Confirmed" not in str(entry.detail)


def test_the_anonymised_version_starts_with_suggestions_taken_out(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    client = _client(signed_in_client, reader)
    page = client.get(reverse("survivors:anonymised", args=[account.reference])).content.decode()
    textarea = page.split('name="text"')[1].split("</textarea>")[0]
    assert "EB4 2QT" not in textarea and "07700 900982" not in textarea
    assert "[Postcode]" in textarea
    assert 'value="1990"' in page and 'value="1999"' in page


def test_a_second_reader_approves_and_the_preparer_cannot(
    signed_in_client: Callable[..., Any], reader: Any, second_reader: Any, account: Account
) -> None:
    mine = _client(signed_in_client, reader)
    mine.post(
        reverse("survivors:anonymised", args=[account.reference]),
        {"text": "When I was 14, [Name] phoned me.", "period_start_year": "1994",
         "period_end_year": "1996"},
    )  # fmt: skip
    version = AnonymisedAccount.objects.get()
    assert version.reference.startswith("AN-") and version.reference != account.reference
    mine.post(reverse("survivors:approve", args=[account.reference]))
    version.refresh_from_db()
    assert version.approved_at is None
    _client(signed_in_client, second_reader).post(
        reverse("survivors:approve", args=[account.reference])
    )
    version.refresh_from_db()
    assert version.approved_by == second_reader
    mine.post(
        reverse("survivors:anonymised", args=[account.reference]),
        {"text": "Changed.", "period_start_year": "1994", "period_end_year": "1996"},
    )
    version.refresh_from_db()
    assert version.approved_at is None and version.text == "Changed."


def test_a_period_that_ends_before_it_starts_is_refused(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    page = _client(signed_in_client, reader).post(
        reverse("survivors:anonymised", args=[account.reference]),
        {"text": "x", "period_start_year": "1999", "period_end_year": "1990"},
    )
    assert "must end in or after" in page.content.decode()
    assert not AnonymisedAccount.objects.exists()


def _referral(details: str, reason: str = "") -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "referred_day": today.day, "referred_month": today.month, "referred_year": today.year,
        "force": "Invented Constabulary", "what_passed": "The allegation against an adult.",
        "contact_details": details, "reason": reason, "police_reference": "INV/1",
    }  # fmt: skip


def test_contact_details_go_to_police_only_with_consent_or_a_reason(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    client = _client(signed_in_client, reader)
    url = reverse("survivors:referral", args=[account.reference])
    refused = client.post(url, _referral(PoliceReferral.WITH_CONSENT))
    assert "has not agreed" in refused.content.decode()
    short = client.post(url, _referral(PoliceReferral.PROTECT_CHILD, "Needed."))
    assert "Give the reason" in short.content.decode()
    assert not PoliceReferral.objects.exists()
    client.post(url, _referral(PoliceReferral.NO_DETAILS))
    client.post(
        url, _referral(PoliceReferral.PROTECT_CHILD, "A child named in the account is at risk now.")
    )
    assert PoliceReferral.objects.filter(account=account).count() == 2
    details = [e.detail for e in AuditEntry.objects.filter(action="survivors.referral_recorded")]
    assert all("allegation" not in str(d) for d in details)


def test_the_anonymising_page_shows_the_account_so_it_is_audited(
    signed_in_client: Callable[..., Any], reader: Any, account: Account
) -> None:
    _client(signed_in_client, reader).get(reverse("survivors:anonymised", args=[account.reference]))
    assert AuditEntry.objects.filter(action="survivors.account_read").count() == 1
