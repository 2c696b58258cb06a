"""The DuckDB queries that turn the analysis tables into vertices, edges and evidence.

Kept apart from `graph.py` so the Python reads as steps and the SQL as tables. Every
query orders its output, so the same tables always give the same graph.
"""

from __future__ import annotations

__all__ = ["EDGES_SQL", "EDGE_KEYS_SQL", "EVIDENCE_SQL", "EVIDENCE_BY_EDGE_SQL", "VERTICES_SQL"]

VERTICES_SQL = """
with people as (
    select person_id as name, coalesce(nullif(display_name, ''), person_id) as label,
           coalesce(age_group, 'not_known') as age_group
    from persons
    union all
    select distinct person_id, person_id, 'not_known' from participants
    where person_id not in (select person_id from persons)
), places as (
    select place_entity_id as name, min(place_kind) as place_kind from events
    where place_entity_id is not null group by 1
), things as (
    select entity_id as name, min(entity_kind) as kind, min(label) as label
    from event_entities group by 1
)
select row_number() over (order by sort_kind, name) - 1 as idx, name, kind, label,
       age_group, place_kind
from (
    select 0 as sort_kind, name, 'person' as kind, label, age_group, '' as place_kind
    from people
    union all
    select 1, t.name, t.kind, coalesce(t.label, t.name), '',
           coalesce(case when t.kind = 'place' then p.place_kind end, '')
    from things t left join places p using (name)
)
order by idx
"""

EVIDENCE_SQL = """
with person_entity as (
    select p.person_id as a, x.entity_id as b, min(x.entity_kind) as kind, p.event_id,
           string_agg(distinct p.role, '/' order by p.role) as role
    from participants p join event_entities x using (event_id)
    group by p.person_id, x.entity_id, p.event_id
), person_person as (
    select l.person_id as a, r.person_id as b, 'person' as kind, l.event_id,
           string_agg(distinct l.role, '/' order by l.role) || '|'
           || string_agg(distinct r.role, '/' order by r.role) as role
    from participants l join participants r
         on l.event_id = r.event_id and l.person_id < r.person_id
    group by l.person_id, r.person_id, l.event_id
)
select l.a, l.b, l.kind, l.event_id, e.agency, e.occurred_on as date, l.role, e.grade
from (select * from person_entity union all select * from person_person) l
     join events e using (event_id)
"""

EDGE_KEYS_SQL = """
select row_number() over (order by a, b) - 1 as edge, a, b
from (select distinct a, b from evidence_rows)
"""

EDGES_SQL = """
select k.edge, s.idx as source, t.idx as target,
       case min(r.kind) when 'person' then 'present_together'
            else 'linked_to_' || min(r.kind) end as link_type,
       coalesce(strftime(min(r.date), '%Y-%m-%d'), '') as first_seen,
       coalesce(strftime(max(r.date), '%Y-%m-%d'), '') as last_seen,
       count(*) as events,
       string_agg(distinct r.agency, ';' order by r.agency) as agencies,
       coalesce(string_agg(distinct r.grade, ';' order by r.grade), '') as grades
from edge_keys k join evidence_rows r using (a, b)
     join vertices s on s.name = k.a join vertices t on t.name = k.b
group by k.edge, s.idx, t.idx
order by k.edge
"""

EVIDENCE_BY_EDGE_SQL = """
select k.edge, r.event_id, r.agency, r.date, r.role, r.grade
from evidence_rows r join edge_keys k using (a, b)
order by k.edge, r.date nulls first, r.event_id
"""
