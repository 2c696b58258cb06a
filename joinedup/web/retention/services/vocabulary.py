"""The retention app's words (data/vocabulary.yaml): hold purposes and scopes, outcomes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from joinedup.errors import ConfigurationError

__all__ = ["hold_purposes", "hold_scopes", "outcomes"]

_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary.yaml"
_LISTS = ("hold_purposes", "hold_scopes", "outcomes")


@cache
def _vocabulary() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(_FILE.read_text("utf-8"))
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigurationError(f"{_FILE}: expected a mapping with version: 1")
    missing = [name for name in _LISTS if not isinstance(data.get(name), dict)]
    if missing:
        raise ConfigurationError(f"{_FILE}: missing {', '.join(missing)}")
    return {name: {str(k): str(v) for k, v in data[name].items()} for name in _LISTS}


def hold_purposes() -> dict[str, str]:
    return dict(_vocabulary()["hold_purposes"])


def hold_scopes() -> dict[str, str]:
    return dict(_vocabulary()["hold_scopes"])


def outcomes() -> dict[str, str]:
    return dict(_vocabulary()["outcomes"])
