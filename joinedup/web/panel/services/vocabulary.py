"""The panel's words, outcomes and timescales, read once from data/panel.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "FileKind",
    "Outcome",
    "draft_file_kinds",
    "draft_file_max_bytes",
    "given_by_choices",
    "given_from",
    "outcomes",
    "proposal_kinds",
    "response_label",
    "status_label",
    "status_tag",
    "timescale",
]

_FILE = Path(__file__).resolve().parent.parent / "data" / "panel.yaml"


@dataclass(frozen=True, slots=True)
class Outcome:
    code: str
    label: str
    tag: str
    links_line: bool


@dataclass(frozen=True, slots=True)
class FileKind:
    name: str
    extensions: tuple[str, ...]
    content_type: str


@cache
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(_FILE.read_text("utf-8"))
    return loaded


def proposal_kinds() -> dict[str, tuple[str, str]]:
    """kind -> (label, hint), in the data file's order."""
    return {k: (str(v["label"]), str(v["hint"])) for k, v in _data()["proposal_kinds"].items()}


def given_by_choices() -> dict[str, str]:
    """How a recorded proposal was given: code -> label ("By phone"), in the file's order."""
    return {code: str(v["label"]) for code, v in _data()["given_by"].items()}


def given_from(code: str) -> str:
    """ "a phone call", for "Recorded by the inquiry team from a phone call"."""
    found = _data()["given_by"].get(code)
    return str(found["from"]) if found else ""


def outcomes() -> dict[str, Outcome]:
    return {
        code: Outcome(code, str(v["label"]), str(v["tag"]), bool(v["links_line"]))
        for code, v in _data()["outcomes"].items()
    }


def status_label(status: str) -> str:
    if status == "open":
        return str(_data()["open_status"]["label"])
    found = outcomes().get(status)
    return found.label if found else status


def status_tag(status: str) -> str:
    if status == "open":
        return str(_data()["open_status"]["tag"])
    found = outcomes().get(status)
    return found.tag if found else "grey"


def response_label(changed: bool | None) -> str:
    if changed is None:
        return ""
    return str(_data()["responses"]["changed" if changed else "not_changed"])


def timescale(name: str) -> int:
    return int(_data()["timescales"][name])


def draft_file_kinds() -> list[FileKind]:
    return [
        FileKind(name, tuple(v["extensions"]), str(v["content_type"]))
        for name, v in _data()["draft_files"]["kinds"].items()
    ]


def draft_file_max_bytes() -> int:
    return int(_data()["draft_files"]["max_megabytes"]) * 1024 * 1024
