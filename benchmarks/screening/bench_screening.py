"""Screening speed and peak memory at scale: full, incremental and history.

    python benchmarks/screening/bench_screening.py full --children 100000 --events 5000000
    python benchmarks/screening/bench_screening.py incremental --children 100000 --events 5000000
    python benchmarks/screening/bench_screening.py history --children 100000 --events 5000000

Synthesises schema-valid analysis tables directly (the generator is slower at this size):
`--children` children born 2008-2019 and a fifth as many adults; `--events` events
(types drawn from the event vocabulary, summaries from a pool of ordinary and indicator
wording), each with one child and, for one in five, an adult; one in ten at a place,
one in twenty with a vehicle. Run each mode in its own process: peak RSS is the
process's. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables
from joinedup.records import vocabularies
from joinedup.screening import rescreen_person, screen_children, tables_for_person
from joinedup.screening.history import first_prompt_dates, screening_history

AS_OF = date(2025, 6, 1)
SUMMARIES = np.array(
    [
        "",
        "Information and advice given.",
        "Attended ED with a cut hand.",
        "Asthma review.",
        "Missing overnight; returned the next morning.",
        "Seen getting into a car with an older male.",
        "Has a new phone and new clothes with no explanation.",
        "Domestic incident; children present.",
        "Referral about neglect.",
        "Bullied at school.",
        "Intoxicated when found.",
        "No concerns.",
    ],
    dtype=object,
)
SUMMARY_WEIGHTS = np.array([30, 20, 15, 15, 3, 2, 2, 4, 3, 3, 2, 1], dtype=float)


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _ids(prefix: str, n: int) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.cast(pa.array(np.arange(n)), pa.string()), "")


def _events(
    rng: np.random.Generator, n: int, child_of: np.ndarray, dob_days: np.ndarray
) -> pa.Table:
    types = np.array(sorted(vocabularies.codes("event_type")), dtype=object)
    span = (np.datetime64(AS_OF) - dob_days[child_of]).astype(int)
    days = dob_days[child_of] + (rng.random(n) * span).astype(int)
    at_place = rng.random(n) < 0.1
    places = np.where(at_place, np.char.add("PL:", rng.integers(0, 20000, n).astype(str)), None)
    return pa.table(
        {
            "event_id": _ids("E:", n),
            "agency": rng.choice(["POL", "CSC", "HLT", "EDU"], n),
            "event_type": rng.choice(types, n),
            "occurred": pa.array(days.astype(str)),
            "occurred_precision": pa.array(["day"] * n),
            "occurred_on": pa.array(days),
            "recorded": pa.array(days),
            "place_entity_id": pa.array(places.tolist(), pa.string()),
            "place_name": pa.nulls(n, pa.string()),
            "place_kind": pa.nulls(n, pa.string()),
            "place_postcode": pa.nulls(n, pa.string()),
            "summary": rng.choice(SUMMARIES, n, p=SUMMARY_WEIGHTS / SUMMARY_WEIGHTS.sum()),
            "narrative": pa.nulls(n, pa.string()),
            "sensitivity": pa.array(["standard"] * n),
            "grade": pa.nulls(n, pa.string()),
        }
    ).cast(tables.EVENTS)


def synthetic_tables(children: int, events: int, seed: int) -> AnalysisTables:
    rng = np.random.default_rng(seed)
    adults = children // 5
    dob_days = np.datetime64("2008-01-01") + rng.integers(0, 12 * 365, children)
    child_of = rng.integers(0, children, events)
    event_ids = _ids("E:", events)
    with_adult = np.flatnonzero(rng.random(events) < 0.2)
    persons = pa.table(
        {
            "person_id": pa.concat_arrays([_ids("C", children), _ids("A", adults)]),
            "display_name": pa.nulls(children + adults, pa.string()),
            "dob": pa.array(np.concatenate([dob_days.astype(str), np.full(adults, "1980-05-05")])),
            "sex": pa.array(["not_known"] * (children + adults)),
            "ethnicity": pa.array(["not_known"] * (children + adults)),
            "age_group": pa.array(["child"] * children + ["adult"] * adults),
        }
    ).cast(tables.PERSONS)
    participants = pa.table(
        {
            "event_id": pa.concat_arrays([event_ids, event_ids.take(pa.array(with_adult))]),
            "person_id": pa.concat_arrays(
                [
                    _ids("C", children).take(pa.array(child_of)),
                    _ids("A", adults).take(pa.array(rng.integers(0, adults, len(with_adult)))),
                ]
            ),
            "record_id": pa.nulls(events + len(with_adult), pa.string()),
            "role": pa.array(
                np.concatenate(
                    [
                        rng.choice(["subject", "victim"], events),
                        rng.choice(["suspect", "driver", "associate"], len(with_adult)),
                    ]
                )
            ),
        }
    ).cast(tables.PARTICIPANTS)
    vehicles = np.flatnonzero(rng.random(events) < 0.05)
    entities = pa.table(
        {
            "event_id": event_ids.take(pa.array(vehicles)),
            "entity_kind": pa.array(["vehicle"] * len(vehicles)),
            "entity_id": pa.array(
                np.char.add("VH:", rng.integers(0, 5000, len(vehicles)).astype(str))
            ),
            "label": pa.nulls(len(vehicles), pa.string()),
        }
    ).cast(tables.EVENT_ENTITIES)
    return AnalysisTables(
        _events(rng, events, child_of, dob_days),
        participants,
        persons,
        entities,
        tables.empty(tables.SOURCES),
    )


def _timed(run: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = run()
    return result, round(time.perf_counter() - started, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["full", "incremental", "history"])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="children re-screened (incremental)")
    args = parser.parse_args()
    data, build_seconds = _timed(lambda: synthetic_tables(args.children, args.events, args.seed))
    report: dict[str, Any] = {
        "mode": args.mode,
        "children": args.children,
        "events": args.events,
        "build_seconds": build_seconds,
        "rss_after_build_mb": _peak_rss_mb(),
    }
    if args.mode == "full":
        results, report["seconds"] = _timed(lambda: screen_children(data, as_of=AS_OF))
        report["results"] = len(results)
        report["prompted"] = sum(r.suggested_grade in ("moderate", "significant") for r in results)
    elif args.mode == "history":
        prompts, report["seconds"] = _timed(lambda: first_prompt_dates(screening_history(data)))
        report["prompted"] = prompts.num_rows
    else:
        people = [
            f"C{i}"
            for i in np.random.default_rng(args.seed).integers(0, args.children, args.repeat)
        ]
        _, report["slice_seconds_each"] = _timed(
            lambda: [tables_for_person(data, p) for p in people]
        )
        _, report["rescreen_seconds_each"] = _timed(
            lambda: [rescreen_person(data, p, as_of=AS_OF) for p in people]
        )
        sliced = [tables_for_person(data, p) for p in people]
        _, report["screen_slice_seconds_each"] = _timed(
            lambda: [
                screen_children(s, evaluation_dates={p: AS_OF})
                for s, p in zip(sliced, people, strict=True)
            ]
        )
        for key in ("slice_seconds_each", "rescreen_seconds_each", "screen_slice_seconds_each"):
            report[key] = round(report[key] / len(people), 4)
    report["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
