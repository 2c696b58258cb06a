"""'When could we have known', presented for the inquiry.

The analysis is `joinedup.screening.could_have_known` (docs/screening.md) over every
record in the system: for each child and each agency, when that agency first recorded an
indicator of exploitation and when the first protective action followed. It is computed
once per state of the records (the last import batch, the last linkage run, the number
of links and the rule file) and kept in `KnownResult`, without person ids.

Three tables come from it, protected together by `joinedup.disclosure`: per agency the
distribution of the time from its first indicator to the first protective action, and
per year and per decade of a child's first indicator the children acted on and never
acted on. A median is shown only where the group is larger than the profile's
suppressed band, so a median cannot describe one or two children.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from joinedup.disclosure import CountTable, load_profile
from joinedup.errors import InputError
from joinedup.screening import RuleFile, could_have_known, load_rule_file
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.people.models import LinkageRun, PersonLink
from joinedup.web.records.models import Agency, ImportBatch
from joinedup.web.themes.models import KnownResult
from joinedup.web.themes.services.protect import ProtectedTable, protect

__all__ = [
    "BINS",
    "KnownTables",
    "known_result",
    "known_tables",
    "records_state_key",
]

NEVER = "Never acted on"
BINS: tuple[tuple[str, Callable[[float], bool]], ...] = (
    ("Action came before this agency's first indicator", lambda m: m < 0),
    ("Under 3 months", lambda m: 0 <= m < 3),
    ("3 to 12 months", lambda m: 3 <= m < 12),
    ("1 to 3 years", lambda m: 12 <= m < 36),
    ("3 years or more", lambda m: m >= 36),
)
ACTED, NOT_ACTED, TOTAL = "Acted on", "Never acted on", "Total"


@dataclass(frozen=True)
class KnownTables:
    result: KnownResult
    by_agency: ProtectedTable
    by_year: ProtectedTable
    by_decade: ProtectedTable
    medians: dict[str, dict[str, float | None]]
    """table name -> row name -> median months to action (None: not shown)."""
    children: int

    def table(self, name: str) -> ProtectedTable:
        return {"agency": self.by_agency, "year": self.by_year, "decade": self.by_decade}[name]


def records_state_key(rules: RuleFile) -> str:
    """What the analysis depends on: when any part changes, it is computed again."""
    batch = ImportBatch.objects.aggregate(last=Max("pk"))["last"] or 0
    run = LinkageRun.objects.aggregate(last=Max("pk"))["last"] or 0
    links = PersonLink.objects.count()
    rule_file = f"{rules.scheme} {rules.version} {rules.digest}"
    return f"batch {batch}; linkage {run}; links {links}; {rule_file}"


def _months(later: date | None, earlier: date | None) -> float | None:
    if later is None or earlier is None:
        return None
    return round((later - earlier).days / 30.4375, 1)


def _compute(rules: RuleFile) -> list[list[object]]:
    per_child = could_have_known(analysis_tables_from_database(), rules).per_child
    numbers: dict[str, int] = {}
    rows: list[list[object]] = []
    for row in per_child.to_pylist():
        number = numbers.setdefault(str(row["person_id"]), len(numbers) + 1)
        first, action = row["first_indicator"], row["first_protective_action"]
        rows.append(
            [
                row["agency"],
                number,
                first.year if first else None,
                row["months_to_action"],
                _months(action, first),
            ]
        )
    return rows


def known_result(rules: RuleFile | None = None) -> KnownResult:
    """The cached analysis for the records as they are now (computed if they changed)."""
    chosen = rules or load_rule_file()
    key = records_state_key(chosen)
    found = KnownResult.objects.filter(key=key).first()
    if found is not None:
        return found
    rows = _compute(chosen)
    try:
        with transaction.atomic():
            return KnownResult.objects.create(
                key=key,
                computed_at=timezone.now(),
                scheme=chosen.scheme,
                rules_version=chosen.version,
                rows=rows,
            )
    except IntegrityError:
        return KnownResult.objects.get(key=key)


def _agency_table(rows: Sequence[list[object]]) -> tuple[CountTable, dict[str, list[float]]]:
    names = dict(Agency.objects.values_list("code", "name"))
    months: dict[str, list[float | None]] = defaultdict(list)
    for agency, _, _, lead, _ in rows:
        months[f"{names.get(str(agency), agency)} ({agency})"].append(
            None if lead is None else float(str(lead))
        )
    columns = [label for label, _ in BINS] + [NEVER, TOTAL]
    table_rows = []
    for name in sorted(months):
        values = months[name]
        counts = [sum(1 for m in values if m is not None and test(m)) for _, test in BINS]
        counts += [sum(1 for m in values if m is None), len(values)]
        table_rows.append(((name,), tuple(counts)))
    table = CountTable.from_rows(
        "could-have-known-by-agency",
        ["Agency"],
        columns,
        table_rows,
        column_variable="time to action",
    )
    acted = {n: [m for m in v if m is not None] for n, v in months.items()}
    return table, acted


def _children(rows: Sequence[list[object]]) -> dict[int, tuple[int | None, float | None]]:
    found: dict[int, tuple[int | None, float | None]] = {}
    for _, number, year, _, months in rows:
        found[int(str(number))] = (
            None if year is None else int(str(year)),
            None if months is None else float(str(months)),
        )
    return found


def _period_table(
    name: str, children: dict[int, tuple[int | None, float | None]], period: Callable[[int], str]
) -> tuple[CountTable, dict[str, list[float]]]:
    groups: dict[str, list[float | None]] = defaultdict(list)
    for year, months in children.values():
        if year is not None:
            groups[period(year)].append(months)
    rows = []
    for label in sorted(groups):
        acted = sum(1 for m in groups[label] if m is not None)
        rows.append(((label,), (acted, len(groups[label]) - acted, len(groups[label]))))
    everyone = [m for v in groups.values() for m in v]
    acted_all = sum(1 for m in everyone if m is not None)
    rows.append(((TOTAL,), (acted_all, len(everyone) - acted_all, len(everyone))))
    table = CountTable.from_rows(
        name, ["Period"], [ACTED, NOT_ACTED, TOTAL], rows, column_variable="children"
    )
    groups[TOTAL] = everyone
    return table, {k: [m for m in v if m is not None] for k, v in groups.items()}


def _medians(acted: dict[str, list[float]], smallest: int) -> dict[str, float | None]:
    return {
        row: (statistics.median(values) if len(values) >= smallest else None)
        for row, values in acted.items()
    }


def known_tables(profile: str, rules: RuleFile | None = None) -> KnownTables:
    result = known_result(rules)
    rows = result.rows
    if not rows:
        raise InputError("no child in the records has an indicator of exploitation")
    children = _children(rows)
    agency, agency_acted = _agency_table(rows)
    years, year_acted = _period_table("could-have-known-by-year", children, str)
    decades, decade_acted = _period_table(
        "could-have-known-by-decade", children, lambda y: f"{y // 10 * 10}s"
    )
    hierarchy = {
        "Period": {
            f"{d}s": [str(y) for y in range(d, d + 10) if str(y) in year_acted]
            for d in {int(k[:4]) for k in decade_acted if k != TOTAL}
        }
    }
    (by_agency,) = protect([agency], profile, _TITLES)
    by_year, by_decade = protect([years, decades], profile, _TITLES, hierarchies=hierarchy)
    level = load_profile(profile).level()
    smallest = (level.suppress_to or 9) + 1
    medians = {
        "agency": _medians(agency_acted, smallest),
        "year": _medians(year_acted, smallest),
        "decade": _medians(decade_acted, smallest),
    }
    return KnownTables(result, by_agency, by_year, by_decade, medians, len(children))


_TITLES = {
    "could-have-known-by-agency": (
        "Time from each agency's first indicator to the first protective action"
    ),
    "could-have-known-by-year": "Children by the year of their first recorded indicator",
    "could-have-known-by-decade": "Children by the decade of their first recorded indicator",
}
