"""The sharing app's data files, read once: lawful bases and conditions with their
guidance, the golden rules and prompts, and the vocabularies of a decision.

The files are in `joinedup/web/sharing/data/`; each cites its sources and has a version
that is stored with every decision recorded under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Basis",
    "Category",
    "Condition",
    "Guidance",
    "bases",
    "categories",
    "conditions",
    "guidance",
    "vocabulary",
]

DATA = Path(__file__).resolve().parent.parent / "data"
FLAGS = ("special_category", "criminal_offence", "confidential_health")


@dataclass(frozen=True)
class Basis:
    code: str
    label: str
    regime: str  # uk_gdpr or part3
    when: str
    for_agency_kinds: tuple[str, ...] = ()  # empty: any decider
    explain: bool = False

    def open_to(self, agency_kind: str) -> bool:
        return not self.for_agency_kinds or agency_kind in self.for_agency_kinds


@dataclass(frozen=True)
class Condition:
    code: str
    label: str
    regime: str  # uk_gdpr, part3 or any
    covers: frozenset[str]
    when: str


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    flags: frozenset[str]


@dataclass(frozen=True)
class GoldenRule:
    title: str
    text: str


@dataclass(frozen=True)
class Guidance:
    version: str
    source: str
    golden_rules: tuple[GoldenRule, ...]
    third_party: str
    caldicott_prompt: str
    part3_note: str
    urgent: str


@cache
def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / name).read_text("utf-8"))
    return loaded


def bases_version() -> str:
    return str(_load("lawful_bases.yaml")["version"])


@cache
def bases() -> dict[str, Basis]:
    found = _load("lawful_bases.yaml")["bases"]
    return {code: Basis(code, b["label"], b["regime"], " ".join(b["when"].split()),
                        tuple(b.get("for_agency_kinds", ())), bool(b.get("explain")))
            for code, b in found.items()}  # fmt: skip


@cache
def conditions() -> dict[str, Condition]:
    found = _load("lawful_bases.yaml")["conditions"]
    return {code: Condition(code, c["label"], c["regime"], frozenset(c["covers"]),
                            " ".join(c["when"].split()))
            for code, c in found.items()}  # fmt: skip


@cache
def categories() -> dict[str, Category]:
    found = _load("vocabularies.yaml")["information_categories"]
    return {code: Category(code, c["label"], frozenset(f for f in FLAGS if c.get(f)))
            for code, c in found.items()}  # fmt: skip


def vocabulary(name: str) -> dict[str, str]:
    """A plain vocabulary of vocabularies.yaml: purposes, methods or context_kinds."""
    return {str(code): str(label) for code, label in _load("vocabularies.yaml")[name].items()}


@cache
def guidance() -> Guidance:
    g = _load("guidance.yaml")

    def text(key: str) -> str:
        return " ".join(str(g[key]).split())

    rules = tuple(GoldenRule(r["title"], " ".join(r["text"].split())) for r in g["golden_rules"])
    return Guidance(str(g["version"]), text("source"), rules, text("third_party"),
                    text("caldicott_prompt"), text("part3_note"), text("urgent"))  # fmt: skip
