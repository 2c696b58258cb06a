"""API tokens: make one (its secret shown once), revoke one, and check one presented.

A token is `jdu_` and 43 random URL-safe characters (256 bits); only its SHA-256 is
stored, so a copy of the database gives no working token. A token lasts at most
MAX_DAYS (a token skips the two-factor step, so it must not live for ever), and works
only while its user's account is active and not locked out. Making, revoking and
refusing a token are audited (`api.token.create`, `api.token.revoke`,
`api.token.rejected`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.lockout import locked_usernames
from joinedup.web.api.models import ApiToken
from joinedup.web.audit.services import record_event

__all__ = [
    "DEFAULT_DAYS",
    "MAX_DAYS",
    "SHOWN_CHARACTERS",
    "NewToken",
    "TokenRejected",
    "create_token",
    "revoke_token",
    "tokens_of",
    "user_for_token",
]

PREFIX = "jdu_"
DEFAULT_DAYS, MAX_DAYS = 30, 90
SHOWN_CHARACTERS = 12  # 'jdu_' and 8 random characters: enough to tell tokens apart
LAST_USED_EVERY = timedelta(minutes=1)  # record use at most this often (fewer writes)


class TokenRejected(Exception):
    """A presented token that does not work; the message says why, for the client."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; never stored


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: Any, name: str, days: int = DEFAULT_DAYS, *, by: str) -> NewToken:
    """A new token for `user`, valid for `days` (1 to MAX_DAYS); audited."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InputError("token name: expected 1 to 100 characters saying what it is for")
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"token lifetime {days} days: expected 1 to {MAX_DAYS} days")
    if tokens_of(user).filter(name=name, revoked_at__isnull=True).exists():
        raise InputError(f"{user.username} already has a token called {name!r}; revoke it first")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[:SHOWN_CHARACTERS], token_hash=hash_of(secret),
            created_at=now, created_by=by, expires_at=now + timedelta(days=days),
        )  # fmt: skip
        record_event(
            user, "api.token.create", target_type="api_token", target_id=token.pk,
            detail={"name": name, "prefix": token.prefix, "by": by,
                    "expires_at": token.expires_at.isoformat()},
        )  # fmt: skip
    return NewToken(token, secret)


def revoke_token(token: ApiToken, *, by: str) -> None:
    """Stop a token working from now on (revoking twice changes nothing); audited."""
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
        record_event(
            token.user, "api.token.revoke", target_type="api_token", target_id=token.pk,
            detail={"name": token.name, "prefix": token.prefix, "by": by},
        )  # fmt: skip


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_for_token(secret: str, request: HttpRequest | None = None) -> Any:
    """The user a presented token acts as; TokenRejected (audited) if it does not work."""
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_of(secret)).first()
    if token is None:
        raise _rejected(None, secret[:SHOWN_CHARACTERS], "unknown", request)
    reason = _why_not_working(token)
    if reason:
        raise _rejected(token, token.prefix, reason, request)
    _note_use(token)
    return token.user


def _why_not_working(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.is_expired:
        return "expired"
    if not token.user.is_active:
        return "account_inactive"
    if token.user.username in locked_usernames():
        return "account_locked"
    return ""


_MESSAGES = {
    "unknown": "The API token is not recognised. Check it was copied in full.",
    "revoked": "The API token has been revoked. Make a new one on your account page.",
    "expired": "The API token has expired. Make a new one on your account page.",
    "account_inactive": "The account this API token belongs to is not active.",
    "account_locked": "The account this API token belongs to is locked after failed "
    "sign-in attempts. Ask an administrator to unlock it.",
}


def _rejected(
    token: ApiToken | None, prefix: str, reason: str, request: HttpRequest | None
) -> TokenRejected:
    # The prefix of an unknown token is what the client sent, so it is kept short.
    with transaction.atomic():
        record_event(
            token.user if token else None, "api.token.rejected", target_type="api_token",
            target_id=token.pk if token else "",
            detail={"prefix": prefix, "reason": reason, "channel": "api"}, request=request,
        )  # fmt: skip
    return TokenRejected(_MESSAGES[reason])


def _note_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
