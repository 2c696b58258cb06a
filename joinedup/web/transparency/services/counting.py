"""Count each figure's items for a year from the system of record (figures.yaml names the
fields). An item is one thing counted, as its category for every breakdown variable; no
item leaves this module with a name, an id or a date.

A child's sex and ethnic group are taken across all the agencies' records linked to them:
the first known value (an ethnicity of "not stated" is kept only when none is known, as
the analysis sync does). Age comes from the most precise date of birth; a date of birth
given to the year only counts from 1 July, to the month only from the 1st.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from joinedup.transparency import FigureSet, FinancialYear, load_figures
from joinedup.web.analysis.models import ScreeningResult
from joinedup.web.cases.models import CaseFlag
from joinedup.web.frontdoor.models import Contact
from joinedup.web.meetings.models import AgendaItem
from joinedup.web.people.models import PersonLink
from joinedup.web.records.models import EventParticipant, SourcePerson

__all__ = ["COUNTERS", "Demographics", "age_on", "count_items"]

Item = dict[str, str]
FLAGS = ("cse", "cce")
PRECISION = {"day": 3, "month": 2, "year": 1, "": 0}


@dataclass(frozen=True, slots=True)
class Demographics:
    sex: str = "not_known"
    ethnicity: str = "not_known"
    dob: str = ""


def count_items(figure_id: str, year: FinancialYear, counted_to: date) -> list[Item]:
    """The items of one figure counted from the first day of `year` to `counted_to`."""
    start, end = _bounds(year.first_day, counted_to)
    return COUNTERS[figure_id](load_figures(), start, end)


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(first, time.min), zone),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone),
    )


def age_on(dob: str, day: date) -> int | None:
    """Age in whole years on `day` from a partial ISO date of birth ('' is not known)."""
    parts = dob.split("-") if dob else []
    try:
        year = int(parts[0]) if parts else None
        month = int(parts[1]) if len(parts) > 1 else 7
        dom = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    if year is None:
        return None
    age = day.year - year - ((day.month, day.day) < (month, dom))
    return age if age >= 0 else None


def _demographics(person_ids: Iterable[int]) -> dict[int, Demographics]:
    records: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    links = PersonLink.objects.filter(person_id__in=set(person_ids)).values_list(
        "person_id", "source_person__sex", "source_person__ethnicity",
        "source_person__dob", "source_person__dob_precision",
    )  # fmt: skip
    for person, sex, ethnicity, dob, precision in links.order_by("source_person_id"):
        records[person].append((sex, ethnicity, dob, precision))
    return {person: _best(rows) for person, rows in records.items()}


def _best(rows: list[tuple[str, str, str, str]]) -> Demographics:
    sexes = [s for s, _, _, _ in rows if s != "not_known"]
    known = [e for _, e, _, _ in rows if e not in ("not_known", "not_stated")]
    stated = [e for _, e, _, _ in rows if e == "not_stated"]
    dob = max(rows, key=lambda r: PRECISION.get(r[3], 0))[2]
    return Demographics(
        sexes[0] if sexes else "not_known",
        known[0] if known else (stated[0] if stated else "not_known"),
        dob,
    )


def _child_item(figures: FigureSet, who: Demographics, on: date) -> Item:
    variables = figures.variables
    return {
        "sex": variables["sex"].category_of(who.sex),
        "ethnic_group": variables["ethnic_group"].category_of(who.ethnicity),
        "age_band": variables["age_band"].band_of(age_on(who.dob, on)),
    }


def _children(figures: FigureSet, first_seen: dict[int, datetime]) -> list[Item]:
    """One item per child, aged on the day they were first counted in the year."""
    found = _demographics(first_seen)
    return [
        _child_item(figures, found.get(person, Demographics()), timezone.localdate(when))
        for person, when in sorted(first_seen.items())
    ]


def _first_seen(pairs: Iterable[tuple[int, datetime]]) -> dict[int, datetime]:
    first: dict[int, datetime] = {}
    for person, when in pairs:
        if person not in first or when < first[person]:
            first[person] = when
    return first


def _referrals(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    contacts = list(
        Contact.objects.filter(received_at__gte=start, received_at__lt=end).values_list(
            "person_id", "child_dob", "received_at"
        )
    )
    found = _demographics(p for p, _, _ in contacts if p is not None)
    items = []
    for person, child_dob, received in contacts:
        who = found.get(person, Demographics()) if person is not None else Demographics()
        items.append(_child_item(figures, Demographics(who.sex, who.ethnicity, child_dob),
                                 timezone.localdate(received)))  # fmt: skip
    return items


def _screened(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    results = ScreeningResult.objects.filter(screened_at__gte=start, screened_at__lt=end)
    return _children(figures, _first_seen(results.values_list("person_id", "screened_at")))


def _flagged(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    flags = CaseFlag.objects.filter(
        set_at__gte=start, set_at__lt=end, flag__in=FLAGS,
        case__subject_kind="child", case__person__isnull=False,
    )  # fmt: skip
    return _children(figures, _first_seen(flags.values_list("case__person_id", "set_at")))


def _mace(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    items = AgendaItem.objects.filter(
        kind="child", person__isnull=False, meeting__status="held",
        meeting__starts_at__gte=start, meeting__starts_at__lt=end,
    )  # fmt: skip
    return _children(figures, _first_seen(items.values_list("person_id", "meeting__starts_at")))


def _outcomes(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    decided = Contact.objects.filter(decided_at__gte=start, decided_at__lt=end).exclude(decision="")
    variable = figures.variables["decision"]
    return [
        {"decision": variable.category_of(d)} for d in decided.values_list("decision", flat=True)
    ]


def _core_data_set(figures: FigureSet, start: datetime, end: datetime) -> list[Item]:
    first, last = timezone.localdate(start), timezone.localdate(end) - timedelta(days=1)
    named = set(
        EventParticipant.objects.filter(
            role__in=("victim", "suspect"), event__occurred_on__gte=first,
            event__occurred_on__lte=last,
        ).values_list("person_id", "role")
    )  # fmt: skip
    people = SourcePerson.objects.filter(pk__in={p for p, _ in named})
    fields = {
        pk: (dob, sex, eth)
        for pk, dob, sex, eth in people.values_list("pk", "dob", "sex", "ethnicity")
    }
    role = figures.variables["role"]
    items = []
    for person, named_as in sorted(named):
        dob, sex, ethnicity = fields[person]
        items.append({
            "role": role.category_of(named_as),
            "age_recording": "Recorded" if dob else "Not known",
            "sex_recording": "Not known" if sex == "not_known" else "Recorded",
            "ethnicity_recording": {"not_known": "Not known", "not_stated": "Not stated"}.get(
                ethnicity, "Recorded"),
        })  # fmt: skip
    return items


COUNTERS: dict[str, Callable[[FigureSet, datetime, datetime], list[Item]]] = {
    "referrals": _referrals,
    "children_screened": _screened,
    "children_flagged": _flagged,
    "children_discussed_at_mace": _mace,
    "referral_outcomes": _outcomes,
    "core_data_set": _core_data_set,
}
