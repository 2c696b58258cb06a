"""The demo's MACE meetings, arranged and chaired by demo.manager: an operational meeting
next week with two of the team's children and the alerted place on the agenda, and one
three weeks ago with attendance, discussions, decisions, actions (demo.police's is
overdue; demo.health's is done) and approved minutes. Through the meetings services.
"""

from __future__ import annotations

from datetime import timedelta

from joinedup.web.cases.models import Case
from joinedup.web.demo.cast import Cast
from joinedup.web.meetings.models import AgendaItem, Meeting
from joinedup.web.meetings.services.arranging import (
    NewItem,
    add_item,
    change_status,
    create_meeting,
)
from joinedup.web.meetings.services.minutes import approve_minutes, save_minutes
from joinedup.web.meetings.services.recording import (
    add_action,
    record_attendance,
    record_decision,
    record_discussion,
    update_action,
)
from joinedup.web.people.models import Person

__all__ = ["seed_meetings"]

VENUE = "Committee room 2, Civic Centre (or join by Teams)"
MINUTES = (
    "Operational MACE. Partners shared what each holds about the child on the agenda and "
    "the place where children are exploited. Actions were agreed for police and health, "
    "and the place is to be reviewed with licensing. Next meeting in four weeks."
)


def seed_meetings(cast: Cast, cases: list[Case]) -> list[Meeting]:
    """The past meeting (minutes approved), then next week's; returns both."""
    children = [case.person for case in cases if case.person is not None]
    return [_past(cast, children[-1]), _next_week(cast, children[:2])]


def _arrange(cast: Cast, days: int, children: list[Person]) -> tuple[Meeting, list[AgendaItem]]:
    meeting = create_meeting(
        cast.manager,
        kind="operational",
        starts_at=cast.at(days, 10),
        venue=VENUE,
        chair=cast.manager,
        agencies=cast.partners(),
    )
    items = [add_item(cast.manager, meeting, NewItem("child", person=p)) for p in children]
    if cast.place is not None:
        items.append(add_item(cast.manager, meeting, NewItem("location", place=cast.place)))
    return meeting, items


def _next_week(cast: Cast, children: list[Person]) -> Meeting:
    return _arrange(cast, 7, children)[0]


def _past(cast: Cast, child: Person) -> Meeting:
    meeting, items = _arrange(cast, -21, [child])
    change_status(cast.manager, meeting, "in_progress")
    _attendance(cast, meeting)
    _child_item(cast, items[0])
    if len(items) > 1:
        _place_item(cast, items[1])
    change_status(cast.manager, meeting, "held")
    save_minutes(cast.manager, meeting, MINUTES, meeting.version)
    return approve_minutes(cast.manager, meeting)


def _attendance(cast: Cast, meeting: Meeting) -> None:
    people = [
        (cast.manager, "attended"),
        (cast.police, "attended"),
        (cast.health, "attended"),
        (cast.school, "apologies"),
    ]
    invited = {a.pk for a in meeting.invited_agencies.all()}
    for user, status in people:
        if user.agency is None or user.agency.pk not in invited:
            continue
        record_attendance(
            cast.manager,
            meeting,
            agency=user.agency,
            name=user.get_full_name(),
            job_title=user.role_label,
            status=status,
        )


def _child_item(cast: Cast, item: AgendaItem) -> None:
    by = cast.manager
    record_discussion(
        by,
        item,
        "The child is being sexually exploited by adults who meet them near the bus "
        "station. Police hold intelligence on a vehicle; health have seen the child with "
        "an older man at the clinic.",
    )
    record_decision(by, item, "Keep the child's exploitation plan; review in four weeks.")
    due = cast.today - timedelta(days=10)
    if cast.police.agency is not None:
        add_action(by, item, description="Check ANPR for the vehicle seen with the child and "
                   "share what is found with the team", owner=cast.police,
                   agency=cast.police.agency, due_on=due)  # fmt: skip
    if cast.health.agency is not None:
        done = add_action(by, item, description="Offer a clinic appointment with a trusted "
                          "nurse, without the adult present", owner=cast.health,
                          agency=cast.health.agency, due_on=due)  # fmt: skip
        update_action(cast.health, done, status="done", note="Seen alone at the clinic.")


def _place_item(cast: Cast, item: AgendaItem) -> None:
    record_discussion(
        cast.manager,
        item,
        "Several children with indicators are linked to this place; adults wait in cars nearby.",
    )
    record_decision(cast.manager, item, "Ask licensing to review the premises' licence.")
