"""The permission matrix's rows for MACE meetings (/meetings/).

Roles that attend meetings (practitioner, manager, police, health, school) see the
list, their actions, and the meetings their agency is invited to (the matrix's meeting
invites all four agencies of the matrix's users), with its papers. Roles that run
meetings (practitioner, manager) also arrange and record them. The inquiry team, the
auditor and the administrator take no part (403). docs/meetings.md.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from tests.web.matrix.common import LOGIN, NO, OK, Borough

# fmt: off
ATTEND = (LOGIN, OK, OK, OK, OK, OK, NO, NO, NO)
RUN = (LOGIN, OK, OK, NO, NO, NO, NO, NO, NO)
PAGES: dict[str, tuple[str, ...]] = {
    #                        anon   prac   mgr    police health school inq    audit  admin
    "meetings:list":       ATTEND,
    "meetings:actions":    ATTEND,
    "meetings:action":     ATTEND,
    "meetings:meeting":    ATTEND,
    "meetings:papers":     ATTEND,
    "meetings:new":        RUN,
    "meetings:agenda":     RUN,
    "meetings:status":     RUN,
    "meetings:attendance": RUN,
    "meetings:item":       RUN,
    "meetings:minutes":    RUN,
}
# fmt: on
PAGE_ARGS = {
    name: {"reference": "meeting"}
    for name in (
        "meetings:meeting",
        "meetings:papers",
        "meetings:agenda",
        "meetings:status",
        "meetings:attendance",
        "meetings:minutes",
    )
} | {
    "meetings:item": {"reference": "meeting", "item_id": "meeting_item"},
    "meetings:action": {"action_id": "meeting_action"},
}  # fmt: skip


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """An operational meeting in progress, inviting the four agencies of the matrix's
    users, with a child and a location on its agenda and an action someone else owns."""
    from joinedup.web.access.models import Allocation
    from joinedup.web.meetings.services.arranging import (
        NewItem,
        add_item,
        change_status,
        create_meeting,
    )
    from joinedup.web.meetings.services.recording import add_action
    from joinedup.web.people.models import Person
    from joinedup.web.records.models import Agency, Place

    organiser = make_user("team_manager")
    meeting = create_meeting(
        organiser, kind="operational", venue="Civic Centre", chair=organiser,
        starts_at=timezone.make_aware(datetime(2026, 3, 3, 10, 0)),
        agencies=Agency.objects.filter(code__in=["CSC", "POL", "HLT", "EDU"]),
    )  # fmt: skip
    child = Person.objects.get(person_id=borough.known_to["CSC"][0])
    Allocation.objects.create(person=child, user=organiser, allocated_from=date(2025, 1, 1))
    add_item(organiser, meeting, NewItem("child", person=child))
    place = Place.objects.exclude(name="").order_by("pk").first()
    location = add_item(organiser, meeting, NewItem("location", place=place))
    change_status(organiser, meeting, "in_progress")
    owner = make_user("police_analyst", agency=Agency.objects.get(code="POL"))
    action = add_action(organiser, location, description="Visit the premises", owner=owner,
                        agency=owner.agency, due_on=date(2026, 3, 27))  # fmt: skip
    return {"meeting": meeting.reference, "meeting_item": str(location.pk),
            "meeting_action": str(action.pk)}  # fmt: skip
