"""Link records as they arrive: an import places its new and changed SourcePersons.

Once a person index exists (a `joinedup link` has run), `records.importing.import_export`
calls `link_arrivals` inside the import's transaction, so the records and their persons
are written together or not at all. Before the first `joinedup link` it does nothing.

The arrivals are the SourcePersons the batch created or changed, and any record not yet
linked. The real-time matcher (`joinedup.linkage.realtime.link_arriving_records`) scores
each against the person index file (`person_index.py`) with the model, threshold and
review band of the last full run, obeying every standing review decision, and places it:
it joins a person, merges persons it bridges strongly enough, gets a new person, or (a
changed record) leaves its person, which is split if it held it together.

The database is then brought to the index's state for every record those placements
touched: new persons created, persons left empty retired (`merged_into` the person that
took most of their records), PersonLinks written with the probability, the model version
and `decided_by` "real-time matcher" (or "review: <who>" for a record in a must-link),
and the arrivals' pairs in the uncertain band (or strong pairs kept apart) queued for
review with their field-by-field explanation. One LinkageRun of kind "realtime" records
it all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db.models import Q
from django.utils import timezone

from joinedup.errors import ConfigurationError, InputError
from joinedup.linkage.components import BRIDGE_SUPPORT, VETO_BELOW
from joinedup.linkage.explain import explain_pairs
from joinedup.linkage.index import PersonIndex
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.linkage.realtime import Match, RealtimeResult, link_arriving_records
from joinedup.linkage.stable_ids import (
    mint_person_ids,
    summarise_person_id_changes,
)
from joinedup.web.people import models as pm
from joinedup.web.people.constraints import (
    Constraints,
    Pair,
    ordered_pair,
    records_decided_by_review,
    review_constraints,
)
from joinedup.web.people.lookups import (
    chunks,
    next_person_number_in_database,
    person_pks,
    persons_of_source_persons,
    records_of_persons,
    set_age_groups,
    source_person_pks,
)
from joinedup.web.people.person_index import (
    index_for_update,
    persons_in_index,
    stamp_index,
    term_frequencies_in_index,
    unlinkable_in_index,
)
from joinedup.web.people.sync import person_table_from_database, person_table_of
from joinedup.web.records import models as m

__all__ = ["REALTIME_DECIDER", "ArrivalSummary", "link_arrivals"]

REALTIME_DECIDER = "real-time matcher"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class ArrivalSummary:
    """What linking an import's records did (run is None when nothing arrived)."""

    run: pm.LinkageRun | None
    records: int = 0
    linked_to_existing: int = 0
    new_persons: int = 0
    to_review: int = 0
    merged: int = 0
    split: int = 0
    unlinkable: int = 0


def link_arrivals(
    batch: m.ImportBatch, user: str, progress: Progress | None = None
) -> ArrivalSummary | None:
    """Link the batch's new and changed SourcePersons; None before the first link run."""
    full = pm.LinkageRun.objects.filter(kind="full").order_by("-pk").first()
    if full is None:
        return None
    arriving = m.SourcePerson.objects.filter(Q(updated_in=batch) | Q(link__isnull=True))
    if not arriving.exists():
        return ArrivalSummary(None)
    say = progress or (lambda _: None)
    model = _model_of(full)
    latest = pm.LinkageRun.objects.order_by("-pk").first()
    assert latest is not None  # there is a full run
    table, pks = person_table_from_database(arriving)
    with index_for_update(latest, say) as index:
        say(f"linking {table.num_rows:,} arriving person records")
        run = _start_run(full, user, model, table.num_rows)
        arrival = _Arrival(index, model, run, full, review_constraints(), pks)
        summary = arrival.link(table)
        stamp_index(index, run)
    return summary


def _model_of(full: pm.LinkageRun) -> LinkageModel:
    path = Path(full.model_path) if full.model_path else DEFAULT_MODEL_PATH
    model = load_model(path)
    if model.model_version != full.model_version:
        raise ConfigurationError(
            f"the person index was made with model {full.model_version}, but {path} now "
            f"holds {model.model_version}: run `joinedup link` to link everyone with it, "
            "then import again"
        )
    return model


