"""A survivor coming back with their reference and passphrase to change their choices.

A match lets this browser session change that account's choices for a short while; it
never shows the account. Wrong tries are limited per address (limits.py) and audited
without the address.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from joinedup.web.audit.services import record_event
from joinedup.web.survivors.models import Account, ConsentRecord
from joinedup.web.survivors.services.consent import Choices, record_consent
from joinedup.web.survivors.services.references import (
    ACCOUNT_PREFIX,
    normalise,
    passphrase_matches,
)

__all__ = [
    "RETURN_MINUTES",
    "account_for_session",
    "change_choices_online",
    "find_by_passphrase",
    "forget",
    "remember",
]

SESSION_KEY = "survivors.returning"
RETURN_MINUTES = 30


def find_by_passphrase(reference: str, passphrase: str) -> Account | None:
    typed = normalise(reference)
    if typed.startswith(ACCOUNT_PREFIX):
        typed = f"{ACCOUNT_PREFIX}-{typed[len(ACCOUNT_PREFIX) :]}"
    account = Account.objects.filter(reference=typed, passphrase_hash__gt="").first()
    if account is not None and passphrase_matches(passphrase, account.passphrase_hash):
        return account
    record_event(
        None,
        "survivors.passphrase_refused",
        target_type="survivor_account",
        target_id=account.pk if account else "",
    )
    return None


def remember(session: SessionBase, account: Account) -> None:
    session[SESSION_KEY] = {"account": account.pk, "at": timezone.now().isoformat()}


def forget(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def account_for_session(session: SessionBase) -> Account | None:
    found = session.get(SESSION_KEY)
    if not found:
        return None
    at = datetime.fromisoformat(found["at"])
    if timezone.now() - at > timedelta(minutes=RETURN_MINUTES):
        forget(session)
        return None
    return Account.objects.filter(pk=found["account"]).first()


def change_choices_online(account: Account, choices: Choices, contact_details: str) -> None:
    record_consent(
        account,
        choices,
        source=ConsentRecord.SURVIVOR_ONLINE,
        asked_at=timezone.now(),
        contact_details=contact_details,
    )
