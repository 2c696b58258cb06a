"""Children named on the dashboard: a name from one query, and a link through the purpose step.

The dashboard names many children at once, so names come from one query over the
linked records of agencies in the reader's sharing agreement (the most complete name
with the most precise date of birth, as the child's page heads itself). Every link
goes to `access:purpose` first, which asks why the record is being opened and then
continues to the page named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from joinedup.chronology import Entitlements
from joinedup.web.children.services.display import full_name
from joinedup.web.records.models import SourcePerson

__all__ = ["ChildLink", "child_links", "names_of", "open_href"]

_PRECISION = {"day": 3, "month": 2, "year": 1}


@dataclass(frozen=True)
class ChildLink:
    person_id: str
    name: str
    href: str


def open_href(person_id: str, section: str = "people:person") -> str:
    """The purpose page, continuing to `section` of the child's record."""
    target = reverse(section, args=[person_id])
    return reverse("access:purpose", args=[person_id]) + "?" + urlencode({"next": target})


def names_of(person_ids: Iterable[str], reader: Entitlements) -> dict[str, str]:
    """person_id -> the name the reader may see (the person id when none), in one query."""
    wanted = sorted(set(person_ids))
    rows = SourcePerson.objects.filter(link__person__person_id__in=wanted)
    if reader.agencies_visible is not None:
        rows = rows.filter(agency__code__in=sorted(reader.agencies_visible))
    best: dict[str, tuple[tuple[int, bool], str]] = {}
    for person_id, forenames, surname, precision in rows.values_list(
        "link__person__person_id", "forenames", "surname", "dob_precision"
    ):
        key = (_PRECISION.get(precision, 0), bool(forenames))
        if person_id not in best or key > best[person_id][0]:
            best[person_id] = (key, full_name(forenames, surname))
    return {pid: (best[pid][1] if pid in best else "") or pid for pid in wanted}


def child_links(
    person_ids: Iterable[str], names: dict[str, str], section: str = "people:person"
) -> dict[str, ChildLink]:
    """person_id -> a link to `section` of the child's record, through the purpose step."""
    return {pid: ChildLink(pid, names.get(pid, pid), open_href(pid, section))
            for pid in person_ids}  # fmt: skip
