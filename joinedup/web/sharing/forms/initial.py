"""A correction starts from the decision it corrects: the form is filled in with it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from joinedup.web.sharing.forms.decision import OTHER_ORGANISATION
from joinedup.web.sharing.models import SharingDecision

__all__ = ["initial_from"]

COPIED = (
    "categories", "information", "third_party", "third_party_protection", "recipient_body",
    "recipient_person", "purpose", "purpose_detail", "lawful_basis", "conditions", "basis_note",
    "outcome", "reason", "method", "shared_detail", "urgent", "urgent_reason", "advice",
)  # fmt: skip


def initial_from(decision: SharingDecision) -> dict[str, Any]:
    initial = {name: getattr(decision, name) for name in COPIED}
    agency = decision.recipient_agency
    initial["recipient_agency"] = agency.code if agency else OTHER_ORGANISATION
    if decision.shared_at is not None:
        shared = timezone.localtime(decision.shared_at)
        initial |= {
            "shared_on_day": str(shared.day),
            "shared_on_month": str(shared.month),
            "shared_on_year": str(shared.year),
            "shared_time": f"{shared:%H:%M}",
        }
    return initial
