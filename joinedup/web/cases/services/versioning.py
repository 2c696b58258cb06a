"""Optimistic concurrency: every edit of a case is a compare-and-set on its version.

An edit form carries the version the worker saw. Saving runs
`UPDATE cases_case SET version = n + 1 ... WHERE id = ? AND version = n`; if another
person saved first no row matches, nothing is written, and `EditConflict` carries the
changes made since version n so the page can show them. Each version's change is kept
in `CaseChange`. The refusal is audited (`cases.edit_conflict`) in its own transaction,
because the edit's transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseChange

__all__ = ["EditConflict", "case_edit", "changes_since"]


class EditConflict(Exception):
    """Someone else changed the case after the form was opened; nothing was saved."""

    def __init__(self, case: Case, seen_version: int, changes: list[CaseChange]) -> None:
        self.case = case
        self.seen_version = seen_version
        self.changes = changes
        super().__init__(f"{case.reference} is at a newer version than {seen_version}")


def changes_since(case: Case, version: int) -> list[CaseChange]:
    """What was changed after `version`, oldest first, with who changed it."""
    found = CaseChange.objects.filter(case=case, version__gt=version).select_related("changed_by")
    return list(found.order_by("version"))


@contextmanager
def case_edit(
    case: Case,
    seen_version: int,
    user: User,
    *,
    action: str,
    summary: str,
    fields: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> Iterator[Case]:
    """A transaction in which `case` moves from `seen_version` to the next, or EditConflict.

    `fields` are set on the case in the same UPDATE; the caller writes the rest (and
    its audit entry) inside the `with` block.
    """
    try:
        with transaction.atomic():
            _compare_and_set(case, seen_version, fields or {})
            CaseChange.objects.create(
                case=case,
                version=case.version,
                action=action,
                summary=summary[:300],
                changed_by=user,
                changed_at=timezone.now(),
            )
            yield case
    except EditConflict as conflict:
        _audit_conflict(user, conflict, action, request)
        raise


def _compare_and_set(case: Case, seen_version: int, fields: dict[str, Any]) -> None:
    matched = Case.objects.filter(pk=case.pk, version=seen_version)
    if not matched.update(version=F("version") + 1, **fields):
        case.refresh_from_db()
        raise EditConflict(case, seen_version, changes_since(case, seen_version))
    for name, value in fields.items():
        setattr(case, name, value)
    case.version = seen_version + 1


def _audit_conflict(
    user: User, conflict: EditConflict, action: str, request: HttpRequest | None
) -> None:
    with transaction.atomic():
        record_event(
            user,
            "cases.edit_conflict",
            target_type="case",
            target_id=conflict.case.reference,
            detail={
                "attempted": action,
                "seen_version": conflict.seen_version,
                "current_version": conflict.case.version,
            },
            request=request,
        )
