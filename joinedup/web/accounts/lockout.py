"""What a locked-out sign-in attempt sees (django-axes calls `lockout_response`).

The message is the same whether or not the username belongs to an account, so the
page reveals nothing about which accounts exist.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.accounts.forms import SignInForm
from joinedup.web.accounts.signing_in import PENDING_USER


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "There have been too many attempts to sign in with this username. "
        f"Wait {minutes} minutes and try again, or ask an administrator to unlock it."
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    request.session.pop(PENDING_USER, None)
    context = {"form": SignInForm(), "summary_error": lockout_message()}
    return render(request, "accounts/sign_in.html", context, status=429)


def locked_usernames() -> set[str]:
    """Usernames locked now: as many recent failures as the limit allows."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since).values("username")
    totals = recent.annotate(failures=Sum("failures_since_start"))
    return {str(r["username"]) for r in totals if r["failures"] >= settings.AXES_FAILURE_LIMIT}


def unlock_username(username: str) -> int:
    """Clear a username's failed attempts; return how many records went."""
    from axes.utils import reset

    return int(reset(username=username))
