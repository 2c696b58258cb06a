"""Taking accounts: through the online form, or recorded by inquiry staff; reading them.

An account is as much or as little as the survivor wants: every part may be empty.
Only staff named to read accounts may record or open one (readers.py); every opening
is audited as `survivors.account_read`, with ids only. The online form's entry has no
actor, address or browser in the audit log: nothing there can point back to who wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.survivors.models import Account, AnonymisedAccount, ConsentRecord
from joinedup.web.survivors.services import vocabulary
from joinedup.web.survivors.services.consent import Choices, check_contact, record_consent
from joinedup.web.survivors.services.readers import check_reader
from joinedup.web.survivors.services.references import (
    ACCOUNT_PREFIX,
    hash_passphrase,
    new_passphrase,
    new_reference,
)

__all__ = [
    "AccountDraft",
    "Submitted",
    "account_rows",
    "read_account",
    "record_account",
    "submit_online",
]

TEXT_LIMIT = 50_000
AREA_LIMIT = 100


@dataclass(frozen=True)
class AccountDraft:
    """What the survivor chose to share: any part may be empty."""

    text: str = ""
    decades: tuple[int, ...] = ()
    area: str = ""
    agencies: tuple[str, ...] = ()
    choices: Choices = field(default_factory=Choices)
    contact_details: str = ""

    def check(self) -> None:
        if len(self.text) > TEXT_LIMIT:
            raise InputError(f"The account must be {TEXT_LIMIT:,} characters or fewer")
        if len(self.area) > AREA_LIMIT:
            raise InputError(f"The area must be {AREA_LIMIT} characters or fewer")
        unknown = set(self.decades) - set(vocabulary.decades())
        unknown_agencies = set(self.agencies) - set(vocabulary.agencies())
        if unknown or unknown_agencies:
            raise InputError("Choose decades and agencies from the lists")
        check_contact(self.choices, self.contact_details, None)


@dataclass(frozen=True)
class Submitted:
    account: Account
    passphrase: str  # shown to the survivor once; only its hash is kept


def _new_account(inquiry: Inquiry, draft: AccountDraft, **fields: Any) -> Account:
    now = timezone.now()
    return Account.objects.create(
        inquiry=inquiry,
        reference=new_reference(Account, ACCOUNT_PREFIX),
        text=draft.text.strip(),
        decades=sorted(draft.decades),
        area=draft.area.strip(),
        agencies=sorted(draft.agencies),
        recorded_at=now,
        **fields,
    )


def submit_online(inquiry: Inquiry, draft: AccountDraft) -> Submitted:
    """An account from the public form, with a passphrase to come back with."""
    draft.check()
    passphrase = new_passphrase()
    with transaction.atomic():
        now = timezone.now()
        account = _new_account(
            inquiry,
            draft,
            channel=Account.ONLINE_FORM,
            received_at=now,
            passphrase_hash=hash_passphrase(passphrase),
        )
        record_consent(
            account,
            draft.choices,
            source=ConsentRecord.FORM,
            asked_at=now,
            contact_details=draft.contact_details,
            audit=False,
        )
        record_event(
            None,
            "survivors.account_submitted",
            target_type="survivor_account",
            target_id=account.pk,
            detail=draft.choices.flags(),
        )
    return Submitted(account, passphrase)


def record_account(
    user: Any,
    inquiry: Inquiry,
    draft: AccountDraft,
    channel: str,
    received_at: datetime,
    request: HttpRequest | None = None,
) -> Account:
    """An account given to inquiry staff, with the choices the survivor made when asked."""
    check_reader(user, inquiry)
    if channel not in dict(Account.CHANNELS) or channel == Account.ONLINE_FORM:
        raise InputError("Choose how the account was given")
    if received_at > timezone.now():
        raise InputError("The date the account was given must be today or in the past")
    draft.check()
    with transaction.atomic():
        account = _new_account(
            inquiry, draft, channel=channel, received_at=received_at, recorded_by=user
        )
        record_consent(
            account,
            draft.choices,
            source=ConsentRecord.STAFF,
            asked_at=received_at,
            contact_details=draft.contact_details,
            actor=user,
            how=channel,
            audit=False,
        )
        record_event(
            user,
            "survivors.account_recorded",
            target_type="survivor_account",
            target_id=account.pk,
            detail={"channel": channel, **draft.choices.flags()},
            request=request,
        )
    return account


def read_account(user: Any, account: Account, request: HttpRequest | None = None) -> Account:
    """The account for a named reader, audited; PermissionDenied for anyone else."""
    check_reader(user, account.inquiry)
    record_event(
        user,
        "survivors.account_read",
        target_type="survivor_account",
        target_id=account.pk,
        request=request,
    )
    return account


def account_rows(inquiry: Inquiry) -> QuerySet[Account]:
    """The list every inquiry worker sees: references, channel, dates and flags only
    (the view shows no text, area or contact details)."""
    latest = ConsentRecord.objects.filter(account=OuterRef("pk")).order_by("-recorded_at", "-pk")
    approved = AnonymisedAccount.objects.filter(account=OuterRef("pk"), approved_at__isnull=False)
    prepared = AnonymisedAccount.objects.filter(account=OuterRef("pk"))
    return (
        Account.objects.filter(inquiry=inquiry)
        .only("pk", "reference", "channel", "received_at", "inquiry_id")
        .annotate(
            research_use=Subquery(latest.values("research_use")[:1]),
            quote_anonymously=Subquery(latest.values("quote_anonymously")[:1]),
            contact_back=Subquery(latest.values("contact_back")[:1]),
            pass_to_police=Subquery(latest.values("pass_to_police")[:1]),
            anonymised_approved=Exists(approved),
            anonymised_prepared=Exists(prepared),
            referral_count=Count("referrals"),
        )
        .order_by("-received_at", "-pk")
    )
