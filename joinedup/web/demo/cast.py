"""Who and what the demo's casework is about: the demo accounts, their team and
children, the partner agencies, and the place the network alerts name.

Everything is chosen in a fixed order (allocation order, which follows the screening
score; person and entity ids), so the same borough gives the same demo every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.web.access.models import Allocation
from joinedup.web.accounts.demo import DEMO_TEAM
from joinedup.web.accounts.models import Team, User
from joinedup.web.analysis.models import NetworkRun
from joinedup.web.people.models import Person
from joinedup.web.records.models import Agency, Place, SourcePerson

__all__ = ["Cast", "ChildDetails", "cast_for_demo", "child_details"]

# Places where children are exploited away from home (a takeaway, a park...), preferred
# for the context case over homes, schools, surgeries and police stations.
CONTEXT_PLACE_KINDS = (
    "takeaway",
    "park",
    "transport_hub",
    "hotel",
    "taxi_firm",
    "shop",
    "licensed_premises",
)
PARTNER_CODES = ("CSC", "POL", "HLT", "EDU")


@dataclass(frozen=True)
class Cast:
    practitioner: User
    manager: User
    police: User
    health: User
    school: User
    inquiry: User
    participant: User  # a core participant's representative (issue 7)
    panel: User  # a member of the survivors' panel (issue 7)
    team: Team
    agencies: dict[str, Agency]
    own_children: list[Person]  # allocated to the practitioner, highest score first
    team_children: list[Person]  # allocated to the demo team
    place: Place | None
    now: datetime

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)

    def at(self, days: int, hour: int, minute: int = 0) -> datetime:
        """`days` from today (negative: ago) at a local time of day."""
        day = self.today + timedelta(days=days)
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def partners(self) -> list[Agency]:
        return [self.agencies[c] for c in PARTNER_CODES if c in self.agencies]


@dataclass(frozen=True)
class ChildDetails:
    """What a referrer would know of a child: from one agency record of them."""

    forenames: str
    surname: str
    dob: str


def cast_for_demo(now: datetime | None = None) -> Cast:
    """The demo's people and places; the demo accounts must exist (`create_demo_users`)."""
    users = {u.username: u for u in User.objects.filter(username__startswith="demo.")}
    team = Team.objects.get(name=DEMO_TEAM)
    own = _allocated(Allocation.objects.filter(user=users["demo.practitioner"]))
    shared = _allocated(Allocation.objects.filter(team=team))
    return Cast(
        practitioner=users["demo.practitioner"],
        manager=users["demo.manager"],
        police=users["demo.police"],
        health=users["demo.health"],
        school=users["demo.school"],
        inquiry=users["demo.inquiry"],
        participant=users["demo.participant"],
        panel=users["demo.panel"],
        team=team,
        agencies={a.code: a for a in Agency.objects.all()},
        own_children=own,
        team_children=shared,
        place=alerted_place(own + shared),
        now=now or timezone.now(),
    )


def _allocated(allocations: QuerySet[Allocation]) -> list[Person]:
    """The active children of these allocations, in the order they were allocated."""
    rows = allocations.filter(person__active=True).order_by("pk")
    people = [a.person for a in rows.select_related("person")]
    return list({p.pk: p for p in people if p.age_group == "child"}.values())


def alerted_place(children: list[Person]) -> Place | None:
    """The place the latest network run names: a takeaway, park or the like before a
    home; then a place alerted on before a place in an alert's network; then the one
    linked to most of these children."""
    run = NetworkRun.objects.only("alerts", "networks").first()
    if run is None:
        return None
    ids = {c.person_id for c in children}
    named = [(0, a["entity_id"], set(a["children"])) for a in run.alerts
             if a.get("entity_kind") == "place"]  # fmt: skip
    named += [(1, m, set(members)) for members in run.networks.values() for m in members
              if m.startswith("PL-")]  # fmt: skip
    places = {e: _place(e) for _, e, _ in named}

    def rank(row: tuple[int, str, set[str]]) -> tuple[bool, int, int, int, str]:
        kind, entity, near = row
        place = places[entity]
        preferred = place is not None and place.kind in CONTEXT_PLACE_KINDS
        return (not preferred, kind, -len(ids & near), -len(near), entity)

    found = [places[e] for _, e, _ in sorted(named, key=rank) if places[e] is not None]
    return found[0] if found else None


def _place(entity_id: str) -> Place | None:
    return Place.objects.filter(entity_id=entity_id).order_by("agency__code", "pk").first()


def child_details(person: Person) -> ChildDetails:
    """The child's name and date of birth as the first agency record (by agency) holds them."""
    record = (
        SourcePerson.objects.filter(link__person=person)
        .exclude(surname="")
        .order_by("agency__code", "pk")
        .first()
    )
    if record is None:
        return ChildDetails("", "", "")
    return ChildDetails(record.forenames, record.surname, record.dob)
