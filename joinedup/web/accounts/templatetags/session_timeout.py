"""`{% session_timeout_warning %}`: the idle sign-out warning dialog for base.html.

Renders nothing for someone not signed in. Without JavaScript the dialog never
opens and the session simply ends; the sign-in page then says why.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from joinedup.web.accounts import sessions

register = template.Library()


@register.inclusion_tag("accounts/session_timeout.html", takes_context=True)
def session_timeout_warning(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not sessions.is_signed_in(request):
        return {"show": False}
    idle = int(settings.SESSION_IDLE_TIMEOUT.total_seconds())
    warning = min(int(settings.SESSION_IDLE_WARNING.total_seconds()), idle)
    return {
        "show": True,
        "csrf_token": context.get("csrf_token"),
        "idle_seconds": idle,
        "idle_minutes": idle // 60,
        "warning_seconds": warning,
        "warning_minutes": max(1, warning // 60),
    }
