"""The dashboard, the records held, the accessibility statement, the cookies page and the
health check."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from joinedup import config
from joinedup.web.accounts.models import Notification
from joinedup.web.home.services.dashboard import audit_dashboard, dashboard_for
from joinedup.web.records.status import database_status


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """The signed-in user's dashboard (the URL name is kept from the first overview page)."""
    dashboard = dashboard_for(request.user)
    audit_dashboard(request.user, dashboard, request)
    return render(request, "home/dashboard.html", {"dashboard": dashboard})


@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect("home:overview")


@require_safe
def records(request: HttpRequest) -> HttpResponse:
    """Agencies, their record counts and the import batches (no personal data)."""
    report = database_status()
    return render(request, "home/overview.html", {"report": report, "kinds": report["kinds"]})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    contact = config.get("JOINEDUP_CONTACT_EMAIL")
    return render(request, "home/accessibility.html", {"contact_email": contact})


@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    names = {
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
    }
    return render(request, "home/cookies.html", names)


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