def _start_run(full: pm.LinkageRun, user: str, model: LinkageModel, records: int) -> pm.LinkageRun:
    return pm.LinkageRun.objects.create(
        started_at=timezone.now(), run_by=user, kind="realtime", engine="duckdb",
        model_version=model.model_version, model_path=full.model_path,
        threshold=full.threshold, review_band=full.review_band, records=records,
    )  # fmt: skip


class _Arrival:
    """One import's arrivals: matched and placed in the index, then written to the database."""

    def __init__(
        self,
        index: PersonIndex,
        model: LinkageModel,
        run: pm.LinkageRun,
        full: pm.LinkageRun,
        constraints: Constraints,
        pks: dict[str, int],
    ) -> None:
        self.index, self.model, self.run, self.constraints = index, model, run, constraints
        self.threshold = full.threshold
        self.review_from = float(full.review_band[0]) if full.review_band else full.threshold
        self.pks = pks
        """record_id -> SourcePerson pk of every arrival."""

    def link(self, table: pa.Table) -> ArrivalSummary:
        results = self._place(table)
        before = records_of_persons(_touched_persons(results, self.pks))
        partners = {m.record_id for r in results.values() for m in self._reviewable(r.matches)}
        after = persons_in_index(self.index, set(results) | set(before) | partners)
        placed = {rid: after[rid] for rid in set(results) | set(before)}
        existing = person_pks(set(placed.values()) | {p for _, p in before.values()})
        self._write_persons(before, placed, existing)
        self._write_links(results, before, placed)
        review = self._queue_for_review(table, results, after)
        return self._summary(results, placed, existing, review)

    def _place(self, table: pa.Table) -> dict[str, RealtimeResult]:
        start = next_person_number_in_database()
        try:
            return link_arriving_records(
                self.index, table, self.model, self.threshold,
                self.constraints.must_link, self.constraints.cannot_link,
                new_person_id=mint_person_ids(start=start),
                veto_below=min(VETO_BELOW, self.threshold), bridge_support=BRIDGE_SUPPORT,
            )  # fmt: skip
        except ValueError as error:
            raise InputError(f"cannot link the arriving records: {error}") from error

    def _reviewable(self, matches: Iterable[Match]) -> list[Match]:
        return [match for match in matches if match.match_probability >= self.review_from]

    def _write_persons(
        self, before: dict[str, tuple[int, str]], placed: dict[str, str], existing: dict[str, int]
    ) -> None:
        """Create new persons, mark the placed ones updated, retire those left empty."""
        wanted = set(placed.values())
        pm.Person.objects.bulk_create(
            [pm.Person(person_id=p, created_in=self.run, updated_in=self.run)
             for p in sorted(wanted - set(existing))], batch_size=2000)  # fmt: skip
        for part in chunks(sorted(wanted & set(existing))):
            pm.Person.objects.filter(person_id__in=part).update(
                active=True, merged_into=None, updated_in=self.run
            )
        previous = {rid: person for rid, (_, person) in before.items()}
        merged = summarise_person_id_changes(previous, placed).merged
        ids = person_pks(set(merged.values()))
        for gone in sorted(set(previous.values()) - wanted):
            pm.Person.objects.filter(person_id=gone).update(
                active=False, merged_into_id=ids.get(merged.get(gone, "")), updated_in=self.run
            )

    def _write_links(
        self,
        results: dict[str, RealtimeResult],
        before: dict[str, tuple[int, str]],
        placed: dict[str, str],
    ) -> None:
        """New links for the arrivals; records moved by a merge or split follow."""
        persons = person_pks(set(placed.values()))
        by_review = records_decided_by_review()
        moved = {
            pk: rid for rid, (pk, person) in before.items()
            if rid not in results and placed[rid] != person
        }  # fmt: skip
        changed = []
        for part in chunks(sorted(moved)):
            for link in pm.PersonLink.objects.filter(source_person_id__in=part):
                rid = moved[link.source_person_id]
                link.person_id = persons[placed[rid]]
                link.decided_by, link.run = by_review.get(rid, REALTIME_DECIDER), self.run
                changed.append(link)
        pm.PersonLink.objects.bulk_update(changed, ["person", "decided_by", "run"], batch_size=500)
        for part in chunks(sorted(self.pks.values())):
            pm.PersonLink.objects.filter(source_person_id__in=part).delete()
        pm.PersonLink.objects.bulk_create(
            [pm.PersonLink(
                source_person_id=self.pks[rid], person_id=persons[placed[rid]],
                match_probability=_best(result.matches, placed, placed[rid]),
                model_version=self.model.model_version,
                decided_by=by_review.get(rid, REALTIME_DECIDER), run=self.run)
             for rid, result in results.items()], batch_size=2000)  # fmt: skip
        set_age_groups(pm.Person.objects.filter(updated_in=self.run))

    def _queue_for_review(
        self, table: pa.Table, results: dict[str, RealtimeResult], after: dict[str, str]
    ) -> dict[Pair, Match]:
        """Replace the open pairs of the arrivals with their pairs to review now."""
        for part in chunks(sorted(self.pks.values())):
            pm.ReviewPair.objects.filter(status=pm.ReviewPair.OPEN).filter(
                Q(record_a_id__in=part) | Q(record_b_id__in=part)
            ).delete()
        review = self._review_pairs(results, after)
        if not review:
            return review
        partners = {r for pair in review for r in pair} - set(self.pks)
        pks = {**source_person_pks(partners), **self.pks}
        explained = self._explain(table, list(review), [pks[r] for r in partners])
        pm.ReviewPair.objects.bulk_create(
            [pm.ReviewPair(
                record_a_id=pks[a], record_b_id=pks[b], run=self.run,
                match_probability=match.match_probability, match_weight=match.match_weight,
                explanation=explained.get((a, b), []))
             for (a, b), match in sorted(review.items())], batch_size=1000)  # fmt: skip
        return review

    def _review_pairs(
        self, results: dict[str, RealtimeResult], after: dict[str, str]
    ) -> dict[Pair, Match]:
        """Uncertain pairs of the arrivals, and strong ones kept apart; undecided."""
        decided = self.constraints.decided()
        review = {}
        for rid, result in results.items():
            for match in self._reviewable(result.matches):
                pair = ordered_pair(rid, match.record_id)
                apart = after[rid] != after.get(match.record_id)
                if (match.match_probability < self.threshold or apart) and pair not in decided:
                    review[pair] = match
        return review

    def _explain(
        self, table: pa.Table, review: list[Pair], partner_pks: list[int]
    ) -> dict[Pair, list[dict[str, Any]]]:
        partners, _ = person_table_of(partner_pks)
        records = pa.concat_tables([table, partners.cast(table.schema)])
        frequencies = term_frequencies_in_index(self.index, self.model)
        explained = explain_pairs(
            records, review, self.model, self.index.linkable_count(), frequencies
        )
        return {pair: [f.to_dict() for f in e.fields] for pair, e in explained.items()}

    def _summary(
        self,
        results: dict[str, RealtimeResult],
        placed: dict[str, str],
        existing: dict[str, int],
        review: dict[Pair, Match],
    ) -> ArrivalSummary:
        joined = sum(1 for rid in results if placed[rid] in existing)
        summary = ArrivalSummary(
            run=self.run, records=len(results), linked_to_existing=joined,
            new_persons=len(results) - joined,
            to_review=len({r for pair in review for r in pair} & set(results)),
            merged=len({p for r in results.values() for p in r.merged_person_ids}),
            split=len({p for r in results.values() for p in r.split_person_ids}),
            unlinkable=len(unlinkable_in_index(self.index, set(results))),
        )  # fmt: skip
        self.run.pairs_scored = sum(len(r.matches) for r in results.values())
        self.run.persons = pm.Person.objects.filter(active=True).count()
        self.run.summary = {k: v for k, v in vars(summary).items() if k != "run"}
        self.run.finished_at = timezone.now()
        self.run.save()
        return summary


def _best(matches: Sequence[Match], placed: dict[str, str], person: str) -> float | None:
    """The best probability to another record of the person (None when alone)."""
    found = [m.match_probability for m in matches if placed.get(m.record_id) == person]
    return max(found, default=None)


def _touched_persons(results: dict[str, RealtimeResult], pks: dict[str, int]) -> set[str]:
    """Persons the arrivals had, went to, merged or split."""
    named = {p for r in results.values() for p in (r.person_id, *r.merged_person_ids,
                                                     *r.split_person_ids)}  # fmt: skip
    return named | persons_of_source_persons(list(pks.values()))
