"""The survivors' app's words, read from data/form.yaml: decades, kinds of agency,
support services, the exit page and the limits."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "agencies",
    "consent_channels",
    "decade_label",
    "decades",
    "exit_url",
    "limit",
    "support_services",
]

FORM_FILE = Path(__file__).resolve().parents[1] / "data" / "form.yaml"


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FORM_FILE.read_text("utf-8"))
    return data


def decades() -> list[int]:
    return [int(d) for d in _data()["decades"]]


def decade_label(decade: int) -> str:
    return f"The {decade}s"


def agencies() -> dict[str, str]:
    return dict(_data()["agencies"])


def support_services() -> list[dict[str, str]]:
    return list(_data()["support"])


def exit_url() -> str:
    return str(_data()["exit_url"])


def limit(name: str) -> int:
    """`submissions_per_hour` or `passphrase_tries_per_hour`."""
    return int(_data()[name])


def consent_channels() -> dict[str, str]:
    return dict(_data()["consent_channels"])
