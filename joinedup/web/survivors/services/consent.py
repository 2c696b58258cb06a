"""Consent choices: recorded, never overwritten; the latest record is what holds.

A change is a new `ConsentRecord`, whether the survivor makes it online (with their
reference and passphrase) or asks inquiry staff (who record who asked, when and how).
Contact details live on the account, encrypted, and are erased as soon as the survivor
no longer wants to be contacted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.survivors.models import Account, ConsentRecord

__all__ = ["Choices", "current_choices", "current_consent", "history", "record_consent"]

CONTACT_METHODS = ("email", "phone")


@dataclass(frozen=True, slots=True)
class Choices:
    """What the survivor agrees to. Anything not answered is a no."""

    research_use: bool = False
    quote_anonymously: bool = False
    contact_back: bool = False
    contact_method: str = ""
    pass_to_police: bool = False

    def flags(self) -> dict[str, Any]:
        """For the audit log: the choices only, never contact details."""
        return asdict(self)


def current_consent(account: Account) -> ConsentRecord | None:
    return ConsentRecord.objects.filter(account=account).order_by("-recorded_at", "-pk").first()


def current_choices(account: Account) -> Choices:
    found = current_consent(account)
    if found is None:
        return Choices()
    return Choices(
        found.research_use,
        found.quote_anonymously,
        found.contact_back,
        found.contact_method,
        found.pass_to_police,
    )


def history(account: Account) -> list[ConsentRecord]:
    """Every record, latest first."""
    return list(
        ConsentRecord.objects.filter(account=account)
        .select_related("asked_by")
        .order_by("-recorded_at", "-pk")
    )


def check_contact(choices: Choices, details: str, account: Account | None) -> None:
    if not choices.contact_back:
        return
    if choices.contact_method not in CONTACT_METHODS:
        raise InputError("Choose how to contact them: by e-mail or by phone")
    held = (
        account is not None
        and account.contact_method == choices.contact_method
        and bool(account.contact_details)
    )
    if not details.strip() and not held:
        how = "e-mail address" if choices.contact_method == "email" else "phone number"
        raise InputError(f"Enter the {how} to contact them on")


def record_consent(
    account: Account,
    choices: Choices,
    *,
    source: str,
    asked_at: datetime,
    contact_details: str = "",
    actor: Any = None,
    how: str = "",
    note: str = "",
    request: HttpRequest | None = None,
    audit: bool = True,
) -> ConsentRecord:
    """A new record of the survivor's choices; the account's contact details follow them."""
    check_contact(choices, contact_details, account)
    with transaction.atomic():
        _keep_contact(account, choices, contact_details)
        made = ConsentRecord.objects.create(
            account=account,
            **choices.flags(),
            source=source,
            how=how,
            asked_by=actor if source == ConsentRecord.STAFF else None,
            asked_at=asked_at,
            recorded_at=timezone.now(),
            note=note,
        )
        if not audit:
            return made  # the caller's own audit entry (a new account) covers it
        online = source != ConsentRecord.STAFF
        record_event(
            None if online else actor,
            "survivors.consent_changed_online" if online else "survivors.consent_changed",
            target_type="survivor_account",
            target_id=account.pk,
            detail={"consent_record": made.pk, **choices.flags()},
            request=None if online else request,
        )
    return made


def _keep_contact(account: Account, choices: Choices, details: str) -> None:
    if choices.contact_back:
        account.contact_method = choices.contact_method
        if details.strip():
            account.contact_details = details.strip()  # type: ignore[assignment]
    else:
        account.contact_method = ""
        account.contact_details = ""  # type: ignore[assignment]
    account.save(update_fields=["contact_method", "contact_details"])
