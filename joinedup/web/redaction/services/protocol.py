"""The redaction protocol, read once from data/protocol.yaml: grounds, ciphers, stages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Ground",
    "Stage",
    "cipher_kinds",
    "ground",
    "grounds",
    "stage",
    "stages",
]

PROTOCOL_FILE = Path(__file__).resolve().parent.parent / "data" / "protocol.yaml"


@dataclass(frozen=True, slots=True)
class Ground:
    key: str
    label: str
    description: str
    source: str
    cipher_kind: str  # "" unless the ground protects the person with a cipher


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    label: str
    description: str
    order: int
    refuse_when_live_investigation: bool


@cache
def _protocol() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(PROTOCOL_FILE.read_text("utf-8"))
    return loaded


@cache
def grounds() -> dict[str, Ground]:
    return {
        key: Ground(key, row["label"], row["description"], row["source"], row.get("cipher", ""))
        for key, row in _protocol()["grounds"].items()
    }


def ground(key: str) -> Ground:
    return grounds()[key]


@cache
def cipher_kinds() -> dict[str, tuple[str, str]]:
    """kind -> (prefix, label)."""
    return {k: (v["prefix"], v["label"]) for k, v in _protocol()["ciphers"].items()}


@cache
def stages() -> dict[str, Stage]:
    return {
        key: Stage(
            key,
            row["label"],
            row["description"],
            order,
            bool(row.get("refuse_when_live_investigation", False)),
        )
        for order, (key, row) in enumerate(_protocol()["stages"].items())
    }


def stage(key: str) -> Stage:
    return stages()[key]
