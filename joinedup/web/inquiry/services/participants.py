"""Core participants: organisations, agencies and individuals.

An individual complainant is known by a cipher only (such as "CP-1"), never a name,
in everything the inquiry holds and produces (s19 restriction orders, DOMAIN.md I30,
I31); the cipher is checked here. Accounts of the role core_participant are linked so
their holders read what is released to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from joinedup.errors import InputError
from joinedup.web.accounts.models import Role, User
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import CoreParticipant, Inquiry
from joinedup.web.records.models import Agency

__all__ = [
    "CIPHER",
    "CIPHER_EXPECTED",
    "ParticipantDraft",
    "change_participant",
    "designate_participant",
    "participant_accounts",
]

CIPHER = re.compile(r"^[A-Z]{1,3}-[0-9]{1,4}$")
CIPHER_EXPECTED = (
    "An individual core participant is known by a cipher only, such as CP-1: one to "
    "three capital letters, a hyphen and a number, never their name"
)


@dataclass(frozen=True, slots=True)
class ParticipantDraft:
    kind: str
    name: str
    represented_by: str
    designated_on: date
    agency: Agency | None = None
    users: list[User] = field(default_factory=list)


def participant_accounts() -> list[User]:
    """Active accounts that may be linked to a core participant."""
    found = User.objects.filter(role=Role.CORE_PARTICIPANT, is_active=True)
    return list(found.order_by("username"))


def _checked(inquiry: Inquiry, draft: ParticipantDraft, exclude: int | None = None) -> str:
    name = draft.name.strip()
    if draft.kind not in dict(CoreParticipant.KINDS):
        raise InputError("Choose whether the core participant is an individual or an organisation")
    if draft.kind == CoreParticipant.INDIVIDUAL:
        if not CIPHER.match(name):
            raise InputError(CIPHER_EXPECTED)
        if draft.agency is not None:
            raise InputError("An individual is not an agency: leave the agency empty")
    same = inquiry.core_participants.filter(name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise InputError(f"{name} is already a core participant")
    if any(u.role != Role.CORE_PARTICIPANT for u in draft.users):
        raise InputError("Only accounts of core participants' representatives can be linked")
    return name


def _detail(participant: CoreParticipant) -> dict[str, Any]:
    return {
        "kind": participant.kind,
        "agency": participant.agency_id,
        "accounts": sorted(participant.users.values_list("pk", flat=True)),
    }


def designate_participant(
    user: Any, inquiry: Inquiry, draft: ParticipantDraft, request: HttpRequest | None = None
) -> CoreParticipant:
    name = _checked(inquiry, draft)
    with transaction.atomic():
        participant = CoreParticipant.objects.create(
            inquiry=inquiry,
            kind=draft.kind,
            name=name,
            represented_by=draft.represented_by.strip(),
            designated_on=draft.designated_on,
            agency=draft.agency,
        )
        participant.users.set(draft.users)
        record_event(
            user,
            "inquiry.participant_designated",
            target_type="core_participant",
            target_id=participant.pk,
            detail=_detail(participant),
            request=request,
        )
    return participant


def change_participant(
    user: Any,
    participant: CoreParticipant,
    draft: ParticipantDraft,
    request: HttpRequest | None = None,
) -> CoreParticipant:
    name = _checked(participant.inquiry, draft, exclude=participant.pk)
    with transaction.atomic():
        participant.kind, participant.name = draft.kind, name
        participant.represented_by = draft.represented_by.strip()
        participant.designated_on, participant.agency = draft.designated_on, draft.agency
        participant.save()
        participant.users.set(draft.users)
        record_event(
            user,
            "inquiry.participant_changed",
            target_type="core_participant",
            target_id=participant.pk,
            detail=_detail(participant),
            request=request,
        )
    return participant
