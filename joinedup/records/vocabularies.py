"""Controlled vocabularies, loaded from `data/vocabularies.yaml`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["codes", "label", "vocabulary_version"]


@cache
def _load() -> dict[str, Any]:
    text = resources.files("joinedup.records").joinpath("data/vocabularies.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def vocabulary_version() -> int:
    return int(_load()["version"])


def codes(vocabulary: str) -> frozenset[str]:
    """The codes of one vocabulary, e.g. codes('event_type')."""
    return frozenset(str(c) for c in _load()["vocabularies"][vocabulary]["codes"])


def label(vocabulary: str, code: str) -> str:
    """The human label of a code; the code itself if unknown."""
    return str(_load()["vocabularies"][vocabulary]["codes"].get(code, code))


def names() -> list[str]:
    return sorted(_load()["vocabularies"])
