"""Referrals to police (DOMAIN.md I33): allegations go to police; the survivor's contact
details only with their consent, unless needed to protect a child, when the reason is
required."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.survivors.models import Account, PoliceReferral
from joinedup.web.survivors.services.consent import current_choices
from joinedup.web.survivors.services.readers import check_reader

__all__ = ["NO_CONSENT", "Referral", "record_referral"]

NO_CONSENT = (
    "The survivor has not agreed to their details going to the police. Pass no contact "
    "details, or choose 'to protect a child' and give the reason."
)
MIN_REASON = 20


@dataclass(frozen=True)
class Referral:
    referred_on: date
    force: str
    what_passed: str
    contact_details: str
    reason: str = ""
    police_reference: str = ""


def _check(account: Account, referral: Referral) -> None:
    if referral.referred_on > timezone.localdate():
        raise InputError("The date of the referral must be today or in the past")
    if not referral.force.strip() or not referral.what_passed.strip():
        raise InputError("Enter the police force and what was passed")
    bases = dict(PoliceReferral.DETAILS_BASES)
    if referral.contact_details not in bases:
        raise InputError("Choose whether contact details were passed, and on what basis")
    if referral.contact_details == PoliceReferral.WITH_CONSENT:
        if not current_choices(account).pass_to_police:
            raise InputError(NO_CONSENT)
    if referral.contact_details == PoliceReferral.PROTECT_CHILD:
        if len(referral.reason.strip()) < MIN_REASON:
            raise InputError(
                f"Give the reason contact details were passed without consent "
                f"(at least {MIN_REASON} characters)"
            )


def record_referral(
    user: Any, account: Account, referral: Referral, request: HttpRequest | None = None
) -> PoliceReferral:
    check_reader(user, account.inquiry)
    _check(account, referral)
    with transaction.atomic():
        made = PoliceReferral.objects.create(
            account=account,
            referred_on=referral.referred_on,
            force=referral.force.strip(),
            what_passed=referral.what_passed.strip(),
            contact_details=referral.contact_details,
            reason=referral.reason.strip(),
            police_reference=referral.police_reference.strip(),
            recorded_by=user,
            recorded_at=timezone.now(),
        )
        record_event(
            user,
            "survivors.referral_recorded",
            target_type="survivor_account",
            target_id=account.pk,
            detail={"referral": made.pk, "contact_details": referral.contact_details},
            request=request,
        )
    return made
