"""Labels for audit actions and access bases.

The shared actions and bases are in this app's data/actions.yaml; each other installed
app may add its own actions in its data/audit_actions.yaml (`actions: {action: label}`).
An action named twice is an error, so no app relabels another's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["action_label", "basis_label", "known_actions"]

_FILE = Path(__file__).parent / "data" / "actions.yaml"


@cache
def _vocabulary() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(_FILE.read_text("utf-8"))
    return loaded


@cache
def _all_actions() -> dict[str, str]:
    from django.apps import apps

    actions = dict(_vocabulary()["actions"])
    for config in apps.get_app_configs():
        extra = Path(config.path) / "data" / "audit_actions.yaml"
        if not extra.is_file():
            continue
        added = (yaml.safe_load(extra.read_text("utf-8")) or {}).get("actions") or {}
        twice = sorted(set(added) & set(actions))
        if twice:
            raise ValueError(f"{extra}: audit actions already named elsewhere: {twice}")
        actions.update({str(k): str(v) for k, v in added.items()})
    return actions


def known_actions() -> dict[str, str]:
    return dict(_all_actions())


def action_label(action: str) -> str:
    if action.startswith("api.") and action not in known_actions():
        return f"API: {action[4:]}"
    return str(known_actions().get(action, action))


def basis_label(basis: str) -> str:
    return str(_vocabulary()["bases"].get(basis, basis))
