"""The administration pages (/admin/): administrators only, after two-factor sign-in.

Django's own admin login is never used: the sign-in middleware sends everyone through
the two-step sign-in first, and this site then asks for the `administer` capability.
It manages accounts, teams, allocations and changes to the sharing agreement.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from joinedup.web.access.models import Allocation, SharingAgreement
from joinedup.web.access.services import has_capability
from joinedup.web.accounts import sessions
from joinedup.web.accounts.models import Team, User


class JoinedUpAdminSite(admin.AdminSite):
    site_header = "joinedup administration"
    site_title = "joinedup administration"
    index_title = "Accounts, teams, allocations and sharing agreements"

    def has_permission(self, request: HttpRequest) -> bool:
        return sessions.is_signed_in(request) and has_capability(request.user, "administer")

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Signed in without the capability: refused; otherwise the two-step sign-in."""
        if sessions.is_signed_in(request):
            return render(request, "403.html", status=403)
        return redirect(reverse("accounts:sign-in") + "?" + urlencode({"next": request.path}))


admin_site = JoinedUpAdminSite(name="admin")


class AdministratorsOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every permission comes from the role's `administer` capability, not Django's."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_capability(request.user, "administer")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_capability(request.user, "administer")

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return has_capability(request.user, "administer")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_capability(request.user, "administer")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User, site=admin_site)
class UserAdmin(AdministratorsOnly):
    list_display = ["username", "first_name", "last_name", "role", "agency", "team", "is_active"]
    list_filter = ["role", "agency", "team", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = ["username", "first_name", "last_name", "email", "role", "agency", "team"]
    fields += ["is_active"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        """Accounts are made with `joinedup users create`, which sets a checked password."""
        return False


@admin.register(Team, site=admin_site)
class TeamAdmin(AdministratorsOnly):
    list_display = ["name", "manager"]


@admin.register(Allocation, site=admin_site)
class AllocationAdmin(AdministratorsOnly):
    list_display = ["person", "user", "team", "allocated_from", "allocated_to", "allocated_by"]
    list_filter = ["team"]
    raw_id_fields = ["person"]
    exclude = ["allocated_by"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.allocated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SharingAgreement, site=admin_site)
class SharingAgreementAdmin(AdministratorsOnly):
    list_display = ["role", "agency", "level", "updated_by", "updated_at"]
    list_filter = ["role", "agency"]
    exclude = ["updated_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Deleting a change goes back to the shipped default (data/sharing.yaml)."""
        return has_capability(request.user, "administer")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.updated_by = request.user.get_username()
        super().save_model(request, obj, form, change)
