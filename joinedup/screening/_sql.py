"""The DuckDB queries of screening, kept apart so the Python reads as steps.

    person_dob      one row per person: earliest day the recorded (partial) dob can mean
    child_events    one row per (child, event, role) with what conditions look at
    matches         one row per (child, rule, event) the rule's `when:` matches
    windowed        matches inside each rule's window before each evaluation date
    hits            one row per (child, evaluation date, rule) that fires, with its points
    scores          one row per (child, evaluation date): score and grade rank

Evaluation dates come from a relation `eval_points(person_id, eval_date)`.
"""

from __future__ import annotations

from joinedup.screening.rules import RuleFile

__all__ = [
    "EVIDENCE_SQL",
    "PREPARE_SQL",
    "CHILD_AT_EVAL_SQL",
    "matches_sql",
    "scores_sql",
]

PREPARE_SQL = [
    """create or replace temp table person_dob as
    select person_id, any_value(age_group) as age_group,
           min(try_cast(case length(dob) when 4 then dob || '-01-01'
                                         when 7 then dob || '-01'
                                         else left(dob, 10) end as date)) as dob
    from persons group by person_id""",
    """create or replace temp table candidates as
    select person_id, dob, age_group from person_dob
    where age_group = 'child' or dob is not null""",
    """create or replace temp table event_flags as
    select event_id, bool_or(entity_kind = 'vehicle') as has_vehicle,
           bool_or(entity_kind = 'phone') as has_phone
    from event_entities group by event_id""",
    """create or replace temp table named_before as
    with mentions as (
        select place_entity_id, event_type, min(occurred_on) as first_on from events
        where place_entity_id is not null and occurred_on is not null group by all
    )
    select e.event_id, list(distinct m.event_type) as named_before
    from events e join mentions m
         on m.place_entity_id = e.place_entity_id and m.first_on < e.occurred_on
    group by e.event_id""",
    """create or replace temp table child_events as
    with mine as (
        select distinct p.event_id, p.person_id, p.role
        from participants p semi join candidates c on c.person_id = p.person_id
    ), others as (
        select m.event_id, m.person_id,
               list({'role': o.role, 'dob': d.dob, 'age_group': d.age_group}) as others
        from mine m join participants o on o.event_id = m.event_id and o.person_id <> m.person_id
             left join person_dob d on d.person_id = o.person_id
        group by m.event_id, m.person_id
    )
    select m.person_id, m.role, e.event_id, e.agency, e.event_type, e.occurred,
           e.occurred_precision, e.occurred_on, e.summary, e.place_entity_id, e.place_kind,
           try_cast(substr(e.occurred, 12, 2) as integer) as hour_of_day,
           coalesce(f.has_vehicle, false) as has_vehicle,
           coalesce(f.has_phone, false) as has_phone,
           coalesce(n.named_before, []::varchar[]) as named_before,
           c.dob as child_dob, x.others
    from mine m join events e on e.event_id = m.event_id
         join candidates c on c.person_id = m.person_id
         left join event_flags f on f.event_id = m.event_id
         left join named_before n on n.event_id = m.event_id
         left join others x on x.event_id = m.event_id and x.person_id = m.person_id
    where e.occurred_on is not null""",
]

CHILD_AT_EVAL_SQL = """(
    (c.dob is not null and v.eval_date >= c.dob and v.eval_date < c.dob + interval 18 year)
    or (c.dob is null and c.age_group = 'child'))"""


def matches_sql(rules: RuleFile) -> str:
    """One scan of child_events; each row unnested into the rules it matches."""
    cases = ",\n".join(f"case when {r.when_sql} then '{r.id}' end" for r in rules.rules)
    return f"""create or replace temp table matches as
    select distinct person_id, rule_id, event_id, agency, event_type, occurred_on from (
        select person_id, event_id, agency, event_type, occurred_on,
               unnest(list_filter([{cases}], lambda x: x is not null)) as rule_id
        from child_events ce
    )"""


def _grade_rank_sql(rules: RuleFile) -> str:
    steps = [
        f"when score >= {g.min_score} then {i}" for i, g in reversed(list(enumerate(rules.grades)))
    ]
    base = f"case {' '.join(steps)} else 0 end"
    floors = [base]
    for floor in rules.floors:
        tests = ["true"]
        if floor.child_age_under is not None:
            tests.append(
                f"dob is not null and eval_date < dob + interval {floor.child_age_under} year"
            )
        if floor.categories:
            tests.append(f"list_has_any(categories, {list(floor.categories)!r})")
        rank = rules.grade_rank(floor.grade_at_least)
        floors.append(f"case when {' and '.join(tests)} then {rank} else 0 end")
    return f"greatest({', '.join(floors)})"


def scores_sql(rules: RuleFile) -> list[str]:
    """windowed, hits and scores for every row of eval_points."""
    return [
        """create or replace temp table windowed as
        select v.person_id, v.eval_date, m.rule_id, m.event_id, m.agency, m.event_type,
               m.occurred_on
        from eval_points v join matches m
             on m.person_id = v.person_id and m.occurred_on <= v.eval_date
             join rule_params r on r.rule_id = m.rule_id
        where r.window_months is null
              or m.occurred_on > v.eval_date - to_months(r.window_months)""",
        """create or replace temp table hits as
        with counted as (
            select person_id, eval_date, rule_id, max(occurred_on) as latest,
                   count(distinct event_id) as n
            from windowed group by all
        )
        select c.person_id, c.eval_date, c.rule_id, any_value(r.category) as category,
               arg_min(b.points, b.band_order) as points
        from counted c join rule_params r on r.rule_id = c.rule_id
             join rule_bands b on b.rule_id = c.rule_id
        where c.n >= r.min_count
              and (b.within_months is null
                   or c.latest > c.eval_date - to_months(b.within_months))
        group by all""",
        f"""create or replace temp table scores as
        select person_id, eval_date, score, {_grade_rank_sql(rules)} as grade_rank
        from (
            select v.person_id, v.eval_date, any_value(c.dob) as dob,
                   coalesce(sum(h.points), 0)::integer as score,
                   list(distinct h.category) filter (where h.category is not null) as categories
            from eval_points v join candidates c on c.person_id = v.person_id
                 left join hits h on h.person_id = v.person_id and h.eval_date = v.eval_date
            group by v.person_id, v.eval_date
        )""",
    ]


EVIDENCE_SQL = """
select h.person_id, h.eval_date, h.rule_id, h.points, w.event_id, w.agency, w.occurred_on,
       w.event_type
from hits h join windowed w
     on w.person_id = h.person_id and w.eval_date = h.eval_date and w.rule_id = h.rule_id
order by h.person_id, h.eval_date, h.rule_id, w.occurred_on, w.event_id
"""
