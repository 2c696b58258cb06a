"""CSE and CCE flags (data/flags.yaml): both can be set; each with a reason, who and when.

Removing a flag needs a reason and keeps it, with who removed it and when, so the
history of the flags is never lost. Both are edits of the case (a new version) and are
audited (`cases.flag_set`, `cases.flag_removed`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.cases.models import Case, CaseFlag
from joinedup.web.cases.services.versioning import case_edit
from joinedup.web.cases.services.vocabularies import flag_definitions

__all__ = ["active_flags", "flags_not_set", "remove_flag", "set_flag"]


def active_flags(case: Case) -> QuerySet[CaseFlag]:
    return case.flags.filter(removed_at__isnull=True).select_related("set_by")


def flags_not_set(case: Case) -> list[str]:
    """The flags that could be set on the case now."""
    set_now = set(active_flags(case).values_list("flag", flat=True))
    return [code for code in flag_definitions() if code not in set_now]


def set_flag(
    case: Case,
    *,
    seen_version: int,
    by: User,
    flag: str,
    reason: str,
    request: HttpRequest | None = None,
) -> CaseFlag:
    """Set a flag the case does not carry now; audited as `cases.flag_set`."""
    if flag not in flag_definitions():
        raise ValidationError(f"Choose a flag, one of {sorted(flag_definitions())}")
    if case.status != Case.OPEN:
        raise ValidationError("The case is closed: reopen it to change its flags")
    if not reason.strip():
        raise ValidationError("Enter why the flag is being set")
    label = flag_definitions()[flag].label
    with case_edit(
        case, seen_version, by, action="flag_set", summary=f"Set the {label} flag", request=request
    ):
        if active_flags(case).filter(flag=flag).exists():
            raise ValidationError(f"The case already has the {label} flag")
        made = CaseFlag.objects.create(
            case=case, flag=flag, reason=reason.strip(), set_by=by, set_at=timezone.now()
        )
        record_event(
            by,
            "cases.flag_set",
            target_type="case",
            target_id=case.reference,
            detail={"flag": flag, "flag_id": made.pk},
            request=request,
        )
    return made


def remove_flag(
    flag: CaseFlag,
    *,
    seen_version: int,
    by: User,
    reason: str,
    request: HttpRequest | None = None,
) -> None:
    """Remove a flag, keeping it with the reason; audited as `cases.flag_removed`."""
    if flag.removed_at is not None:
        raise ValidationError("This flag has already been removed")
    if flag.case.status != Case.OPEN:
        raise ValidationError("The case is closed: reopen it to change its flags")
    if not reason.strip():
        raise ValidationError("Enter why the flag is being removed")
    label = flag_definitions()[flag.flag].label if flag.flag in flag_definitions() else flag.flag
    with case_edit(
        flag.case,
        seen_version,
        by,
        action="flag_removed",
        summary=f"Removed the {label} flag",
        request=request,
    ):
        flag.removed_at, flag.removed_by = timezone.now(), by
        flag.removal_reason = reason.strip()  # type: ignore[assignment]
        flag.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        record_event(
            by,
            "cases.flag_removed",
            target_type="case",
            target_id=flag.case.reference,
            detail={"flag": flag.flag, "flag_id": flag.pk},
            request=request,
        )
