"""Screening every child at once: DuckDB over the Arrow analysis tables.

    results = screen_children(tables)                       # every child, as of today
    results = screen_children(tables, as_of=date(2016, 1, 1))
    results = screen_children(tables, evaluation_dates={"P-1": date(2016, 5, 1)})

Steps: find each child's events and what they show (`child_events`); match every rule
against them in one scan (`matches`); at each evaluation date, keep the matches inside
each rule's window, give each fired rule the points of the band its most recent event
falls in, add them up and grade the score, applying the file's floors. A person is a
child at a date if their recorded date of birth puts them under 18 then or, with no
date of birth, if their records say they are a child.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

import duckdb
import pyarrow as pa

from joinedup.analysis.borough import AnalysisTables
from joinedup.screening import _sql
from joinedup.screening.results import Evidence, IndicatorFound, ScreeningResult
from joinedup.screening.rules import RuleFile, load_rule_file

__all__ = [
    "prepare_screening",
    "results_from_scores",
    "score_evaluation_points",
    "screen_children",
    "set_evaluation_points",
]


def prepare_screening(tables: AnalysisTables, rules: RuleFile) -> duckdb.DuckDBPyConnection:
    """A connection holding each child's events and every rule match (no dates yet)."""
    con = duckdb.connect()
    for name in ("events", "participants", "persons", "event_entities"):
        con.register(name, getattr(tables, name))
    for statement in _sql.PREPARE_SQL:
        con.execute(statement)
    params, bands = _rule_tables(rules)
    con.register("rule_params", params)
    con.register("rule_bands", bands)
    con.execute(_sql.matches_sql(rules))
    return con


def _rule_tables(rules: RuleFile) -> tuple[pa.Table, pa.Table]:
    """rule_params (rule_id, category, window_months, min_count) and rule_bands
    (rule_id, band_order, within_months, points): the rule file as two small tables."""
    params = pa.table({
        "rule_id": [r.id for r in rules.rules],
        "category": [r.category for r in rules.rules],
        "window_months": pa.array([r.window_months for r in rules.rules], pa.int32()),
        "min_count": pa.array([r.min_count for r in rules.rules], pa.int32()),
    })  # fmt: skip
    bands = [(r.id, i, b) for r in rules.rules for i, b in enumerate(r.points)]
    return params, pa.table({
        "rule_id": [rule_id for rule_id, _, _ in bands],
        "band_order": pa.array([i for _, i, _ in bands], pa.int32()),
        "within_months": pa.array([b.within_months for _, _, b in bands], pa.int32()),
        "points": pa.array([b.points for _, _, b in bands], pa.int32()),
    })  # fmt: skip


def set_evaluation_points(
    con: duckdb.DuckDBPyConnection,
    as_of: date | None = None,
    evaluation_dates: Mapping[str, date] | pa.Table | Literal["match_dates"] | None = None,
) -> None:
    """`eval_points`: each child's evaluation date(s), only where they are a child then.

    "match_dates" evaluates each child on every date a rule matched one of their events:
    a score only rises on such a date, so these are the dates a prompt can first appear.
    """
    if evaluation_dates == "match_dates":
        con.execute("create or replace temp table wanted as "
                    "select distinct person_id, occurred_on as eval_date from matches")  # fmt: skip
    elif evaluation_dates is None:
        when = as_of or date.today()
        con.execute("create or replace temp table wanted as select person_id, ?::date as eval_date "
                    "from candidates", [when])  # fmt: skip
    else:
        con.register("wanted_in", _dates_table(evaluation_dates))
        con.execute("create or replace temp table wanted as "
                    "select person_id::varchar as person_id, eval_date::date as eval_date "
                    "from wanted_in")  # fmt: skip
    con.execute(f"""create or replace temp table eval_points as
        select distinct v.person_id, v.eval_date from wanted v
        join candidates c on c.person_id = v.person_id where {_sql.CHILD_AT_EVAL_SQL}""")


def _dates_table(dates: Mapping[str, date] | pa.Table) -> pa.Table:
    if isinstance(dates, pa.Table):
        return dates.select(["person_id", "eval_date"])
    return pa.table({
        "person_id": pa.array(list(dates), pa.string()),
        "eval_date": pa.array(list(dates.values()), pa.date32()),
    })  # fmt: skip


def score_evaluation_points(con: duckdb.DuckDBPyConnection, rules: RuleFile) -> pa.Table:
    """person_id, eval_date, score, grade_rank for every evaluation point."""
    for statement in _sql.scores_sql(rules):
        con.execute(statement)
    scores: pa.Table = con.sql(
        "select * from scores order by person_id, eval_date"
    ).to_arrow_table()
    return scores


def results_from_scores(
    con: duckdb.DuckDBPyConnection, rules: RuleFile, scores: pa.Table
) -> list[ScreeningResult]:
    """A ScreeningResult per scored evaluation point, with every indicator's evidence."""
    found = _indicators(con, rules)
    grades = [g.id for g in rules.grades]
    columns = scores.select(["person_id", "eval_date", "score", "grade_rank"]).to_pydict()
    return [
        ScreeningResult(
            person,
            score,
            grades[rank],
            rules.scheme,
            rules.version,
            tuple(found.get((person, when), ())),
            when,
        )  # fmt: skip
        for person, when, score, rank in zip(*columns.values(), strict=True)
    ]


def _indicators(
    con: duckdb.DuckDBPyConnection, rules: RuleFile
) -> dict[tuple[str, date], list[IndicatorFound]]:
    rows = con.sql(_sql.EVIDENCE_SQL).to_arrow_table().to_pydict()
    evidence: dict[tuple[str, date, str], list[Evidence]] = {}
    points: dict[tuple[str, date, str], int] = {}
    for person, when, rule_id, pts, event_id, agency, day, kind in zip(*rows.values(), strict=True):
        key = (person, when, rule_id)
        evidence.setdefault(key, []).append(Evidence(event_id, agency, day, kind))
        points[key] = pts
    found: dict[tuple[str, date], list[IndicatorFound]] = {}
    for (person, when, rule_id), items in evidence.items():
        rule = rules.rule(rule_id)
        indicator = IndicatorFound(rule_id, rule.label, points[(person, when, rule_id)],
                                   tuple(items), rule.category)  # fmt: skip
        found.setdefault((person, when), []).append(indicator)
    return found


def screen_children(
    tables: AnalysisTables,
    rules: RuleFile | None = None,
    as_of: date | None = None,
    evaluation_dates: Mapping[str, date] | pa.Table | None = None,
) -> list[ScreeningResult]:
    """Screen every child (at `as_of`, default today) or each child at their own dates."""
    chosen = rules or load_rule_file()
    con = prepare_screening(tables, chosen)
    try:
        set_evaluation_points(con, as_of, evaluation_dates)
        return results_from_scores(con, chosen, score_evaluation_points(con, chosen))
    finally:
        con.close()
