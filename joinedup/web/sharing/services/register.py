"""The register of sharing decisions: filtered, listed (audited) and exported as CSV for
the data protection officer (codes only, no narratives; audited)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.audit.services import record_event
from joinedup.web.sharing.models import SharingDecision
from joinedup.web.sharing.services.visibility import decisions_on_register

__all__ = ["COLUMNS", "RegisterFilters", "audit_register_view", "export_csv", "register_of"]

# A spreadsheet would run a cell starting with these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "reference", "decided_at", "decided_by", "deciding_agency", "team", "subject",
    "person_id", "context_kind", "categories", "third_party", "recipient_agency",
    "recipient_other", "purpose", "lawful_basis", "conditions", "outcome", "shared_at",
    "method", "urgent", "caldicott", "caldicott_advice_recorded", "corrects",
    "corrected_by", "bases_version", "guidance_version",
]  # fmt: skip


@dataclass(frozen=True)
class RegisterFilters:
    outcome: str = ""
    agency: str = ""  # the recipient agency's code
    basis: str = ""
    start: date | None = None
    end: date | None = None

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v}


def register_of(user: Any, filters: RegisterFilters) -> QuerySet[SharingDecision]:
    """The user's register, filtered, newest first."""
    found = decisions_on_register(user)
    if filters.outcome:
        found = found.filter(outcome=filters.outcome)
    if filters.agency:
        found = found.filter(recipient_agency__code=filters.agency)
    if filters.basis:
        found = found.filter(lawful_basis=filters.basis)
    zone = ZoneInfo(settings.TIME_ZONE)
    if filters.start:
        found = found.filter(decided_at__gte=datetime.combine(filters.start, time.min, zone))
    if filters.end:
        end = datetime.combine(filters.end + timedelta(days=1), time.min, zone)
        found = found.filter(decided_at__lt=end)
    return found.order_by("-decided_at", "-pk")


def audit_register_view(
    user: Any, shown: list[SharingDecision], filters: RegisterFilters, request: HttpRequest
) -> None:
    """`sharing.view` of the register page: the decisions and children listed."""
    if not shown:
        return
    record_event(user, "sharing.view", target_type="sharing_register", detail={
        "filters": filters.as_detail(),
        "decisions": [d.reference for d in shown],
        "persons": sorted({d.person.person_id for d in shown if d.person}),
    }, request=request)  # fmt: skip


def export_csv(user: Any, filters: RegisterFilters, request: HttpRequest) -> str:
    """The filtered register as CSV text, one row per decision; audited."""
    found = register_of(user, filters).select_related("caldicott_advice")
    decisions = list(found.prefetch_related("corrections"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for decision in decisions:
        writer.writerow([_safe(value) for value in _row(decision)])
    record_event(user, "sharing.export", target_type="sharing_register", detail={
        "filters": filters.as_detail(), "rows": len(decisions),
        "decisions": [d.reference for d in decisions],
    }, request=request)  # fmt: skip
    return out.getvalue()


def _row(d: SharingDecision) -> list[object]:
    corrected_by = ";".join(c.reference for c in d.corrections.all())
    return [
        d.reference, _when(d.decided_at), d.decided_by.username, d.agency.code if d.agency else "",
        d.team.name if d.team else "", d.subject_kind, d.person.person_id if d.person else "",
        d.context_kind, ";".join(d.categories), _yes(d.third_party),
        d.recipient_agency.code if d.recipient_agency else "", d.recipient_body, d.purpose,
        d.lawful_basis, ";".join(d.conditions), d.outcome, _when(d.shared_at), d.method,
        _yes(d.urgent), d.caldicott, _yes(hasattr(d, "caldicott_advice")),
        d.corrects.reference if d.corrects else "", corrected_by, d.bases_version,
        d.guidance_version,
    ]  # fmt: skip


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _safe(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
