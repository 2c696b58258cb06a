"""What a decider enters: the subject, the decision, and any Caldicott advice, as values
the services check and record (the forms build them; tests may too)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency

__all__ = ["AdviceInput", "DecisionInput", "Subject"]


@dataclass(frozen=True)
class Subject:
    """A child of the person index, or a context (a place, group, school, online space)."""

    person: Person | None = None
    context_kind: str = ""
    context_name: str = ""


@dataclass(frozen=True)
class AdviceInput:
    advice: str
    adviser: str
    advised_on: date | None


@dataclass(frozen=True)
class DecisionInput:
    categories: tuple[str, ...]
    information: str
    recipient_person: str
    purpose: str
    lawful_basis: str
    outcome: str
    reason: str
    third_party: bool = False
    third_party_protection: str = ""
    recipient_agency: Agency | None = None
    recipient_body: str = ""
    purpose_detail: str = ""
    conditions: tuple[str, ...] = ()
    basis_note: str = ""
    shared_at: datetime | None = None
    method: str = ""
    shared_detail: str = ""
    urgent: bool = False
    urgent_reason: str = ""
    advice: str = ""
    caldicott: str = ""
    caldicott_advice: AdviceInput | None = None

    def model_fields(self) -> dict[str, Any]:
        """The values to store on the decision (advice is stored on its own)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.pop("caldicott_advice")
        values["categories"] = list(self.categories)
        values["conditions"] = list(self.conditions)
        values["caldicott"] = self.caldicott or "not_needed"
        text = ("information", "third_party_protection", "recipient_body", "recipient_person",
                "purpose_detail", "basis_note", "reason", "shared_detail", "urgent_reason",
                "advice")  # fmt: skip
        return {k: v.strip() if k in text else v for k, v in values.items()}
