"""The demo's cases: the front door's case and two more of demo.practitioner's children,
and one context case about the place the network alerts name. Each is allocated to the
practitioner in the demo team by demo.manager, and has a flag, a plan with a review
date (the second child's is overdue) and a case note, all through the cases services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from joinedup.web.cases.models import Case
from joinedup.web.cases.services import open_case
from joinedup.web.cases.services.allocation import allocate_case
from joinedup.web.cases.services.flags import set_flag
from joinedup.web.cases.services.notes import finalise_note
from joinedup.web.cases.services.plans import add_action, add_plan
from joinedup.web.demo.cast import Cast

__all__ = ["seed_cases"]


@dataclass(frozen=True)
class Work:
    """What is recorded on one case: its flag, its plan (days from today) and a note."""

    flag: str
    flag_reason: str
    plan_type: str
    aims: str
    started: int
    review: int
    note: str


CHILD_WORK = (
    Work(
        "cce",
        "Found out of the area with drugs and cash they were made to carry (referral today).",
        "safety_plan",
        "Keep the child safe from the adults who exploit them while the team gets to know them.",
        0,
        14,
        "Met at the police station with a parent. Quiet and tired; said they owe money "
        "and are frightened of what happens if they stop. Agreed to meet again on Friday.",
    ),
    Work(
        "cse",
        "Seen repeatedly with adult men at the place named in the network alert.",
        "exploitation_plan",
        "Reduce contact with the adults who exploit them; rebuild school attendance.",
        -60,
        -5,
        "Home visit. They talked about a new 'boyfriend' aged 24 who buys them things. "
        "Talked the risks through gently; they agreed to keep the team's number.",
    ),
    Work(
        "cse",
        "Health and school both report an older man controlling contact with services.",
        "exploitation_plan",
        "Disrupt contact with the adult named by health; support them to the clinic.",
        -30,
        5,
        "Spoke with the school nurse and the designated safeguarding lead: both have seen "
        "the same man outside the school gates. Strategy discussion requested.",
    ),
)
CONTEXT_WORK = Work(
    "cce",
    "Children from three families are being recruited here to sell and carry drugs.",
    "context_safety_plan",
    "Make the place safer: guardians on site, licensing and police patrols after school.",
    -14,
    28,
    "Walked the area with the youth outreach team at 16:00. Groups of children outside "
    "the premises; the manager says older men wait in cars across the road.",
)


def seed_cases(cast: Cast, from_front_door: Case) -> list[Case]:
    """The four cases, allocated and worked, in the order above."""
    cases = [from_front_door, *[_child_case(cast, i) for i in (1, 2)], _context_case(cast)]
    for case, work in zip(cases, [*CHILD_WORK, CONTEXT_WORK], strict=True):
        _allocate(cast, case)
        _work(cast, case, work)
    return cases


def _child_case(cast: Cast, index: int) -> Case:
    person = cast.own_children[index % len(cast.own_children)]
    return open_case(
        opened_by=cast.practitioner,
        reason="Allocated child whose screening and network alert show exploitation.",
        person=person,
    )


def _context_case(cast: Cast) -> Case:
    if cast.place is None:
        return open_case(
            opened_by=cast.practitioner,
            reason="Several allocated children are exploited at the same place.",
            context_kind="place",
            context_name="The bus station",
        )
    return open_case(
        opened_by=cast.practitioner,
        reason="The network alert links several children with indicators to this place.",
        context_kind="place",
        place=cast.place,
    )


def _allocate(cast: Cast, case: Case) -> None:
    allocate_case(
        case, seen_version=case.version, team=cast.team, worker=cast.practitioner, by=cast.manager
    )


def _work(cast: Cast, case: Case, work: Work) -> None:
    by = cast.practitioner
    set_flag(case, seen_version=case.version, by=by, flag=work.flag, reason=work.flag_reason)
    plan = add_plan(
        case,
        seen_version=case.version,
        by=by,
        plan_type=work.plan_type,
        aims=work.aims,
        start_date=_day(cast, work.started),
        review_date=_day(cast, work.review),
    )
    add_action(
        plan,
        seen_version=case.version,
        by=by,
        what="Weekly visit, and a safety plan agreed with the child",
        who=by.get_full_name(),
        due_on=_day(cast, 7),
    )
    finalise_note(case, by, work.note)


def _day(cast: Cast, days: int) -> date:
    return cast.today + timedelta(days=days)
