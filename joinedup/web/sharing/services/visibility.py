"""Who sees which sharing decision (docs/sharing.md, "Who may do what").

- The **register** (every decision listed, filtered, exported) shows a user with
  `record_sharing_decisions` the decisions they made, those of deciders of their own
  agency (the agency when the decision was made), and those of members of any team they
  manage (the team when the decision was made).
- A decision **about a child** is also shown to whoever may open that child's record
  (`access_to_person`), on the child's sharing page and the decision's own page, after
  the purpose step. Their details about a third party are withheld unless the decision
  is on their register (DfE 2024: protect the identities of people who could be harmed).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from joinedup.web.access.services import access_to_person, has_capability
from joinedup.web.accounts.models import Team
from joinedup.web.sharing.models import SharingDecision

__all__ = ["ON_REGISTER", "THROUGH_CHILD", "decisions_on_register", "how_seen", "may_record"]

ON_REGISTER, THROUGH_CHILD = "register", "child"
RELATED = ("person", "recipient_agency", "agency", "team", "decided_by", "corrects")


def may_record(user: Any) -> bool:
    return has_capability(user, "record_sharing_decisions")


def decisions_on_register(user: Any) -> QuerySet[SharingDecision]:
    """The decisions the user's register lists (none without the capability)."""
    if not may_record(user):
        return SharingDecision.objects.none()
    seen = Q(decided_by=user) | Q(team__in=Team.objects.filter(manager=user))
    if user.agency_id:
        seen |= Q(agency_id=user.agency_id)
    return SharingDecision.objects.filter(seen).select_related(*RELATED)


def how_seen(user: Any, decision: SharingDecision) -> str:
    """ON_REGISTER, THROUGH_CHILD, or "" when the user may not see the decision."""
    if decisions_on_register(user).filter(pk=decision.pk).exists():
        return ON_REGISTER
    if decision.person is not None and access_to_person(user, decision.person).allowed:
        return THROUGH_CHILD
    return ""
