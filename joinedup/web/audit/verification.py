"""Checking the chain, with no Django: what was altered, removed or reordered.

`check_chain` reads entries in sequence order (as mappings of their fields,
`prev_hash` and `hash`) and reports each problem naming the entry:

- altered: the entry's hash does not match its contents;
- missing: a gap in the sequence ("entry 1235 is missing or the chain was broken
  between 1234 and 1236"), or the chain head or an anchor records entries the log
  no longer has;
- broken: consecutive entries that do not link (an entry re-hashed after a change);
- reordered: an entry that hashes correctly only under another sequence number;
- head and anchor: the log disagrees with the chain head or an anchor written
  outside the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from joinedup.web.audit.chain import GENESIS, entry_hash

__all__ = ["Anchor", "ChainReport", "Head", "Problem", "check_chain"]

# Beyond this many altered entries, looking for reordering (pairwise) is skipped.
_REORDER_SEARCH_LIMIT = 200
# Entry problems listed at most; beyond, they are counted (a renumbered log breaks every entry).
_LISTED_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    sequence: int
    message: str


@dataclass(frozen=True, slots=True)
class Head:
    sequence: int
    hash: str


@dataclass(frozen=True, slots=True)
class Anchor:
    sequence: int
    hash: str
    written_at: str


@dataclass
class ChainReport:
    entries_checked: int = 0
    last_sequence: int = 0
    last_hash: str = GENESIS
    anchors_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_not_listed: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems and not self.problems_not_listed

    def add(self, problem: Problem) -> None:
        if len(self.problems) < _LISTED_LIMIT:
            self.problems.append(problem)
        else:
            self.problems_not_listed += 1

    @property
    def first_problem(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.sequence) if self.problems else None


def _span(first: int, last: int) -> str:
    return f"entry {first} is" if first == last else f"entries {first}–{last} are"


def check_chain(
    entries: Iterable[Mapping[str, Any]],
    head: Head | None = None,
    anchors: Iterable[Anchor] = (),
) -> ChainReport:
    """Recompute every hash and link; compare the end with the head and the anchors."""
    report = ChainReport()
    anchor_list = [a for a in anchors if a.sequence > 0]
    anchored = {a.sequence for a in anchor_list}
    stored_hashes: dict[int, str] = {}
    altered: list[Mapping[str, Any]] = []  # kept whole to look for reordering
    more_altered: list[int] = []  # beyond that, only their sequence numbers
    for entry in entries:
        _check_link(report, entry)
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            if len(altered) <= _REORDER_SEARCH_LIMIT:
                altered.append(entry)
            else:
                more_altered.append(entry["sequence"])
        if entry["sequence"] in anchored:
            stored_hashes[entry["sequence"]] = entry["hash"]
        report.entries_checked += 1
        report.last_sequence, report.last_hash = entry["sequence"], entry["hash"]
    _explain_altered(report, altered)
    for sequence in more_altered:
        report.add(Problem("altered", sequence, _altered(sequence)))
    _check_head(report, head)
    _check_anchors(report, anchor_list, stored_hashes)
    report.problems.sort(key=lambda p: p.sequence)
    return report


def _check_link(report: ChainReport, entry: Mapping[str, Any]) -> None:
    before, sequence = report.last_sequence, entry["sequence"]
    if sequence != before + 1:
        where = (
            f"between {before} and {sequence}"
            if before
            else f"before {sequence} (the log starts there)"
        )
        report.add(
            Problem("missing", before + 1, f"{_span(before + 1, sequence - 1)} missing "
                    f"or the chain was broken {where}")
        )  # fmt: skip
    elif entry["prev_hash"] != report.last_hash:
        report.add(
            Problem("broken", sequence, f"the chain was broken between {before} and {sequence}: "
                    f"entry {sequence} does not follow entry {before} (one of them was altered "
                    "and re-hashed, or entries were removed and renumbered)")
        )  # fmt: skip


def _explain_altered(report: ChainReport, altered: list[Mapping[str, Any]]) -> None:
    """Name each altered entry, recognising entries moved to another sequence number."""
    sequences = [e["sequence"] for e in altered]
    search = len(altered) <= _REORDER_SEARCH_LIMIT
    moved: dict[int, int] = {}
    for entry in altered:
        sequence = entry["sequence"]
        after_moved = [moved[sequence - 1] + 1] if sequence - 1 in moved else []
        recorded_as = _original_sequence(entry, after_moved + sequences) if search else None
        if recorded_as is None:
            report.add(Problem("altered", sequence, _altered(sequence)))
            continue
        moved[sequence] = recorded_as
        message = (
            f"entry {sequence} holds what was recorded as entry {recorded_as}: "
            "entries were renumbered or reordered"
        )
        report.add(Problem("reordered", sequence, message))
    # Links around moved entries break as a consequence; the moves explain them.
    report.problems = [
        p for p in report.problems
        if not (p.kind == "broken" and ({p.sequence, p.sequence - 1} & moved.keys()))
    ]  # fmt: skip


def _altered(sequence: int) -> str:
    return f"entry {sequence} was altered: its hash does not match its contents"


def _original_sequence(entry: Mapping[str, Any], candidates: list[int]) -> int | None:
    for candidate in candidates:
        if candidate == entry["sequence"]:
            continue
        if entry_hash(entry["prev_hash"], {**entry, "sequence": candidate}) == entry["hash"]:
            return candidate
    return None


def _check_head(report: ChainReport, head: Head | None) -> None:
    last = report.last_sequence
    if head is None:
        if last:
            report.problems.append(Problem("head", last, "the chain head is missing"))
        return
    if head.sequence > last:
        report.problems.append(
            Problem("missing", last + 1, f"{_span(last + 1, head.sequence)} missing from the end "
                    f"of the log (the chain head records entry {head.sequence})")
        )  # fmt: skip
    elif head.sequence < last:
        report.problems.append(
            Problem("head", head.sequence + 1, f"the chain head records entry {head.sequence} but "
                    f"the log goes on to entry {last}: entries were added around the chain head")
        )  # fmt: skip
    elif head.hash != report.last_hash:
        report.problems.append(Problem("head", last, f"entry {last} does not match the chain head"))


def _check_anchors(
    report: ChainReport, anchors: Iterable[Anchor], stored_hashes: Mapping[int, str]
) -> None:
    for anchor in sorted(anchors, key=lambda a: a.sequence):
        report.anchors_checked += 1
        sequence, when = anchor.sequence, anchor.written_at
        if sequence > report.last_sequence:
            message = (
                f"the anchor written at {when} records entry {sequence}, but the log ends at "
                f"entry {report.last_sequence}: entries were removed"
            )
            report.problems.append(Problem("anchor", sequence, message))
        elif sequence not in stored_hashes:
            message = f"entry {sequence}, recorded in the anchor written at {when}, is missing"
            report.problems.append(Problem("anchor", sequence, message))
        elif stored_hashes[sequence] != anchor.hash:
            message = (
                f"entry {sequence} does not match the anchor written at {when}: "
                f"the log was rewritten at or before entry {sequence}"
            )
            report.problems.append(Problem("anchor", sequence, message))
