"""Labels for audit actions and access bases.

The shared actions and bases are in this app's data/actions.yaml; each other installed
app may add its own actions in its data/audit_actions.yaml (`actions: {action: label}`).
An action named twice is an error, so no app relabels another's. A file may say
`area: inquiry`: its actions are the independent inquiry's own work, which the council's
auditors do not see (the inquiry reads them on its own audit page; docs/audit.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["action_label", "actions_in_area", "basis_label", "known_actions"]

_FILE = Path(__file__).parent / "data" / "actions.yaml"


@cache
def _vocabulary() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(_FILE.read_text("utf-8"))
    return loaded


@cache
def _all_actions() -> dict[str, str]:
    return {action: label for action, (label, _) in _actions_and_areas().items()}


@cache
def _actions_and_areas() -> dict[str, tuple[str, str]]:
    """Every action -> (label, area); the shared actions and most apps' are "council"."""
    from django.apps import apps

    actions = {str(k): (str(v), "council") for k, v in _vocabulary()["actions"].items()}
    for config in apps.get_app_configs():
        extra = Path(config.path) / "data" / "audit_actions.yaml"
        if not extra.is_file():
            continue
        loaded = yaml.safe_load(extra.read_text("utf-8")) or {}
        added = loaded.get("actions") or {}
        area = str(loaded.get("area", "council"))
        twice = sorted(set(added) & set(actions))
        if twice:
            raise ValueError(f"{extra}: audit actions already named elsewhere: {twice}")
        actions.update({str(k): (str(v), area) for k, v in added.items()})
    return actions


def actions_in_area(area: str) -> frozenset[str]:
    """The actions of one area: "inquiry" (the inquiry's own work) or "council"."""
    return frozenset(a for a, (_, where) in _actions_and_areas().items() if where == area)


def known_actions() -> dict[str, str]:
    return dict(_all_actions())


def action_label(action: str) -> str:
    if action.startswith("api.") and action not in known_actions():
        return f"API: {action[4:]}"
    return str(known_actions().get(action, action))


def basis_label(basis: str) -> str:
    return str(_vocabulary()["bases"].get(basis, basis))
