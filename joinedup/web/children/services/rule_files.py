"""The shipped screening rule files, by scheme: titles and grade labels for the pages."""

from __future__ import annotations

from functools import cache

from joinedup.screening import RuleFile, default_rules_path, load_rule_file, shipped_rule_files

__all__ = ["default_scheme", "grade_label", "rule_file_for", "schemes"]


@cache
def _shipped() -> dict[str, RuleFile]:
    files = (load_rule_file(path) for path in shipped_rule_files())
    return {rules.scheme: rules for rules in files}


def schemes() -> dict[str, RuleFile]:
    """scheme -> its shipped rule file, the default (SERAF) first."""
    shipped = _shipped()
    first = default_scheme()
    return {first: shipped[first], **{k: v for k, v in sorted(shipped.items()) if k != first}}


def default_scheme() -> str:
    return load_rule_file(default_rules_path()).scheme


def rule_file_for(scheme: str) -> RuleFile | None:
    """The shipped rule file of a scheme; None for a scheme only a local file defines."""
    return _shipped().get(scheme)


def grade_label(scheme: str, grade: str) -> str:
    """'significant' -> 'Significant risk (16+)' under SERAF; the id itself if unknown."""
    rules = rule_file_for(scheme)
    labels = {g.id: g.label for g in rules.grades} if rules else {}
    return labels.get(grade, grade.replace("_", " ").capitalize())
