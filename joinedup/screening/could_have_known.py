"""'When could we have known': each agency's first indicator against the first protective
action, per child, aggregated by agency and by year.

An indicator is a moderate or significant rule matching an event recorded while the
person was a child (vulnerabilities are circumstances, not signs of exploitation). The
first protective action is the child's first event of the rule file's
`protective_actions` types (referral, strategy discussion, plan, ...) on or after their
first indicator, so an unrelated referral years before does not count. The cohort is
the children the inquiry asks about (default: every child the scheme would ever have
prompted). Months are
days / 30.4375; a positive lead means the indicator came first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from joinedup.analysis.borough import AnalysisTables
from joinedup.screening.evaluate import (
    prepare_screening,
    score_evaluation_points,
    set_evaluation_points,
)
from joinedup.screening.rules import RuleFile, load_rule_file

__all__ = ["CouldHaveKnown", "could_have_known"]

INDICATOR_CATEGORIES = ("moderate", "significant")

_PER_CHILD_SQL = """
create or replace temp table chk_per_child as
with indicators as (
    select m.person_id, m.agency, m.occurred_on from matches m
    join rule_params r on r.rule_id = m.rule_id
    join candidates c on c.person_id = m.person_id
    where r.category in ('moderate', 'significant')
      and ((c.dob is not null and m.occurred_on >= c.dob
            and m.occurred_on < c.dob + interval 18 year)
           or (c.dob is null and c.age_group = 'child'))
), first_any as (
    select person_id, min(occurred_on) as first_indicator from indicators
    where person_id in (select person_id from cohort) group by 1
), actions as (
    select f.person_id, min(ce.occurred_on) as first_protective_action
    from first_any f join child_events ce on ce.person_id = f.person_id
    where ce.event_type in (select event_type from protective_types)
      and ce.role in ('subject', 'victim') and ce.occurred_on >= f.first_indicator
    group by 1
), prompts as (
    select person_id, min(eval_date) as first_prompt from scores
    where grade_rank in (select grade_rank from prompt_ranks) group by 1
)
select i.person_id, i.agency, min(i.occurred_on) as agency_first_indicator,
       any_value(f.first_indicator) as first_indicator,
       any_value(p.first_prompt) as first_prompt,
       any_value(a.first_protective_action) as first_protective_action,
       round(date_diff('day', min(i.occurred_on), any_value(a.first_protective_action))
             / 30.4375, 1) as months_to_action
from indicators i join first_any f using (person_id)
     left join actions a using (person_id) left join prompts p using (person_id)
group by i.person_id, i.agency
"""

_BY_AGENCY_SQL = """
select agency, count(*) as children,
       count(first_protective_action) as acted_on,
       count(*) - count(first_protective_action) as never_acted_on,
       count(*) filter (where agency_first_indicator = first_indicator) as first_to_record,
       median(months_to_action) as median_months_to_action
from chk_per_child group by agency order by agency
"""

_BY_YEAR_SQL = """
with children as (
    select person_id, any_value(first_indicator) as first_indicator,
           any_value(first_prompt) as first_prompt,
           any_value(first_protective_action) as action
    from chk_per_child group by person_id
)
select year(first_indicator) as year, count(*) as children,
       count(action) as acted_on, count(*) - count(action) as never_acted_on,
       median(round(date_diff('day', first_indicator, action) / 30.4375, 1))
           as median_months_indicator_to_action,
       count(first_prompt) as prompted,
       median(round(date_diff('day', first_prompt, action) / 30.4375, 1))
           as median_months_prompt_to_action
from children group by 1 order by 1
"""


@dataclass(frozen=True, slots=True)
class CouldHaveKnown:
    per_child: pa.Table
    """person_id, agency, agency_first_indicator, first_indicator, first_prompt,
    first_protective_action, months_to_action: one row per child and agency."""
    by_agency: pa.Table
    by_year: pa.Table
    """Year of the child's first indicator (any agency)."""


def _register_lookups(con: duckdb.DuckDBPyConnection, rules: RuleFile) -> None:
    con.register("protective_types", pa.table({"event_type": list(rules.protective_actions)}))
    ranks = [rules.grade_rank(g) for g in rules.prompt_grades]
    con.register("prompt_ranks", pa.table({"grade_rank": pa.array(ranks, pa.int32())}))


def _register_cohort(con: duckdb.DuckDBPyConnection, cohort: Iterable[str] | None) -> None:
    if cohort is not None:
        con.register("cohort", pa.table({"person_id": pa.array(list(cohort), pa.string())}))
        return
    con.execute("create or replace temp table cohort as select distinct person_id from scores "
                "where grade_rank in (select grade_rank from prompt_ranks)")  # fmt: skip


def could_have_known(
    tables: AnalysisTables,
    rules: RuleFile | None = None,
    cohort: Iterable[str] | None = None,
) -> CouldHaveKnown:
    """Per child and agency, by agency and by year: when each agency first recorded an
    indicator, when the system would first have prompted, and the first protective action.

    `cohort`: the children the inquiry asks about (for example those now known to have
    been exploited); by default every child the scheme would ever have prompted."""
    chosen = rules or load_rule_file()
    con = prepare_screening(tables, chosen)
    try:
        set_evaluation_points(con, evaluation_dates="match_dates")
        score_evaluation_points(con, chosen)
        _register_lookups(con, chosen)
        _register_cohort(con, cohort)
        con.execute(_PER_CHILD_SQL)
        return CouldHaveKnown(
            con.sql("select * from chk_per_child order by person_id, agency").to_arrow_table(),
            con.sql(_BY_AGENCY_SQL).to_arrow_table(),
            con.sql(_BY_YEAR_SQL).to_arrow_table(),
        )
    finally:
        con.close()
