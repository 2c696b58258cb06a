"""Which entries and fields of a chronology each role may see (data/reader_roles.yaml).

The chronology core takes the reader's entitlements as an argument; this is where a
role becomes those entitlements. The default role, `partnership_analyst`, is the least
entitled reader who can still produce a chronology: every agency's standard entries,
summaries only, no special-category and no criminal-offence entries (each withheld entry
is counted and said in the export).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from joinedup.errors import InputError

if TYPE_CHECKING:
    from joinedup.chronology import Entitlements

__all__ = ["DEFAULT_ROLE", "ROLES_FILE", "entitlements_for_role", "reader_roles"]

ROLES_FILE = "data/reader_roles.yaml"


@cache
def _roles_file() -> dict[str, Any]:
    text = resources.files("joinedup.web.analysis").joinpath(ROLES_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def reader_roles() -> dict[str, str]:
    """role -> label, in the file's order."""
    return {role: spec["label"] for role, spec in _roles_file()["roles"].items()}


DEFAULT_ROLE: str = _roles_file()["default"]


def entitlements_for_role(role: str) -> Entitlements:
    """The entitlements of a role; an unknown role names the roles there are."""
    from joinedup.chronology import Entitlements  # pyarrow: only when a chronology is made

    spec = _roles_file()["roles"].get(role)
    if spec is None:
        known = ", ".join(reader_roles())
        raise InputError(f"role {role!r}: expected one of {known}")
    agencies = spec.get("agencies", [])
    return Entitlements(
        agencies_visible=None if agencies == "all" else frozenset(agencies),
        narratives=bool(spec.get("narratives", False)),
        special_category=bool(spec.get("special_category", False)),
        criminal_offence=bool(spec.get("criminal_offence", False)),
    )
