"""One opening of a child's record: who, which child, on what basis, for what purpose.

Every page of the record is reached through `children/gate.py`, which builds an
`Opening` only when the user has an access basis now and has said why they are opening
the record in this session. Services that read or write the record take the Opening,
so each audit entry carries the purpose and the basis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from joinedup.chronology import Entitlements
from joinedup.web.access.models import AccessPurpose
from joinedup.web.access.services import Access
from joinedup.web.audit.services import record_event
from joinedup.web.people.models import Person

__all__ = ["Opening", "audit_view"]


@dataclass(frozen=True)
class Opening:
    user: Any
    person: Person
    access: Access
    purpose: AccessPurpose
    reader: Entitlements

    @property
    def basis(self) -> str:
        return self.access.basis or ""


def audit_view(opening: Opening, section: str, request: HttpRequest | None = None) -> None:
    """Audit one page of the record seen (`person.view`), with its purpose and basis."""
    record_event(
        opening.user,
        "person.view",
        target_type="person",
        target_id=opening.person.person_id,
        purpose=opening.purpose.purpose,
        basis=opening.basis,
        detail={"section": section, "narratives": opening.reader.narratives},
        request=request,
    )
