"""The choices the forms offer: agencies, and the people who may own an item."""

from __future__ import annotations

from joinedup.web.access import roles
from joinedup.web.accounts.models import User
from joinedup.web.records.models import Agency

__all__ = ["agency_choices", "owner_label", "possible_owners"]


def agency_choices() -> list[tuple[str, str]]:
    return [(a.code, f"{a.name} ({a.code})") for a in Agency.objects.order_by("name")]


def possible_owners() -> list[User]:
    """Active users whose role may log (and so own) intelligence items."""
    owning = [r for r in roles.roles() if "log_intelligence" in roles.capabilities(r)]
    return list(User.objects.filter(is_active=True, role__in=owning).order_by("username"))


def owner_label(user: User) -> str:
    name = user.get_full_name()
    who = f"{name} ({user.username})" if name else user.username
    return f"{who}, {user.role_label}"
