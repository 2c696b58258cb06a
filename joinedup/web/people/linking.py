"""`joinedup link`: link every SourcePerson into Persons, obeying review decisions.

One run scores every blocked pair with the trained model, clusters at the threshold
without chaining (must-link and cannot-link decisions from review always obeyed),
keeps each person's ID where its records mostly stay together, queues the pairs in
the uncertain band for review with their field-by-field explanation, and writes it
all in one transaction.
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
from joinedup.linkage.explain import PairExplanation, explain_pairs, term_frequency_tables
from joinedup.linkage.model import LinkageModel, load_model
from joinedup.linkage.pipeline import DEFAULT_MODEL_PATH
from joinedup.linkage.scoring import predict_pairs
from joinedup.linkage.stable_ids import (
    assign_person_ids,
    mint_person_ids,
    next_person_number,
    summarise_person_id_changes,
)
from joinedup.web.people import models as pm
from joinedup.web.people.entities import resolve_entities_in_database
from joinedup.web.people.sync import person_table_from_database, record_id

Progress = Callable[[str], None]
Pair = tuple[str, str]


@dataclass(frozen=True)
class Constraints:
    must_link: list[Pair]
    cannot_link: list[Pair]


def review_constraints() -> Constraints:
    """Every standing review decision as record_id pairs."""
    must: list[Pair] = []
    cannot: list[Pair] = []
    decisions = pm.LinkDecision.objects.filter(superseded=False).values_list(
        "record_a__agency__code",
        "record_a__source_id",
        "record_b__agency__code",
        "record_b__source_id",
        "decision",
    )
    for agency_a, sid_a, agency_b, sid_b, decision in decisions:
        pair = (record_id(agency_a, sid_a), record_id(agency_b, sid_b))
        (must if decision == pm.LinkDecision.MUST_LINK else cannot).append(pair)
    return Constraints(must, cannot)


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


def link_everyone(
    user: str,
    threshold: float = 0.9,
    review_from: float = 0.5,
    model_path: Path | None = None,
    progress: Progress | None = None,
) -> LinkageResult:
    """Run the whole person index again; returns the run and each record's person ID."""
    if not 0 < review_from <= threshold < 1:
        raise InputError(f"expected 0 < review-from ({review_from}) <= threshold ({threshold}) < 1")
    say = progress or (lambda _: None)
    model = load_model(model_path or DEFAULT_MODEL_PATH)
    say("reading source person records")
    table, pks = person_table_from_database()
    say(f"scoring pairs among {table.num_rows:,} records")
    pairs = predict_pairs(table, model, threshold=review_from)
    constraints = review_constraints()
    say("clustering")
    ids = [str(r) for r in table.column("record_id").to_pylist()]
    clusters = cluster_records(
        ids, pairs, threshold, constraints.must_link, constraints.cannot_link
    )
    previous = previous_person_ids()
    mint = mint_person_ids(
        start=next_person_number(pm.Person.objects.values_list("person_id", flat=True))
    )
    person_of = assign_person_ids(clusters, previous, mint)
    say("explaining pairs for review")
    review = _review_pairs(pairs, threshold, constraints, person_of)
    explanations = _explain(table, review, model)
    say("writing the person index")
    with transaction.atomic():
        run = _write(
            user,
            model,
            threshold,
            review_from,
            table.num_rows,
            pairs,
            person_of,
            previous,
            pks,
            explanations,
        )
        say("resolving places, vehicles, phones and organisations")
        run.summary["entities"] = resolve_entities_in_database(run)
        run.save(update_fields=["summary"])
    return LinkageResult(run, person_of, pairs)


def _review_pairs(
    pairs: pa.Table, threshold: float, constraints: Constraints, person_of: dict[str, str]
) -> list[Pair]:
    """Pairs in the uncertain band, or strong pairs the clusterer kept apart; undecided."""
    decided = {tuple(sorted(p)) for p in constraints.must_link + constraints.cannot_link}
    chosen = []
    for left, right, probability in pair_rows(pairs):
        apart = person_of[left] != person_of[right]
        if (probability < threshold or apart) and (left, right) not in decided:
            chosen.append((left, right))
    return chosen


def _explain(
    table: pa.Table, review: list[Pair], model: LinkageModel
) -> dict[Pair, PairExplanation]:
    if not review:
        return {}
    involved = sorted({r for pair in review for r in pair})
    subset = table.filter(pc.is_in(table.column("record_id"), pa.array(involved)))
    frequencies = term_frequency_tables(table, model)
    return explain_pairs(subset, review, model, table.num_rows, frequencies)


def _write(
    user: str,
    model: LinkageModel,
    threshold: float,
    review_from: float,
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
        run_by=user,
        kind="full",
        model_version=model.model_version,
        threshold=threshold,
        review_band=[review_from, threshold],
        records=records,
        pairs_scored=pairs.num_rows,
        persons=len(set(person_of.values())),
        summary={
            "kept": len(changes.kept),
            "new": len(changes.new),
            "merged": len(changes.merged),
            "split": len(changes.split),
        },
    )
    persons = _upsert_persons(run, person_of, changes.merged)
    _relink(run, model, person_of, persons, pks, _best_probability(pairs, person_of))
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
    must = _records_decided_by_review()
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
    _set_age_groups()


def _records_decided_by_review() -> dict[str, str]:
    decided = {}
    rows = pm.LinkDecision.objects.filter(superseded=False, decision=pm.LinkDecision.MUST_LINK)
    for d in rows.select_related("record_a__agency", "record_b__agency"):
        for rec in (d.record_a, d.record_b):
            decided[record_id(rec.agency.code, rec.source_id)] = f"review: {d.decided_by}"
    return decided


def _set_age_groups() -> None:
    """A person is a child if any agency records them as one, else an adult if any does."""
    for group in ("adult", "child"):
        people = pm.PersonLink.objects.filter(source_person__age_group=group).values("person_id")
        pm.Person.objects.filter(pk__in=people).update(age_group=group)


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
