"""`joinedup link`: link every SourcePerson into Persons, obeying review decisions.

One run scores every blocked pair with the trained model (on DuckDB, or on Spark with
`engine="spark"`), clusters with the rule of `pipeline.link_records` (pairs down to
`components.VETO_BELOW` as evidence against chaining, `components.BRIDGE_SUPPORT`;
must-link and cannot-link decisions from review always obeyed), keeps each person's ID
where its records mostly stay together, queues the pairs in the uncertain band for
review with their field-by-field explanation, and writes it all in one transaction.

It also rebuilds the person index file real-time matching works on (`person_index.py`),
and takes the term frequencies the explanations need and the records with nothing to
link on from it, so the records are featured once for scoring and once for the index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.components import BRIDGE_SUPPORT, VETO_BELOW
from joinedup.linkage.engines import ENGINES, Engine, predict_pairs_with_engine
from joinedup.linkage.explain import PairExplanation, explain_pairs
from joinedup.linkage.index import PersonIndex
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.linkage.stable_ids import (
    assign_person_ids,
    mint_person_ids,
    next_person_number,
    summarise_person_id_changes,
)
from joinedup.web.people import models as pm
from joinedup.web.people.constraints import (
    Constraints,
    Pair,
    records_decided_by_review,
    review_constraints,
)
from joinedup.web.people.entities import resolve_entities_in_database
from joinedup.web.people.lookups import set_age_groups
from joinedup.web.people.person_index import (
    build_index_for_run,
    stamp_index,
    term_frequencies_in_index,
    unlinkable_in_index,
)
from joinedup.web.people.sync import person_table_from_database, record_id

Progress = Callable[[str], None]

__all__ = ["LinkageResult", "link_everyone", "pair_rows", "previous_person_ids"]


def previous_person_ids() -> dict[str, str]:
    rows = pm.PersonLink.objects.values_list(
        "source_person__agency__code", "source_person__source_id", "person__person_id"
    )
    return {record_id(agency, sid): person for agency, sid, person in rows}


def pair_rows(pairs: pa.Table) -> list[tuple[str, str, float]]:
    """(record_id_l, record_id_r, match_probability) for every scored pair."""
    columns = ("record_id_l", "record_id_r", "match_probability")
    left, right, probability = (pairs.column(c).to_pylist() for c in columns)
    return [
        (str(a), str(b), float(p or 0.0)) for a, b, p in zip(left, right, probability, strict=True)
    ]


@dataclass(frozen=True)
class LinkageResult:
    run: pm.LinkageRun
    person_of: dict[str, str]
    pairs: pa.Table


@dataclass(frozen=True)
class _Settings:
    user: str
    threshold: float
    review_from: float
    model: LinkageModel
    model_path: Path | None
    engine: Engine

    @property
    def scored_from(self) -> float:
        """Pairs are scored down to here: the weak ones are evidence against chaining."""
        return min(VETO_BELOW, self.review_from)


def link_everyone(
    user: str,
    threshold: float = 0.9,
    review_from: float = 0.5,
    model_path: Path | None = None,
    progress: Progress | None = None,
    engine: Engine = "duckdb",
) -> LinkageResult:
    """Run the whole person index again; returns the run and each record's person ID."""
    if not 0 < review_from <= threshold < 1:
        raise InputError(f"expected 0 < review-from ({review_from}) <= threshold ({threshold}) < 1")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    say = progress or (lambda _: None)
    model = load_model(model_path or DEFAULT_MODEL_PATH)
    settings = _Settings(user, threshold, review_from, model, model_path, engine)
    say("reading source person records")
    table, pks = person_table_from_database()
    say(f"scoring pairs among {table.num_rows:,} records on {engine}")
    pairs = predict_pairs_with_engine(table, model, settings.scored_from, engine)
    constraints = review_constraints()
    say("clustering")
    previous = previous_person_ids()
    person_of = _person_ids(table, pairs, threshold, constraints, previous)
    say("building the person index for real-time matching")
    with build_index_for_run(table, person_of) as index:
        say("explaining pairs for review")
        review = _review_pairs(pairs, settings, constraints, person_of)
        explanations = _explain(table, review, model, index)
        say("writing the person index")
        with transaction.atomic():
            run = _write(settings, table.num_rows, pairs, person_of, previous, pks, explanations)
            run.summary["unlinkable"] = len(unlinkable_in_index(index))
            say("resolving places, vehicles, phones and organisations")
            run.summary["entities"] = resolve_entities_in_database(run)
            run.save(update_fields=["summary"])
            stamp_index(index, run)
    return LinkageResult(run, person_of, pairs)


def _person_ids(
    table: pa.Table,
    pairs: pa.Table,
    threshold: float,
    constraints: Constraints,
    previous: dict[str, str],
) -> dict[str, str]:
    ids = [str(r) for r in table.column("record_id").to_pylist()]
    try:
        clusters = cluster_records(
            ids, pairs, threshold, constraints.must_link, constraints.cannot_link,
            veto_below=min(VETO_BELOW, threshold), bridge_support=BRIDGE_SUPPORT,
        )  # fmt: skip
    except ValueError as error:
        raise InputError(f"review decisions contradict each other: {error}") from error
    start = next_person_number(pm.Person.objects.values_list("person_id", flat=True))
    return assign_person_ids(clusters, previous, mint_person_ids(start=start))


