"""Screening through time: a child's score on every date it could have changed.

A score only rises on a date when a rule matches one of the child's events (between
such dates indicators only age out of their windows), so evaluating each child on each
of those dates finds the first date the system would have prompted at the scheme's
prompt grades. All children are evaluated at once, in one DuckDB query.
"""

from __future__ import annotations

import pyarrow as pa

from joinedup.analysis.borough import AnalysisTables
from joinedup.screening.evaluate import (
    prepare_screening,
    score_evaluation_points,
    set_evaluation_points,
)
from joinedup.screening.rules import RuleFile, load_rule_file

__all__ = ["first_prompt_dates", "screening_history"]


def screening_history(tables: AnalysisTables, rules: RuleFile | None = None) -> pa.Table:
    """person_id, eval_date, score, suggested_grade, prompted: every child, every date
    a rule matched one of their events while they were a child."""
    chosen = rules or load_rule_file()
    con = prepare_screening(tables, chosen)
    try:
        set_evaluation_points(con, evaluation_dates="match_dates")
        score_evaluation_points(con, chosen)
        con.register("grade_names", _grade_names(chosen))
        history: pa.Table = con.sql("""
            select s.person_id, s.eval_date, s.score, g.grade as suggested_grade, g.prompted
            from scores s join grade_names g on g.grade_rank = s.grade_rank
            order by s.person_id, s.eval_date""").to_arrow_table()
        return history
    finally:
        con.close()


def _grade_names(rules: RuleFile) -> pa.Table:
    return pa.table({
        "grade_rank": pa.array(range(len(rules.grades)), pa.int32()),
        "grade": [g.id for g in rules.grades],
        "prompted": [g.id in rules.prompt_grades for g in rules.grades],
    })  # fmt: skip


def first_prompt_dates(history: pa.Table) -> pa.Table:
    """person_id, first_prompt_date, score, suggested_grade: the first date each child's
    grade reached a prompt grade (children never prompted are left out)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.register("history", history)
        first: pa.Table = con.sql("""
            select person_id, min(eval_date) as first_prompt_date,
                   arg_min(score, eval_date) as score,
                   arg_min(suggested_grade, eval_date) as suggested_grade
            from history where prompted group by person_id order by person_id
        """).to_arrow_table()
        return first
    finally:
        con.close()
