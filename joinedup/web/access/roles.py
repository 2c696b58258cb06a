"""The roles table (data/roles.yaml), the default sharing agreement (data/sharing.yaml)
and the purposes list (data/purposes.yaml), loaded and checked once.

These are plain data: what a role may do, how it finds children, and which agency's
records it may see. A bad file raises ConfigurationError naming the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from joinedup.errors import ConfigurationError
from joinedup.records import vocabularies

__all__ = [
    "CAPABILITIES",
    "LEVELS",
    "RoleRules",
    "capabilities",
    "default_level",
    "purposes",
    "role_rules",
]

SCOPES = frozenset({"allocation", "team", "agreement", "everyone", "nobody"})
LEVELS = ("none", "summaries", "narratives")
CAPABILITIES = (
    "view_children",
    "view_narratives",
    "view_special_category",
    "view_criminal_offence",
    "review_links",
    "record_agreed_grades",
    "view_audit",
    "administer",
    "break_glass",
    "make_referrals",
    "screen_referrals",
    "work_cases",
    "allocate_cases",
    "attend_meetings",
    "run_meetings",
    "log_intelligence",
    "record_sharing_decisions",
    "update_recommendations",
    "manage_recommendations",
    "sign_off_recommendations",
    "manage_retention",
    "place_legal_holds",
    "publish_statistics",
    "inquiry_work",
    "read_released_documents",
    "take_part_in_panel",
)


@dataclass(frozen=True, slots=True)
class RoleRules:
    role: str
    sees_children_by: str
    capabilities: frozenset[str]
    # The URL namespaces (or "namespace:name") the role may reach at all; None: no limit.
    only_areas: frozenset[str] | None = None


def _read(name: str) -> dict[str, Any]:
    text = resources.files("joinedup.web.access").joinpath(f"data/{name}").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigurationError(f"access/data/{name}: expected a mapping with version: 1")
    return data


@cache
def _roles() -> dict[str, RoleRules]:
    data = _read("roles.yaml")
    declared = set(data["capabilities"])
    if declared != set(CAPABILITIES):
        raise ConfigurationError(f"access/data/roles.yaml: capabilities must be {CAPABILITIES}")
    rules = {}
    for role, entry in data["roles"].items():
        caps = frozenset(entry["capabilities"])
        if not caps <= declared or entry["sees_children_by"] not in SCOPES:
            raise ConfigurationError(
                f"access/data/roles.yaml: role {role}: unknown capability or sees_children_by"
            )
        areas = entry.get("only_areas")
        if areas is not None and not (
            isinstance(areas, list) and all(isinstance(a, str) and a for a in areas)
        ):
            raise ConfigurationError(
                f"access/data/roles.yaml: role {role}: only_areas must be a list of URL names"
            )
        only = frozenset(areas) if areas is not None else None
        rules[role] = RoleRules(role, entry["sees_children_by"], caps, only)
    return rules


@cache
def _sharing() -> dict[str, dict[str, str]]:
    data = _read("sharing.yaml")
    kinds = vocabularies.codes("agency_kind")
    table: dict[str, dict[str, str]] = {}
    for role, grants in data["roles"].items():
        for kind, level in (grants or {}).items():
            if kind not in kinds or level not in LEVELS:
                raise ConfigurationError(
                    f"access/data/sharing.yaml: role {role}: {kind}: {level} "
                    f"(expected an agency kind and one of {', '.join(LEVELS)})"
                )
        table[role] = dict(grants or {})
    return table


def role_rules(role: str) -> RoleRules:
    """The rules of a role; a role missing from the table may do nothing."""
    return _roles().get(role, RoleRules(role, "nobody", frozenset()))


def capabilities(role: str) -> frozenset[str]:
    return role_rules(role).capabilities


def roles() -> tuple[str, ...]:
    return tuple(_roles())


def default_level(role: str, agency_kind: str) -> str:
    """The shipped agreement's level for a role and a kind of agency."""
    return _sharing().get(role, {}).get(agency_kind, "none")


@cache
def purposes() -> dict[str, str]:
    """Purpose code -> label, in the order the form offers them."""
    return {str(k): str(v) for k, v in _read("purposes.yaml")["purposes"].items()}
