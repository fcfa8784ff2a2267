-- The relations a local read deparses, in OID order, for the locking rule of src/locks.rs:
-- every table (plain, partitioned, a partition, inherited), foreign table, view and materialized
-- view of the schemas read, and every relation a view or a materialized view of them reads in
-- another schema (pg_get_viewdef locks what the view reads). $1 text[]: the schemas, or NULL for
-- every user schema; $2 text[]: schemas left out, or NULL. The same schemas as sql/catalog.sql.
-- Every function and operator is qualified: a user's "=" must not change what is locked.
with ns as (
  select n.oid
  from pg_catalog.pg_namespace n
  where ($1::pg_catalog.text[] is null or n.nspname operator(pg_catalog.=) any ($1::pg_catalog.text[]))
    and ($2::pg_catalog.text[] is null or not n.nspname operator(pg_catalog.=) any ($2::pg_catalog.text[]))
    and ($1::pg_catalog.text[] is not null or (not pg_catalog.starts_with(n.nspname, 'pg_')
                                               and n.nspname operator(pg_catalog.<>) 'information_schema'))
),
own as (
  select c.oid, c.relkind
  from pg_catalog.pg_class c
  join ns on ns.oid operator(pg_catalog.=) c.relnamespace
  where c.relkind operator(pg_catalog.=) any (array['r', 'p', 'f', 'v', 'm']::pg_catalog."char"[])
),
read_by_views as (
  select d.refobjid as oid
  from own v
  join pg_catalog.pg_rewrite r on r.ev_class operator(pg_catalog.=) v.oid
  join pg_catalog.pg_depend d on d.classid operator(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
                             and d.objid operator(pg_catalog.=) r.oid
                             and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
  join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) d.refobjid
  where v.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[])
    and c.relkind operator(pg_catalog.=) any (array['r', 'p', 'f', 'v', 'm']::pg_catalog."char"[])
)
select coalesce(pg_catalog.array_agg(x.oid order by x.oid), '{}')
from (select oid from own union select oid from read_by_views) x
