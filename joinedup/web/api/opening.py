"""Opening a person's record through the API: the pages' gate (children/gate.py), in JSON.

1. The token's user must have a role that opens children's records (403).
2. An unknown person is 404; a person merged into another is 308 to the same request
   for the person it was merged into.
3. The user needs an access basis now (`access_to_person`): allocation, team
   allocation, the sharing agreement or break-glass given in the pages. Without one the
   answer is 403 with the reason, audited as `person.access_denied`.
4. Every request names its purpose (`purpose`, from access/data/purposes.yaml). The
   first request for a person records it as the purpose page does (`record_purpose`:
   an AccessPurpose and a `person.open` entry). Requests with the same purpose and
   description within the session idle timeout of that reuse it, as the pages of one
   session share the purpose given once.
5. What is read is audited as `person.view` with purpose, basis and section, as the
   pages do, with `channel: api` and the token's prefix in the detail.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema

from joinedup.web.access import roles
from joinedup.web.access.models import AccessPurpose
from joinedup.web.access.services import (
    access_to_person,
    entitlements_for,
    has_capability,
    record_purpose,
)
from joinedup.web.api.auth import token_prefix
from joinedup.web.api.errors import Forbidden, Invalid, Merged, NotFound
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.opening import Opening
from joinedup.web.people.models import Person

__all__ = [
    "PERSON_ERRORS",
    "Purpose",
    "PurposeParams",
    "api_detail",
    "open_person",
    "require_capability",
]

Purpose = Enum(  # type: ignore[misc]
    "Purpose", {code: code for code in roles.purposes()}, type=str
)
PERSON_ERRORS = (308, 403, 404, 422)  # what opening a record can answer, besides 401
PURPOSES_TEXT = "; ".join(f"`{code}`: {label}" for code, label in roles.purposes().items())


class PurposeParams(Schema):
    purpose: Purpose = Field(
        description=f"Why you are opening this record. One of {PURPOSES_TEXT}."
    )
    purpose_detail: str = Field(
        "", max_length=500, description="A description of the purpose; needed with `other`."
    )


def api_detail(request: HttpRequest, **detail: Any) -> dict[str, Any]:
    """An audit entry's detail for a request through the API."""
    return {**detail, "channel": "api", "token": token_prefix(request)}


def require_capability(request: HttpRequest, capability: str, refusal: str) -> None:
    if not has_capability(request.user, capability):
        raise Forbidden(refusal)


def open_person(
    request: HttpRequest, person_id: str, purpose: PurposeParams, section: str
) -> Opening:
    """The opening of this person's record for this request, audited; or an ApiError."""
    user = request.user
    require_capability(request, "view_children", "Your role does not open children's records.")
    person = Person.objects.select_related("merged_into").filter(person_id=person_id).first()
    if person is None:
        raise NotFound(f"There is no person {person_id} in the person index.")
    if person.merged_into is not None:
        raise _merged(request, person, person.merged_into)
    access = access_to_person(user, person)
    if not access.allowed:
        record_event(user, "person.access_denied", target_type="person",
                     target_id=person.person_id,
                     detail=api_detail(request, reason=access.reason), request=request)  # fmt: skip
        raise Forbidden(access.reason)
    recorded = _purpose_for(user, person, purpose, access.basis or "")
    opening = Opening(user, person, access, recorded, entitlements_for(user, person))
    record_event(
        user, "person.view", target_type="person", target_id=person.person_id,
        purpose=recorded.purpose, basis=opening.basis,
        detail=api_detail(request, section=section, narratives=opening.reader.narratives),
        request=request,
    )  # fmt: skip
    return opening


def _purpose_for(user: Any, person: Person, given: PurposeParams, basis: str) -> AccessPurpose:
    code, detail = str(given.purpose.value), given.purpose_detail.strip()
    if code == "other" and not detail:
        raise Invalid("purpose_detail: a purpose of 'other' needs a description")
    since = timezone.now() - settings.SESSION_IDLE_TIMEOUT
    recent = AccessPurpose.objects.filter(
        user=user, person=person, purpose=code, detail=detail, basis=basis, recorded_at__gte=since
    ).first()
    return recent or record_purpose(user, person, code, detail)


def _merged(request: HttpRequest, person: Person, into: Person) -> Merged:
    path = request.get_full_path().replace(f"/{person.person_id}", f"/{into.person_id}", 1)
    return Merged(
        f"Person {person.person_id} was merged into {into.person_id}; "
        f"the same request for {into.person_id} is at the Location given.",
        into.person_id,
        path,
    )
