"""The demo's front door: demo.manager on the duty rota, three contacts waiting (police
urgent, a school's past its timescale, health's just in) and one decided that opened
a case for demo.practitioner's first child. Written through the front door's services,
with the times given to them (`now=`), so the clocks on the queue read as a real day.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from joinedup.web.accounts.models import User
from joinedup.web.cases.models import Case
from joinedup.web.demo.cast import Cast, child_details
from joinedup.web.frontdoor.models import Contact
from joinedup.web.frontdoor.services import (
    decide_contact,
    link_child,
    rate_contact,
    receive_contact,
    start_screening,
)
from joinedup.web.frontdoor.services.rota import add_to_rota
from joinedup.web.people.models import Person

__all__ = ["seed_front_door"]

FAMILY = {"family_aware": "not_known", "consent": "not_sought_risk"}


def seed_front_door(cast: Cast) -> tuple[list[Contact], Case]:
    """The rota, the contacts; returns them and the case the decided contact opened."""
    add_to_rota(cast.manager, cast.manager, cast.at(0, 0), cast.at(7, 0))
    waiting = [_urgent_from_police(cast), _late_from_school(cast), _new_from_health(cast)]
    decided = _decided_from_police(cast)
    assert decided.case is not None, "the decision opens a case"
    return [*waiting, decided], decided.case


def _referral(cast: Cast, user: User, person: Person, **fields: Any) -> dict[str, Any]:
    child = child_details(person)
    return {
        "child_forenames": child.forenames,
        "child_surname": child.surname,
        "child_dob": child.dob,
        "referrer_name": user.get_full_name(),
        "referrer_role": fields.pop("role"),
        "referrer_organisation": user.agency.name if user.agency else "",
        "referrer_email": user.email,
        **FAMILY,
        **fields,
    }


def _referred(cast: Cast, index: int) -> Person:
    """A child of the demo team (not the practitioner's own) for a waiting contact."""
    pool = cast.team_children or cast.own_children
    return pool[index % len(pool)]


def _urgent_from_police(cast: Cast) -> Contact:
    details = _referral(
        cast,
        cast.police,
        _referred(cast, 0),
        role="Police constable, missing persons unit",
        concerns=(
            "Found at 02:00 in a car with two adult men near the bus station; the men drove "
            "off when officers approached. The child had a new phone and cash. Reported "
            "missing from home twice this week."
        ),
        child_views="Said the men are 'friends' and that they would be in trouble for talking.",
        urgent=True,
        urgent_reason="Missing again tonight, believed to be with the same men.",
    )
    return receive_contact(cast.police, details, now=cast.now - timedelta(minutes=40))


def _late_from_school(cast: Cast) -> Contact:
    received = cast.now - timedelta(hours=30)
    details = _referral(
        cast,
        cast.school,
        _referred(cast, 1),
        role="Designated safeguarding lead",
        concerns=(
            "Collected at lunchtime by older young people in a car; new clothes and a second "
            "phone. Other pupils say the child is made to carry packages for older boys."
        ),
        attendance_percent=71,
        attendance_notes="Attendance fell from 96% last year; late most Mondays.",
        exclusions="suspension",
        exclusion_notes="Suspended for two days after a fight that staff think was arranged.",
        changes_seen="Tired, withdrawn, and anxious whenever their phone rings.",
        child_school=cast.school.agency.name if cast.school.agency else "",
    )
    contact = receive_contact(cast.school, details, form=Contact.SCHOOL_FORM, now=received)
    contact = start_screening(
        cast.practitioner, contact, version=contact.version, now=received + timedelta(hours=2)
    )
    why = "Signs of criminal exploitation (county lines); no immediate danger known today."
    return rate_contact(
        cast.practitioner,
        contact,
        "amber",
        why,
        version=contact.version,
        now=received + timedelta(hours=4),
    )


def _new_from_health(cast: Cast) -> Contact:
    details = _referral(
        cast,
        cast.health,
        _referred(cast, 2),
        role="Sexual health nurse",
        concerns=(
            "Attended the clinic twice this month with a man in his twenties who answered "
            "questions for them and would not leave the room."
        ),
        child_views="Said the man is their boyfriend and 'looks after' them.",
    )
    return receive_contact(cast.health, details, now=cast.now - timedelta(hours=2))


def _decided_from_police(cast: Cast) -> Contact:
    person, received = cast.own_children[0], cast.now - timedelta(hours=6)
    details = _referral(
        cast,
        cast.police,
        person,
        role="Detective constable, child exploitation unit",
        concerns=(
            "Found 40 miles from home with drugs and £300 in cash they said belonged to "
            "someone they 'owe'. Third time found out of the area this year."
        ),
    )
    contact = receive_contact(cast.police, details, now=received)
    by, step = cast.practitioner, received + timedelta(hours=1)
    contact = start_screening(by, contact, version=contact.version, now=step)
    contact = link_child(by, contact, person, version=contact.version, now=step)
    contact = rate_contact(
        by,
        contact,
        "red",
        "Criminal exploitation and debt bondage; known to the team's network alert.",
        version=contact.version,
        now=step + timedelta(minutes=30),
    )
    return decide_contact(
        by,
        contact,
        "open_case",
        "Exploited for county lines; needs the specialist team now.",
        version=contact.version,
        now=step + timedelta(hours=1),
    )
