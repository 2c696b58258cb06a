"""Statistical disclosure control for published tables of counts. Imports no Django.

Named, versioned profiles (`data/profiles/*.yaml`: nhs, ons10, dfe) say which small counts
are suppressed and how the rest are rounded; secondary suppression (HiGHS, through scipy)
adds the cheapest cells that stop a suppressed count being worked out from totals, within
one table or across linked tables; every cell the profile touched gets a reason that never
holds its count. `feasible_ranges` attacks a publication the way an intruder would.
See docs/disclosure.md.

    from joinedup.disclosure import CountTable, disclose_table
    result = disclose_table(table, "nhs")
    result.table.values, result.reasons, result.profile_id
"""

from __future__ import annotations

from joinedup.disclosure.attack import Range, feasible_ranges, published_ranges
from joinedup.disclosure.cells import CellKey, Hierarchies, Relation, find_relations, key_of
from joinedup.disclosure.disclose import (
    CellReason,
    DisclosureResult,
    disclose_linked,
    disclose_table,
)
from joinedup.disclosure.errors import SuppressionFailed, TableProblems
from joinedup.disclosure.files import disclose_file, read_count_table, write_outputs
from joinedup.disclosure.profiles import (
    Level,
    Profile,
    Source,
    load_profile,
    round_count,
    shipped_profile_names,
)
from joinedup.disclosure.tables import CountTable, Layout, PublishedTable

__all__ = [
    "CellKey",
    "CellReason",
    "CountTable",
    "DisclosureResult",
    "Hierarchies",
    "Layout",
    "Level",
    "Profile",
    "PublishedTable",
    "Range",
    "Relation",
    "Source",
    "SuppressionFailed",
    "TableProblems",
    "disclose_file",
    "disclose_linked",
    "disclose_table",
    "feasible_ranges",
    "find_relations",
    "key_of",
    "load_profile",
    "published_ranges",
    "read_count_table",
    "round_count",
    "shipped_profile_names",
    "write_outputs",
]
