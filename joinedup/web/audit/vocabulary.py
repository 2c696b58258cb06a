"""Labels for audit actions and access bases (data/actions.yaml)."""

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


def known_actions() -> dict[str, str]:
    return dict(_vocabulary()["actions"])


def action_label(action: str) -> str:
    if action.startswith("api.") and action not in known_actions():
        return f"API: {action[4:]}"
    return str(known_actions().get(action, action))


def basis_label(basis: str) -> str:
    return str(_vocabulary()["bases"].get(basis, basis))
