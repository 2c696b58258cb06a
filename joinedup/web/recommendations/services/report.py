"""The progress report: how far recommendations and their actions have got, on a day.

`progress_report(as_of)` works each action's status out from its history as it stood at
the end of that day, so the figures for a past day do not change later. It holds no
personal data (no owners, no users), only numbers, agencies, themes and the actions'
own words, so the public site (a later issue) can publish it as it is (`as_dict`).

Only signed-off actions count as done. A recommendation is implemented when every one
of its actions is signed off. An action is overdue when its owner still has work to do
(not started or in progress) after its due date, and stalled when it is still open
(completed actions wait for sign-off) with no update for `stalled_days` (tracker.yaml).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from joinedup.web.recommendations.models import Action, ActionUpdate, Recommendation, Source
from joinedup.web.recommendations.services import vocabulary as vocab

__all__ = [
    "ActionLine",
    "GroupRow",
    "ProgressReport",
    "StatusCounts",
    "progress_report",
    "recommendation_state",
]


@dataclass(frozen=True)
class StatusCounts:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)  # every status, 0 included
    overdue: int = 0
    stalled: int = 0


@dataclass(frozen=True)
class GroupRow:
    name: str
    recommendations: int
    implemented: int
    actions: StatusCounts


@dataclass(frozen=True)
class ActionLine:
    source: str
    recommendation: str
    number: str
    text: str
    owning_agency: str
    due: date
    status: str
    last_update: date
    days_overdue: int
    days_since_update: int


@dataclass(frozen=True)
class ProgressReport:
    as_of: date
    sources: list[str]
    recommendations: int
    recommendation_states: dict[str, int]
    actions: StatusCounts
    by_lead_agency: list[GroupRow]
    by_theme: list[GroupRow]
    by_owning_agency: list[GroupRow]
    overdue: list[ActionLine]
    stalled: list[ActionLine]

    def headline(self) -> str:
        """'47 recommendations, 148 actions: 120 signed off, 20 in progress, 8 overdue'."""
        counts = self.actions.by_status
        return (
            f"{_plural(self.recommendations, 'recommendation')}, "
            f"{_plural(self.actions.total, 'action')}: {counts.get('signed_off', 0)} signed off, "
            f"{counts.get('in_progress', 0)} in progress, {self.actions.overdue} overdue"
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data (dates as ISO text), for JSON."""
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


@dataclass(frozen=True)
class _Snapshot:
    action: Action
    status: str
    last: date
    overdue: bool
    stalled: bool


def progress_report(as_of: date | None = None, source: Source | None = None) -> ProgressReport:
    as_of = as_of or timezone.localdate()
    end = timezone.make_aware(datetime.combine(as_of, time.max))
    recommendations = _recommendations(end, source)
    snapshots = _snapshots(as_of, end, recommendations)
    by_rec: dict[int, list[_Snapshot]] = defaultdict(list)
    for snap in snapshots:
        by_rec[snap.action.recommendation_id].append(snap)
    states = {r.pk: _state(by_rec[r.pk]) for r in recommendations}
    return ProgressReport(
        as_of=as_of,
        sources=sorted(
            {r.source.title for r in recommendations} | ({source.title} if source else set())
        ),
        recommendations=len(recommendations),
        recommendation_states={s: list(states.values()).count(s) for s in _state_names()},
        actions=_counts(snapshots),
        by_lead_agency=_groups(recommendations, by_rec, states, lambda r: str(r.lead_agency)),
        by_theme=_groups(recommendations, by_rec, states, lambda r: vocab.theme_label(r.theme)),
        by_owning_agency=_action_groups(snapshots),
        overdue=[_line(s, as_of) for s in snapshots if s.overdue],
        stalled=[_line(s, as_of) for s in snapshots if s.stalled],
    )


def _recommendations(end: datetime, source: Source | None) -> list[Recommendation]:
    found = Recommendation.objects.filter(added_at__lte=end).select_related("source", "lead_agency")
    if source is not None:
        found = found.filter(source=source)
    return list(found)


def _snapshots(
    as_of: date, end: datetime, recommendations: list[Recommendation]
) -> list[_Snapshot]:
    actions = list(
        Action.objects.filter(added_at__lte=end, recommendation__in=recommendations).select_related(
            "recommendation__source", "owning_agency"
        )
    )
    history = (
        ActionUpdate.objects.filter(action__in=actions, made_at__lte=end)
        .order_by("made_at", "pk")
        .values_list("action_id", "status", "made_at")
    )
    latest = {action_id: (status, made_at) for action_id, status, made_at in history}
    return [_snapshot(a, *latest.get(a.pk, ("not_started", a.added_at)), as_of) for a in actions]


def _snapshot(action: Action, status: str, made_at: datetime, as_of: date) -> _Snapshot:
    last = timezone.localdate(made_at)
    overdue = status in vocab.owner_open_statuses() and action.due < as_of
    stalled = status in vocab.open_statuses() and (as_of - last).days >= vocab.timescale(
        "stalled_days"
    )
    return _Snapshot(action, status, last, overdue, stalled)


def _state(snapshots: list[_Snapshot]) -> str:
    return recommendation_state({s.status for s in snapshots})


def recommendation_state(statuses: set[str]) -> str:
    """A recommendation's state from its actions' statuses (tracker.yaml's states)."""
    if not statuses:
        return "no_actions"
    if statuses == {"signed_off"}:
        return "implemented"
    if statuses <= {"signed_off", "not_accepted"}:
        return "not_accepted"
    return "not_started" if statuses == {"not_started"} else "in_progress"


def _state_names() -> list[str]:
    return ["implemented", "in_progress", "not_started", "not_accepted", "no_actions"]


def _counts(snapshots: Iterable[_Snapshot]) -> StatusCounts:
    snaps = list(snapshots)
    by_status = {s: sum(1 for x in snaps if x.status == s) for s in vocab.statuses()}
    return StatusCounts(
        len(snaps), by_status, sum(x.overdue for x in snaps), sum(x.stalled for x in snaps)
    )


def _groups(
    recommendations: list[Recommendation],
    by_rec: dict[int, list[_Snapshot]],
    states: dict[int, str],
    key: Callable[[Recommendation], str],
) -> list[GroupRow]:
    grouped: dict[str, list[Recommendation]] = defaultdict(list)
    for r in recommendations:
        grouped[key(r)].append(r)
    return [
        GroupRow(
            name,
            len(recs),
            sum(states[r.pk] == "implemented" for r in recs),
            _counts(s for r in recs for s in by_rec[r.pk]),
        )
        for name, recs in sorted(grouped.items())
    ]


def _action_groups(snapshots: list[_Snapshot]) -> list[GroupRow]:
    grouped: dict[str, list[_Snapshot]] = defaultdict(list)
    for snap in snapshots:
        grouped[str(snap.action.owning_agency)].append(snap)
    return [GroupRow(name, 0, 0, _counts(snaps)) for name, snaps in sorted(grouped.items())]


def _line(snap: _Snapshot, as_of: date) -> ActionLine:
    action = snap.action
    return ActionLine(
        action.recommendation.source.title,
        action.recommendation.number,
        action.number,
        action.text,
        str(action.owning_agency),
        action.due,
        snap.status,
        snap.last,
        max((as_of - action.due).days, 0),
        (as_of - snap.last).days,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value
