"""The signed-in session: when it started, when it was last used, and ending it.

A session counts as signed in only when the user gave both their password and a
two-factor code (django-otp marks the session verified). Idle and absolute limits
come from settings (JOINEDUP_SESSION_IDLE_MINUTES, JOINEDUP_SESSION_MAX_HOURS).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.audit.services import record_event

SIGNED_IN_AT = "joinedup.signed_in_at"
LAST_ACTIVITY = "joinedup.last_activity"
ENDED_BECAUSE = "joinedup.ended_because"
IDLE, MAX_AGE, SIGNED_OUT = "idle", "max_age", "signed_out"


def is_signed_in(request: HttpRequest) -> bool:
    """Signed in with a password and verified with a second factor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def start(request: HttpRequest) -> None:
    mark_started(request.session)


def mark_started(session: SessionBase) -> None:
    """Stamp a session as signed in now (also used by the tests' signed-in client)."""
    now = _stamp(timezone.now())
    session[SIGNED_IN_AT] = now
    session[LAST_ACTIVITY] = now


def touch(request: HttpRequest) -> None:
    request.session[LAST_ACTIVITY] = _stamp(timezone.now())


def end_if_expired(request: HttpRequest) -> str | None:
    """End the session if it has been idle or open too long; say which, else None."""
    now = timezone.now()
    if now - _read(request.session.get(LAST_ACTIVITY)) > settings.SESSION_IDLE_TIMEOUT:
        reason = IDLE
    elif now - _read(request.session.get(SIGNED_IN_AT)) > settings.SESSION_MAX_SIGNED_IN:
        reason = MAX_AGE
    else:
        return None
    with transaction.atomic():
        record_event(request.user, "session.expired", detail={"reason": reason}, request=request)
    end(request, reason)
    return reason


def end(request: HttpRequest, reason: str) -> None:
    """Sign out, and leave the reason in the new session for the sign-in page."""
    logout(request)
    request.session[ENDED_BECAUSE] = reason


def ended_because(request: HttpRequest) -> str | None:
    reason = request.session.pop(ENDED_BECAUSE, None)
    return str(reason) if reason else None


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def _read(value: object) -> datetime:
    """A stored time; a session without one counts as long expired."""
    if not isinstance(value, str):
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(value)
