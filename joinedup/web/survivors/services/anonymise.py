"""The anonymised version of an account: what analysis may use.

Staff named to read accounts prepare it, starting from the account with the redaction
engine's suggestions already taken out (`joinedup.disclosure.redaction`), edit it and
give the period it describes; a second named reader approves it. Editing an approved
version withdraws the approval until someone else approves it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.disclosure.redaction import apply_redactions, suggest_redactions
from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.redaction.services.known import known_people
from joinedup.web.survivors.models import Account, AnonymisedAccount
from joinedup.web.survivors.services.readers import check_reader
from joinedup.web.survivors.services.references import ANONYMISED_PREFIX, new_reference

__all__ = ["Anonymised", "approve", "first_draft", "save_anonymised", "suggested_period"]

EARLIEST_YEAR = 1900
SAME_PERSON = "A second person must approve it: you prepared this version."


@dataclass(frozen=True)
class Anonymised:
    text: str
    period_start_year: int | None
    period_end_year: int | None


def first_draft(account: Account) -> str:
    """The account with every suggested redaction taken out ("[Name]", "[Postcode]"...):
    the people of the person index and the cipher registry (the redaction app's
    `known_people`), and the patterns (postcodes, phone numbers, dates of birth...)."""
    return apply_redactions(account.text, suggest_redactions(account.text, known_people()))


def suggested_period(account: Account) -> tuple[int | None, int | None]:
    """From the decades the survivor gave: the first year of the first, the last of the last."""
    if not account.decades:
        return None, None
    return min(account.decades), max(account.decades) + 9


def _check(version: Anonymised) -> None:
    if not version.text.strip():
        raise InputError("Enter the anonymised text")
    this_year = timezone.localdate().year
    for year in (version.period_start_year, version.period_end_year):
        if year is not None and not EARLIEST_YEAR <= year <= this_year:
            raise InputError(f"Years must be between {EARLIEST_YEAR} and {this_year}")
    start, end = version.period_start_year, version.period_end_year
    if start is not None and end is not None and end < start:
        raise InputError("The period must end in or after the year it starts")


def save_anonymised(
    user: Any, account: Account, version: Anonymised, request: HttpRequest | None = None
) -> AnonymisedAccount:
    check_reader(user, account.inquiry)
    _check(version)
    with transaction.atomic():
        found = AnonymisedAccount.objects.select_for_update().filter(account=account).first()
        if found is None:
            found = AnonymisedAccount(
                account=account, reference=new_reference(AnonymisedAccount, ANONYMISED_PREFIX)
            )
        found.text = version.text.strip()  # type: ignore[assignment]
        found.period_start_year = version.period_start_year
        found.period_end_year = version.period_end_year
        found.prepared_by, found.prepared_at = user, timezone.now()
        found.approved_by, found.approved_at = None, None
        found.save()
        record_event(
            user,
            "survivors.anonymised_saved",
            target_type="anonymised_account",
            target_id=found.pk,
            detail={"account": account.pk},
            request=request,
        )
    return found


def approve(
    user: Any, anonymised: AnonymisedAccount, request: HttpRequest | None = None
) -> AnonymisedAccount:
    check_reader(user, anonymised.account.inquiry)
    if anonymised.prepared_by_id == user.pk:
        raise InputError(SAME_PERSON)
    if anonymised.approved_at is not None:
        raise InputError("This version is already approved")
    with transaction.atomic():
        anonymised.approved_by, anonymised.approved_at = user, timezone.now()
        anonymised.save(update_fields=["approved_by", "approved_at"])
        record_event(
            user,
            "survivors.anonymised_approved",
            target_type="anonymised_account",
            target_id=anonymised.pk,
            detail={"account": anonymised.account_id},
            request=request,
        )
    return anonymised
