"""Every table of counts the themes pages show or let people download goes through
`joinedup.disclosure` first: counts of accounts can identify a survivor. The profile is
chosen by name on each page (a shipped profile: `ons10` by default, `nhs`, `dfe`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.disclosure import (
    CountTable,
    Hierarchies,
    PublishedTable,
    disclose_linked,
    load_profile,
    shipped_profile_names,
)

__all__ = [
    "DEFAULT_PROFILE",
    "ProtectedTable",
    "chosen_profile",
    "profile_choices",
    "protect",
    "table_csv",
]

DEFAULT_PROFILE = "ons10"


@dataclass(frozen=True)
class ProtectedTable:
    """One table as published, with the reason for every cell the profile touched."""

    title: str
    label_columns: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    reasons: tuple[tuple[str, str, str], ...]
    """(row, column, reason) for every suppressed, rounded or marked cell."""
    profile_id: str
    suppressed: int

    def value(self, row: str, column: str) -> str:
        for labels, values in self.rows:
            if " / ".join(labels) == row:
                return values[self.columns.index(column)]
        raise KeyError(row)


def profile_choices() -> list[tuple[str, str]]:
    return [(name, load_profile(name).title) for name in shipped_profile_names()]


def chosen_profile(asked: str | None) -> str:
    """The profile asked for if it is a shipped one, else the default."""
    return asked if asked in shipped_profile_names() else DEFAULT_PROFILE


def _published(
    table: PublishedTable,
    title: str,
    result_reasons: Sequence[tuple[str, str, str]],
    profile_id: str,
    suppressed: int,
) -> ProtectedTable:
    layout = table.layout
    rows = tuple(zip(layout.row_labels, table.values, strict=True))
    return ProtectedTable(
        title,
        layout.label_columns,
        layout.count_columns,
        rows,
        tuple(result_reasons),
        profile_id,
        suppressed,
    )


def protect(
    tables: Sequence[CountTable],
    profile: str,
    titles: Mapping[str, str] | None = None,
    hierarchies: Hierarchies | None = None,
) -> list[ProtectedTable]:
    """The tables protected together (so no difference between them gives a count away)."""
    if not tables:
        return []
    result = disclose_linked(tables, profile, hierarchies=hierarchies)
    out = []
    for table in result.tables:
        reasons = [(r.row, r.column, r.reason) for r in result.reasons if r.table == table.name]
        symbols = sum(1 for row in table.values for v in row if not v.isdigit())
        out.append(
            _published(
                table,
                (titles or {}).get(table.name, table.name),
                reasons,
                result.profile_id,
                symbols,
            )
        )
    return out


def table_csv(
    table: ProtectedTable,
    extra: Mapping[str, float | None] | None = None,
    extra_name: str = "",
) -> str:
    """The published table only: its header and rows, never a count behind a symbol;
    `extra` adds a column by row name (empty where None)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*table.label_columns, *table.columns, *([extra_name] if extra else [])])
    for labels, values in table.rows:
        more = extra.get(" / ".join(labels)) if extra else None
        writer.writerow([*labels, *values, *([("" if more is None else more)] if extra else [])])
    return out.getvalue()