def _review_pairs(
    pairs: pa.Table, settings: _Settings, constraints: Constraints, person_of: dict[str, str]
) -> list[Pair]:
    """Pairs in the uncertain band, or strong pairs the clusterer kept apart; undecided."""
    decided = constraints.decided()
    chosen = []
    for left, right, probability in pair_rows(pairs):
        if probability < settings.review_from:
            continue
        apart = person_of[left] != person_of[right]
        if (probability < settings.threshold or apart) and (left, right) not in decided:
            chosen.append((left, right))
    return chosen


def _explain(
    table: pa.Table, review: list[Pair], model: LinkageModel, index: PersonIndex
) -> dict[Pair, PairExplanation]:
    if not review:
        return {}
    involved = sorted({r for pair in review for r in pair})
    subset = table.filter(pc.is_in(table.column("record_id"), pa.array(involved)))
    frequencies = term_frequencies_in_index(index, model)
    return explain_pairs(subset, review, model, index.linkable_count(), frequencies)


def _write(
    settings: _Settings,
    records: int,
    pairs: pa.Table,
    person_of: dict[str, str],
    previous: dict[str, str],
    pks: dict[str, int],
    explanations: dict[Pair, PairExplanation],
) -> pm.LinkageRun:
    now = timezone.now()
    changes = summarise_person_id_changes(previous, person_of)
    run = pm.LinkageRun.objects.create(
        started_at=now,
        run_by=settings.user,
        kind="full",
        engine=settings.engine,
        model_version=settings.model.model_version,
        model_path=str(settings.model_path.resolve()) if settings.model_path else "",
        threshold=settings.threshold,
        review_band=[settings.review_from, settings.threshold],
        records=records,
        pairs_scored=pairs.num_rows,
        persons=len(set(person_of.values())),
        summary={
            "kept": len(changes.kept),
            "new": len(changes.new),
            "merged": len(changes.merged),
            "split": len(changes.split),
            "pairs_scored_from": settings.scored_from,
        },
    )
    persons = _upsert_persons(run, person_of, changes.merged)
    _relink(run, settings.model, person_of, persons, pks, _best_probability(pairs, person_of))
    _queue_for_review(run, explanations, pks)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _upsert_persons(
    run: pm.LinkageRun, person_of: dict[str, str], merged: Mapping[str, str]
) -> dict[str, int]:
    wanted = set(person_of.values())
    existing = dict(pm.Person.objects.values_list("person_id", "pk"))
    pm.Person.objects.bulk_create(
        [
            pm.Person(person_id=p, created_in=run, updated_in=run)
            for p in sorted(wanted - set(existing))
        ],
        batch_size=2000,
    )
    pm.Person.objects.filter(person_id__in=wanted).update(active=True, merged_into=None)
    ids = dict(pm.Person.objects.values_list("person_id", "pk"))
    for old, new in merged.items():
        pm.Person.objects.filter(person_id=old).update(
            active=False, merged_into_id=ids[new], updated_in=run
        )
    gone = set(existing) - wanted - set(merged)
    pm.Person.objects.filter(person_id__in=gone).update(active=False, updated_in=run)
    return ids


def _best_probability(pairs: pa.Table, person_of: dict[str, str]) -> dict[str, float]:
    best: dict[str, float] = defaultdict(float)
    for left, right, p in pair_rows(pairs):
        if person_of[left] == person_of[right]:
            best[left], best[right] = max(best[left], p), max(best[right], p)
    return best


def _relink(
    run: pm.LinkageRun,
    model: LinkageModel,
    person_of: dict[str, str],
    persons: dict[str, int],
    pks: dict[str, int],
    best: dict[str, float],
) -> None:
    pm.PersonLink.objects.all().delete()
    must = records_decided_by_review()
    links = [
        pm.PersonLink(
            source_person_id=pks[rid],
            person_id=persons[person],
            match_probability=best.get(rid),
            model_version=model.model_version,
            decided_by=must.get(rid, "model"),
            run=run,
        )
        for rid, person in person_of.items()
    ]
    pm.PersonLink.objects.bulk_create(links, batch_size=2000)
    set_age_groups()


def _queue_for_review(
    run: pm.LinkageRun, explanations: dict[Pair, PairExplanation], pks: dict[str, int]
) -> None:
    pm.ReviewPair.objects.filter(status=pm.ReviewPair.OPEN).delete()
    pm.ReviewPair.objects.bulk_create(
        [
            pm.ReviewPair(
                record_a_id=pks[a],
                record_b_id=pks[b],
                run=run,
                match_probability=e.match_probability,
                match_weight=e.match_weight,
                explanation=[f.to_dict() for f in e.fields],
            )
            for (a, b), e in sorted(explanations.items())
        ],
        batch_size=1000,
    )
