"""The information-sharing agreement in force: the shipped default per kind of agency
(data/sharing.yaml), overridden per agency by administrators' SharingAgreement rows."""

from __future__ import annotations

from typing import Any

from joinedup.web.access import roles
from joinedup.web.access.models import SharingAgreement
from joinedup.web.records.models import Agency

__all__ = ["agency_levels_for", "levels_for_role"]


def levels_for_role(role: str) -> dict[str, str]:
    """Agency code -> none, summaries or narratives, for every agency in the system."""
    overrides = dict(
        SharingAgreement.objects.filter(role=role).values_list("agency__code", "level")
    )
    return {
        code: overrides.get(code, roles.default_level(role, kind))
        for code, kind in Agency.objects.values_list("code", "kind")
    }


def agency_levels_for(user: Any) -> dict[str, str]:
    return levels_for_role(str(user.role))
