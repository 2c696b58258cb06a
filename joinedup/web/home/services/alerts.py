"""Network alerts for the dashboard, from the latest run of `joinedup network`.

The run stores each alert (an adult, place, vehicle, phone or organisation linked to
several children with indicators) and each child newly linked to a known network. A
user sees an alert only through the children in it they may open; the others are
counted, not named. A place, vehicle, phone or organisation is named only when some
event behind the alert is from an agency in the user's sharing agreement; an adult is
never named here (the child's network page names people as the chronology would).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from joinedup.chronology import Entitlements
from joinedup.web.analysis.models import NetworkRun
from joinedup.web.people.models import Person

__all__ = ["NetworkAlert", "NetworkAlerts", "NewNetworkLink", "network_alerts"]

KIND_LABELS = {"person": "An adult", "place": "A place", "vehicle": "A vehicle",
               "phone": "A phone", "organisation": "An organisation"}  # fmt: skip


@dataclass(frozen=True)
class NetworkAlert:
    what: str  # 'A place: 86 Furnace Avenue', 'An adult'
    children: tuple[str, ...]  # person ids the user may open
    others: int  # children in the alert the user may not open
    events: int


@dataclass(frozen=True)
class NewNetworkLink:
    child: str
    network_id: str
    events: int


@dataclass(frozen=True)
class NetworkAlerts:
    run_at: datetime | None
    alerts: tuple[NetworkAlert, ...]
    new_links: tuple[NewNetworkLink, ...]

    def person_ids(self) -> set[str]:
        return {c for a in self.alerts for c in a.children} | {n.child for n in self.new_links}


def network_alerts(visible: QuerySet[Person], reader: Entitlements) -> NetworkAlerts:
    run = NetworkRun.objects.only("started_at", "alerts", "new_links").first()
    if run is None:
        return NetworkAlerts(None, (), ())
    mentioned = {c for a in run.alerts for c in a["children"]}
    mentioned |= {n["child_id"] for n in run.new_links}
    mine = set(visible.filter(person_id__in=sorted(mentioned)).values_list("person_id", flat=True))
    alerts = [_alert(a, mine, reader) for a in run.alerts if mine & set(a["children"])]
    new_links = [NewNetworkLink(n["child_id"], n["network_id"], len(n["events"]))
                 for n in run.new_links if n["child_id"] in mine]  # fmt: skip
    alerts.sort(key=lambda a: (-len(a.children) - a.others, a.what))
    return NetworkAlerts(run.started_at, tuple(alerts), tuple(new_links))


def _alert(row: Mapping[str, Any], mine: set[str], reader: Entitlements) -> NetworkAlert:
    children = tuple(sorted(c for c in row["children"] if c in mine))
    return NetworkAlert(
        what=_what(row, reader),
        children=children,
        others=len(row["children"]) - len(children),
        events=len(row["events"]),
    )


def _what(row: Mapping[str, Any], reader: Entitlements) -> str:
    kind = str(row["entity_kind"])
    what = KIND_LABELS.get(kind, kind.capitalize())
    if kind == "person" or not row.get("label"):
        return what
    agencies = {str(e).split(":", 1)[0] for e in row["events"]}
    if reader.agencies_visible is None or agencies & reader.agencies_visible:
        return f"{what}: {row['label']}"
    return what
