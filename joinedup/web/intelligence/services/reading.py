"""What a reader sees of an item, and the audited read.

Every holder of `log_intelligence` sees that an item exists, its grade, status, owner
and deadline: the point of the log is that nothing sits unseen. What it says follows
the reader's sharing agreement with the item's **source agency**, as a chronology does:

- the summary and the non-index subjects need `summaries` or `narratives`;
- the text, the response's rationale, the actions taken and history notes need
  `narratives`, the role's `view_narratives`, and, for criminal-offence data (every item
  logged here: intelligence is allegations), `view_criminal_offence`;
- a person from the index is named only to a reader who may open their record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from joinedup.web.access.services import has_capability, persons_visible_to
from joinedup.web.access.sharing import agency_levels_for
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.display import full_name
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from joinedup.web.intelligence.services.changes import TARGET
from joinedup.web.records.models import SourcePerson

__all__ = ["ContentAccess", "audit_view", "content_access", "person_names"]


@dataclass(frozen=True)
class ContentAccess:
    summary: bool
    text: bool
    reason: str  # why something is withheld; '' when nothing is


def content_access(
    user: Any, item: IntelligenceItem, levels: dict[str, str] | None = None
) -> ContentAccess:
    levels = agency_levels_for(user) if levels is None else levels
    code = item.source_agency.code
    level = levels.get(code, "none")
    if level == "none":
        return ContentAccess(False, False, f"{code} is outside your sharing agreement.")
    if level != "narratives" or not has_capability(user, "view_narratives"):
        return ContentAccess(
            True, False, f"Your sharing agreement gives summaries of {code}'s information."
        )
    if item.criminal_offence and not has_capability(user, "view_criminal_offence"):
        return ContentAccess(
            True, False, "It is criminal-offence data, which your role does not see."
        )
    return ContentAccess(True, True, "")


def person_names(user: Any, subjects: list[ItemSubject]) -> dict[int, str]:
    """Person pk -> a name from records the reader may read, for persons they may open."""
    wanted = [s.person_id for s in subjects if s.person_id is not None]
    visible = set(persons_visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
    levels = agency_levels_for(user)
    readable = [code for code, level in levels.items() if level != "none"]
    names: dict[int, str] = {}
    records = SourcePerson.objects.filter(link__person__in=visible, agency__code__in=readable)
    for record in records.select_related("link").order_by("pk"):
        names.setdefault(record.link.person_id, full_name(record.forenames, record.surname))
    return {pk: names.get(pk, "") for pk in visible}


def audit_view(
    user: Any, item: IntelligenceItem, access: ContentAccess, request: HttpRequest | None = None
) -> None:
    persons = [s.person.person_id for s in item.subjects.all() if s.person is not None]
    record_event(
        user,
        "intelligence.view",
        target_type=TARGET,
        target_id=item.reference,
        detail={"text_shown": access.text, "summary_shown": access.summary, "person_ids": persons},
        request=request,
    )
