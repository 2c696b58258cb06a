"""The CSV loader: a source's recommendations and actions from one file, all or nothing.

Columns (data/tracker.yaml): `recommendation, action, text, lead_agency, owner_agency,
due`, and optionally `theme` and `success_measure`. A row with no `action` is a
recommendation (its text, lead agency and theme); a row with one is an action of that
recommendation (its number starts with the recommendation's, then a dot: 12.3), with
the owning agency and the due date (YYYY-MM-DD). Agencies are given by code.

Every problem names the file, the row (the header is row 1), the field, the value and
what was expected; if there is any, nothing is written (`ValidationFailed`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.http import HttpRequest

from joinedup.errors import FileFormatError, RowProblem, ValidationFailed
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.recommendations.models import Source
from joinedup.web.recommendations.services.tracker import (
    ActionDraft,
    RecommendationDraft,
    create_action,
    create_recommendation,
)
from joinedup.web.recommendations.services.vocabulary import import_rules, themes
from joinedup.web.records.models import Agency

__all__ = ["Imported", "import_csv"]

NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")


@dataclass
class Imported:
    recommendations: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """What the file would add, and what is wrong with it."""

    file: str
    source: Source
    agencies: dict[str, Agency]
    known: set[str]  # recommendation numbers in the source or earlier in the file
    actions_seen: set[tuple[str, str]]
    recommendations: list[RecommendationDraft] = field(default_factory=list)
    actions: list[tuple[str, ActionDraft]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def problem(self, row: int, name: str, value: str, expected: str) -> None:
        self.problems.append(RowProblem(self.file, row, name, value, expected))


def import_csv(
    user: User, source: Source, name: str, data: bytes, request: HttpRequest | None = None
) -> Imported:
    """Check every row, then add them all in one transaction, audited once."""
    rows = _rows(name, data)
    plan = _plan(name, source)
    for number, row in enumerate(rows, start=2):
        _check_row(plan, number, row)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return _write(user, plan, hashlib.sha256(data).hexdigest(), request)


def _rows(name: str, data: bytes) -> list[dict[str, str]]:
    rules = import_rules()
    if len(data) > int(rules["max_bytes"]):
        raise FileFormatError(
            name, f"the file must be smaller than {int(rules['max_bytes']) // 1024} KB"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(name, "the file is not UTF-8 text (save it as CSV UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text))
    _check_header(name, [h.strip() for h in reader.fieldnames or []], rules)
    rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rows:
        raise FileFormatError(name, "the file has a header but no rows", row=2)
    return rows


def _check_header(name: str, header: list[str], rules: dict[str, list[str]]) -> None:
    missing = [c for c in rules["columns"] if c not in header]
    unknown = [c for c in header if c not in rules["columns"] + rules["optional_columns"]]
    if missing or unknown:
        expected = ", ".join(rules["columns"])
        found = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"
        raise FileFormatError(name, f"the header must name the columns {expected} ({found})", row=1)


def _plan(name: str, source: Source) -> _Plan:
    existing = source.recommendations.values_list("number", "actions__number")
    return _Plan(
        name,
        source,
        {a.code: a for a in Agency.objects.all()},
        known={number for number, _ in existing},
        actions_seen={(r, a) for r, a in existing if a},
    )


def _check_row(plan: _Plan, row: int, values: dict[str, str]) -> None:
    number = values.get("recommendation", "")
    if not NUMBER.match(number):
        plan.problem(row, "recommendation", number, "a recommendation number such as 12")
        return
    if values.get("action"):
        _check_action(plan, row, number, values)
    else:
        _check_recommendation(plan, row, number, values)


def _agency(plan: _Plan, row: int, name: str, code: str) -> Agency | None:
    agency = plan.agencies.get(code.upper())
    if agency is None:
        codes = ", ".join(sorted(plan.agencies)) or "none are set up yet"
        plan.problem(row, name, code, f"an agency code ({codes})")
    return agency


def _check_recommendation(plan: _Plan, row: int, number: str, values: dict[str, str]) -> None:
    if number in plan.known:
        plan.problem(row, "recommendation", number, "a number not already in this source or file")
    for name in ("owner_agency", "due"):
        if values.get(name):
            plan.problem(
                row, name, values[name], "blank on a recommendation's row (no action number)"
            )
    theme = values.get("theme") or "other"
    if theme not in themes():
        plan.problem(row, "theme", theme, f"a theme code ({', '.join(themes())})")
    if not values.get("text"):
        plan.problem(row, "text", "", "the recommendation's text")
    agency = _agency(plan, row, "lead_agency", values.get("lead_agency", ""))
    plan.known.add(number)
    if agency is not None and values.get("text"):
        plan.recommendations.append(RecommendationDraft(number, values["text"], theme, agency))


def _check_action(plan: _Plan, row: int, number: str, values: dict[str, str]) -> None:
    action = values["action"]
    if not NUMBER.match(action) or not action.startswith(f"{number}."):
        plan.problem(
            row, "action", action, f"an action number starting {number}. (such as {number}.1)"
        )
    elif (number, action) in plan.actions_seen:
        plan.problem(row, "action", action, "a number not already in this recommendation")
    if number not in plan.known:
        plan.problem(
            row,
            "recommendation",
            number,
            "a recommendation given on an earlier row or already in this source",
        )
    if not values.get("text"):
        plan.problem(row, "text", "", "what the action is")
    agency = _agency(plan, row, "owner_agency", values.get("owner_agency", ""))
    due = _due(plan, row, values.get("due", ""))
    plan.actions_seen.add((number, action))
    if agency is not None and due is not None and values.get("text"):
        draft = ActionDraft(
            action, values["text"], agency, due, None, values.get("success_measure", "")
        )
        plan.actions.append((number, draft))


def _due(plan: _Plan, row: int, value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        plan.problem(row, "due", value, "a date as YYYY-MM-DD, such as 2026-03-31")
        return None


def _write(user: User, plan: _Plan, sha256: str, request: HttpRequest | None) -> Imported:
    done = Imported()
    with transaction.atomic():
        made = {r.number: create_recommendation(user, plan.source, r) for r in plan.recommendations}
        for number, draft in plan.actions:
            recommendation = made.get(number) or plan.source.recommendations.get(number=number)
            create_action(user, recommendation, draft)
            done.actions.append(draft.number)
        done.recommendations = list(made)
        detail = {
            "source": plan.source.title,
            "file": plan.file,
            "sha256": sha256,
            "recommendations": done.recommendations,
            "actions": done.actions,
        }
        record_event(
            user,
            "recommendations.imported",
            target_type="recommendation_source",
            target_id=plan.source.pk,
            detail=detail,
            request=request,
        )
    return done
