-- A fingerprint of every plain (or foreign) table of the schemas asked for, with its columns, constraints,
-- indexes, identity sequences and comments: what a diff reads first, so that it deparses only the tables
-- that differ (sql/catalog.sql with their OIDs). $1 text[]: the schemas, or NULL for every user
-- schema; $2 text[]: schemas to leave out, or NULL.
--
-- Two tables with equal fingerprints have equal documents in sql/catalog.sql, read under the
-- same kind of search_path on servers of the same major version. So a fingerprint holds every
-- catalog field a document is made from, with OIDs of other objects replaced by their names
-- (relative to the table's schema), never an OID that two databases could give to different
-- objects. Stored expressions (defaults, CHECKs, index expressions and predicates) count as
-- their node trees without the fields that a statement's layout or the column's own type decide
-- (:location, :vartype, ...), when the tree holds no number that may be an object's OID (12000
-- or more: those below are the server's own, fixed by its major version; initdb and users make
-- the others); otherwise as deparsed text.
-- Defaults hold no column, so they are deparsed once per distinct tree. A table's columns,
-- constraints and indexes are combined by XOR of their hashes, in no order: each hash holds its
-- object's own key (attnum, name), so no two cancel out, and no sort is needed.
--
-- A field that only some versions have is written in double braces: the version that brought
-- it, the field, a bar, and what stands for it before that version. The reader puts in one or
-- the other (fingerprints::query_for).
--
-- The same rules as sql/catalog.sql: only pg_catalog is read and everything named is qualified.
with args as (
  select $1::pg_catalog.text[] as schemas, $2::pg_catalog.text[] as excluded
),
-- relations: from here to "relations end", the text of sql/fingerprints.sql is the same (a test
-- holds them to it): both queries must see the same tables.
-- What extensions own, found from the extensions' side: few rows, through an index, where a
-- lookup per object (or a scan of pg_depend) costs as much as the rest of the relations.
ext_members as materialized (
  select d.classid, d.objid
  from pg_catalog.pg_depend d
  where d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
    and d.deptype operator(pg_catalog.=) 'e'
),
ns as (
  select n.oid, n.nspname, n.nspacl, n.nspowner
  from pg_catalog.pg_namespace n, args
  where (args.schemas is null or n.nspname operator(pg_catalog.=) any (args.schemas))
    and (args.excluded is null or not n.nspname operator(pg_catalog.=) any (args.excluded))
    -- system schemas: pg_catalog, pg_toast, temporary schemas; and information_schema
    and (args.schemas is not null or (not pg_catalog.starts_with(n.nspname, 'pg_')
                                      and n.nspname operator(pg_catalog.<>) 'information_schema'))
    -- a schema an extension created is the extension's business
    and not exists (
      select from ext_members e
      where e.classid operator(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
        and e.objid operator(pg_catalog.=) n.oid)
),
-- Relations of those schemas, less those that belong to an extension (the extension's business).
rel as materialized (
  select c.oid, c.relname, c.relnamespace, c.relkind, c.relpersistence, c.reloptions, c.relowner,
         c.relacl, c.reltoastrelid,
         -- tables: plain, partitioned, partitions and members of inheritance trees, and foreign
         c.relkind operator(pg_catalog.=) any (array['r', 'p', 'f']::pg_catalog."char"[]) as is_table,
         c.relispartition, c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.relam, c.reloftype,
         c.reltablespace
  from pg_catalog.pg_class c
  join ns on c.relnamespace operator(pg_catalog.=) ns.oid
  where not exists (
    select from ext_members e
    where e.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and e.objid operator(pg_catalog.=) c.oid)
    -- a composite type's membership is recorded on its pg_type row (dblink_pkey_results)
    and not exists (
    select from ext_members e
    where e.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
      and e.objid operator(pg_catalog.=) c.reltype)
),
-- relations end
tbl as materialized (
  select c.*,
         -- a member of a partition or inheritance tree: what its parents do recurses into it, so
         -- it is always read (its own oid in its print). Looked up here, for tables only: in
         -- "relations", it was two lookups for every index and sequence too.
         (c.relkind operator(pg_catalog.=) 'p' or c.relispartition
          or exists (select from pg_catalog.pg_inherits i where i.inhrelid operator(pg_catalog.=) c.oid)
          or exists (select from pg_catalog.pg_inherits i where i.inhparent operator(pg_catalog.=) c.oid))
           as in_tree
  from rel c where c.is_table
),
-- Stored expressions of those tables: defaults ('d'), CHECKs ('c'), index expressions and
-- predicates ('i'). Only generation expressions among defaults can read columns.
expr as materialized (
  -- classid: the catalog its oid is of, as pg_depend names it
  select 'd' as kind, 'pg_catalog.pg_attrdef'::pg_catalog.regclass as classid, ad.adrelid as relid, ad.adnum as num, ad.oid, ad.adbin as bin,
         ad.adbin::pg_catalog.text as raw,
         -- a column's value in the tree: a generation expression (that reads no column, it is
         -- deparsed like a default, which is as good)
         pg_catalog.strpos(ad.adbin::pg_catalog.text, '{VAR ') operator(pg_catalog.>) 0 as reads_columns
  -- per table (LATERAL, OFFSET 0: through the catalogs' indexes, as column_prints says)
  from tbl
  cross join lateral (select ad.* from pg_catalog.pg_attrdef ad
                      where ad.adrelid operator(pg_catalog.=) tbl.oid offset 0) ad
  union all
  select 'c', 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.conrelid, 0, k.oid, k.conbin, k.conbin::pg_catalog.text, true
  from tbl
  cross join lateral (select k.* from pg_catalog.pg_constraint k
                      where k.conrelid operator(pg_catalog.=) tbl.oid
                        and k.contype operator(pg_catalog.=) 'c' offset 0) k
  union all
  select 'i', 'pg_catalog.pg_class'::pg_catalog.regclass, i.indrelid, 0, i.indexrelid, null,
         pg_catalog.concat(i.indexprs::pg_catalog.text, ' WHERE ', i.indpred::pg_catalog.text), true
  from tbl
  cross join lateral (select i.* from pg_catalog.pg_index i
                      where i.indrelid operator(pg_catalog.=) tbl.oid
                        and (i.indexprs is not null or i.indpred is not null) offset 0) i
),
-- Each distinct tree once: schemas repeat the same few expressions.
stripped as materialized (
  select x.raw, x.node, x.node operator(pg_catalog.~) '[ (](1[2-9][0-9]{3}|[2-9][0-9]{4}|[1-9][0-9]{5,})' as may_hold_oids
  from (select r.raw,
               -- where the extension runs this query, migra_strip_node_tree(r.raw): the same text, faster
               pg_catalog.regexp_replace(r.raw, ' :(location|vartype|vartypmod|varcollid) -?[0-9]+', '', 'g') as node
        from (select distinct e.raw from expr e) r) x
),
expr_nodes as materialized (
  select e.*, s.node, s.may_hold_oids
  from expr e
  join stripped s on s.raw operator(pg_catalog.=) e.raw
),
-- Defaults that read no column, deparsed once per distinct tree.
deparsed as materialized (
  select d.node, pg_catalog.pg_get_expr(d.bin, d.relid) as text
  from (select distinct on (e.node) e.node, e.bin, e.relid
        from expr_nodes e
        where e.kind operator(pg_catalog.=) 'd' and not e.reads_columns
        order by e.node) d
),
expr_prints as materialized (
  select e.kind, e.relid, e.num, e.oid,
         case when dp.text is not null then dp.text
              when not e.may_hold_oids then e.node
              when e.kind operator(pg_catalog.=) 'd' then pg_catalog.pg_get_expr(e.bin, e.relid)
              when e.kind operator(pg_catalog.=) 'c' then pg_catalog.pg_get_constraintdef(e.oid)
              -- an index is deparsed whole (index_prints)
              end as print
  from expr_nodes e
  left join deparsed dp
    on e.kind operator(pg_catalog.=) 'd' and not e.reads_columns and dp.node operator(pg_catalog.=) e.node
),
-- Which routines each table's stored expressions and policies call (pg_depend, from their side).
-- Only trees that may hold an OID of 12,000 or more can call a routine a user made.
expr_calls as materialized (
  -- each lookup per row (LATERAL, OFFSET 0), as column_prints says
  select distinct e.relid, d.refobjid
  from expr_nodes e
  cross join lateral (
    select d.refobjid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) e.classid and d.objid operator(pg_catalog.=) e.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass offset 0) d
  where e.may_hold_oids
  union
  -- what a generation expression calls on PostgreSQL 14 and older, which records it from the
  -- generated column (an automatic dependency) rather than from its pg_attrdef entry
  select c.oid, d.refobjid
  from tbl c
  cross join lateral (
    select d.refobjid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) c.oid
      and d.objsubid operator(pg_catalog.>) 0
      and d.deptype operator(pg_catalog.=) 'a'
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass offset 0) d
  union
  -- the functions the table's triggers call
  select tg.tgrelid, tg.tgfoid
  from tbl c
  cross join lateral (select tg.tgrelid, tg.tgfoid from pg_catalog.pg_trigger tg
                      where tg.tgrelid operator(pg_catalog.=) c.oid and not tg.tgisinternal offset 0) tg
  union
  -- and what the table's policies call
  select po.polrelid, d.refobjid
  from tbl c
  cross join lateral (select po.oid, po.polrelid from pg_catalog.pg_policy po
                      where po.polrelid operator(pg_catalog.=) c.oid offset 0) po
  cross join lateral (
    select d.refobjid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) po.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass offset 0) d
),
-- Each routine of the schemas that a default, CHECK, index or policy calls, once: its definition, and
-- whether it needs a relation or another routine (then it may be made again for their sake, and
-- the parts of tables that call it with it: such a table's own oid goes into its print, so that
-- the two sides differ and it is always read).
routine_defs as materialized (
  select p.oid,
         pg_catalog.concat_ws(' ', p.proname, p.prokind, pg_catalog.pg_get_function_arguments(p.oid),
                              pg_catalog.pg_get_function_result(p.oid),
                              case when p.prokind operator(pg_catalog.=) any (array['f', 'p']::pg_catalog."char"[]) then
                                pg_catalog.substr(f.def, pg_catalog.strpos(f.def, '(')) end) as print,
         exists (
           select from pg_catalog.pg_depend dd
           where dd.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
             and dd.objid operator(pg_catalog.=) p.oid
             and dd.deptype operator(pg_catalog.=) 'n'
             and dd.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_class',
                 'pg_catalog.pg_proc']::pg_catalog.regclass[])) as needs_others
  from (select distinct c.refobjid from expr_calls c) r
  join pg_catalog.pg_proc p on p.oid operator(pg_catalog.=) r.refobjid
  join ns on ns.oid operator(pg_catalog.=) p.pronamespace
  cross join lateral (select case when p.prokind operator(pg_catalog.=) any (array['f', 'p']::pg_catalog."char"[])
                                  then pg_catalog.pg_get_functiondef(p.oid) end as def) f
),
-- The routines each table's defaults, CHECKs, indexes and policies call, by their whole definition: a
-- routine the plan makes again takes those down with it, so when one differs the table is read
-- in full.
routine_prints as materialized (
  select u.relid,
         pg_catalog.array_agg(case when x.needs_others then pg_catalog.concat(x.print, ' ', u.relid) else x.print end
                              order by x.print) as print
  from expr_calls u
  join routine_defs x on x.oid operator(pg_catalog.=) u.refobjid
  group by u.relid
),
-- Each table's columns with their types: the catalogs looked up per table and per column
-- (LATERAL, OFFSET 0: planned apart, run per row through the catalogs' indexes): joined, the
-- planner (which cannot see how few rows a CTE holds) hashed every column and type of the
-- database, those of schemas not read too. Materialized, so that column_prints joins it to the
-- other CTEs by hash: inside the loop over tables, such a join read every identity sequence
-- once a table. The user types the columns are of (type_uses) come from here too.
table_columns as materialized (
  select tbl.relnamespace, tbl.relowner, a.*, t.typnamespace, t.typname, t.typstorage, t.typcollation
  from tbl
  cross join lateral (
    select a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attinhcount,
           a.attgenerated, a.attidentity, a.attstorage, a.attcompression, a.attstattarget, a.attacl,
           a.attcollation
    from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) tbl.oid
      and a.attnum operator(pg_catalog.>) 0 and not a.attisdropped offset 0) a
  cross join lateral (
    select t.typnamespace, t.typname, t.typstorage, t.typcollation from pg_catalog.pg_type t
    where t.oid operator(pg_catalog.=) a.atttypid offset 0) t
),
-- The user types (enums, domains, composite types, ranges) each table's columns are of, or its
-- stored expressions name (an array standing for its element type).
type_uses as materialized (
  select distinct u.relid, coalesce(et.oid, t.oid) as typoid
  -- each lookup per row (LATERAL, OFFSET 0), as column_prints says
  from (select a.attrelid as relid, a.atttypid as typoid
        from table_columns a
        where a.atttypid operator(pg_catalog.>=) 16384
        union all
        select e.relid, d.refobjid
        from expr_nodes e
        cross join lateral (
          select d.refobjid from pg_catalog.pg_depend d
          where d.classid operator(pg_catalog.=) e.classid and d.objid operator(pg_catalog.=) e.oid
            and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass offset 0) d
        where e.may_hold_oids) u
  cross join lateral (select t.oid, t.typelem from pg_catalog.pg_type t
                      where t.oid operator(pg_catalog.=) u.typoid offset 0) t
  left join lateral (select et.oid from pg_catalog.pg_type et
                     where et.oid operator(pg_catalog.=) t.typelem
                       and et.typarray operator(pg_catalog.=) t.oid offset 0) et on true
),
-- Each such type once: an enum by its labels, a domain by what it is made of. A domain over
-- another user type, a composite type or a range may be made again for the sake of another
-- type: the table's own oid goes into its print, so that it is always read.
type_defs as materialized (
  select t.oid,
         pg_catalog.concat_ws(' ', t.typname, t.typtype,
           case when t.typtype operator(pg_catalog.=) 'e' then
             (select pg_catalog.array_agg(e.enumlabel order by e.enumsortorder)::pg_catalog.text
              from pg_catalog.pg_enum e where e.enumtypid operator(pg_catalog.=) t.oid) end,
           case when t.typtype operator(pg_catalog.=) 'd' then
             pg_catalog.concat_ws(' ', pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull,
               (select co.collname from pg_catalog.pg_collation co where co.oid operator(pg_catalog.=) t.typcollation),
               pg_catalog.pg_get_expr(t.typdefaultbin, 0),
               (select pg_catalog.array_agg(pg_catalog.concat_ws(' ', k.conname, k.convalidated,
                                            pg_catalog.pg_get_constraintdef(k.oid)) order by k.conname)::pg_catalog.text
                from pg_catalog.pg_constraint k where k.contypid operator(pg_catalog.=) t.oid)) end) as print,
         not (t.typtype operator(pg_catalog.=) 'e'
              or (t.typtype operator(pg_catalog.=) 'd' and t.typbasetype operator(pg_catalog.<) 16384)) as needs_others
  from (select distinct u.typoid from type_uses u) r
  join pg_catalog.pg_type t on t.oid operator(pg_catalog.=) r.typoid
  join ns on ns.oid operator(pg_catalog.=) t.typnamespace
  where t.typtype operator(pg_catalog.=) any (array['e', 'd', 'c', 'r']::pg_catalog."char"[])
),
type_prints as materialized (
  select u.relid,
         pg_catalog.array_agg(case when x.needs_others then pg_catalog.concat(x.print, ' ', u.relid) else x.print end
                              order by x.print) as print
  from type_uses u
  join type_defs x on x.oid operator(pg_catalog.=) u.typoid
  group by u.relid
),
-- The collations of each table's columns that users made, by what they are made of.
collation_prints as materialized (
  select a.attrelid,
         pg_catalog.array_agg(distinct (pg_catalog.to_jsonb(co) operator(pg_catalog.-) 'oid'::pg_catalog.text
                                        operator(pg_catalog.-) 'collnamespace'::pg_catalog.text
                                        operator(pg_catalog.-) 'collowner'::pg_catalog.text
                                        operator(pg_catalog.-) 'collversion'::pg_catalog.text)::pg_catalog.text) as print
  from tbl
  cross join lateral (
    select a.attrelid, a.attcollation from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) tbl.oid
      and a.attnum operator(pg_catalog.>) 0 and not a.attisdropped
      and a.attcollation operator(pg_catalog.>=) 16384 offset 0) a
  join pg_catalog.pg_collation co on co.oid operator(pg_catalog.=) a.attcollation
  group by a.attrelid
),
-- Row level security policies, deparsed: few, and their expressions may hold any OID.
policy_prints as materialized (
  select po.polrelid,
         pg_catalog.array_agg(pg_catalog.concat_ws(' ', po.polname, po.polpermissive, po.polcmd,
                                (select pg_catalog.array_agg(x.name order by x.name)
                                 from (select case when r.oid operator(pg_catalog.=) 0 then 'PUBLIC'
                                                   else pg_catalog.pg_get_userbyid(r.oid)::pg_catalog.text end as name
                                       from pg_catalog.unnest(po.polroles) as r(oid)) x),
                                pg_catalog.pg_get_expr(po.polqual, po.polrelid),
                                pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid)) order by po.polname) as print
  from tbl c
  cross join lateral (select po.* from pg_catalog.pg_policy po
                      where po.polrelid operator(pg_catalog.=) c.oid offset 0) po
  group by po.polrelid
),
-- Triggers, deparsed (the table's own name is schema-qualified in it: left out).
trigger_prints as materialized (
  select tg.tgrelid,
         pg_catalog.array_agg(pg_catalog.concat_ws(' ', tg.tgenabled,
                                pg_catalog.replace(pg_catalog.pg_get_triggerdef(tg.oid),
                                                   pg_catalog.concat(' ON ', pg_catalog.quote_ident(n.nspname), '.',
                                                                     pg_catalog.quote_ident(c.relname), ' '), ' '))
                              order by tg.tgname) as print
  from tbl c
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  join pg_catalog.pg_trigger tg on tg.tgrelid operator(pg_catalog.=) c.oid
  where not tg.tgisinternal
  group by tg.tgrelid
),
-- Rules: a table with one is always read (its own oid is in the print), since a rule's action
-- may read any other table, whose change remakes the rule.
rule_prints as materialized (
  select r.ev_class, pg_catalog.array_agg(pg_catalog.concat(r.rulename, ' ', r.ev_class) order by r.rulename) as print
  from tbl c
  join pg_catalog.pg_rewrite r on r.ev_class operator(pg_catalog.=) c.oid
  group by r.ev_class
),
-- Extended statistics, deparsed, less their own schema-qualified names (not up to the first
-- " (": the list of kinds is left out when it holds them all).
statistics_prints as materialized (
  select x.stxrelid,
         pg_catalog.array_agg(pg_catalog.concat_ws(' ', x.stxname, x.stxstattarget,
                                pg_catalog.replace(pg_catalog.pg_get_statisticsobjdef(x.oid),
                                                   pg_catalog.concat('CREATE STATISTICS ', pg_catalog.quote_ident(xn.nspname), '.',
                                                                     pg_catalog.quote_ident(x.stxname), ' '), '')) order by x.stxname) as print
  from tbl c
  join pg_catalog.pg_statistic_ext x on x.stxrelid operator(pg_catalog.=) c.oid
  join pg_catalog.pg_namespace xn on xn.oid operator(pg_catalog.=) x.stxnamespace
  group by x.stxrelid
),
-- Comments on each table and on its columns, constraints, indexes, triggers, policies and rules:
-- the catalog query reads those of the tables it reads, so a table whose fingerprint is the same
-- on both sides has the same comments. What a comment may be on, then one lookup of
-- pg_description for each (LATERAL, OFFSET 0: through its index).
comment_prints as materialized (
  select o.relid,
         pg_catalog.array_agg(pg_catalog.concat_ws(' ', o.kind, p.part, d.description)
                              order by o.kind, p.part, d.description) as print
  from (
    -- the table's own and its columns' (by number: their names are in the print)
    select c.oid as relid, 'c' as kind, null::pg_catalog.text as part,
           'pg_catalog.pg_class'::pg_catalog.regclass as classid, c.oid as objid
    from tbl c
    union all
    select c.oid, 'k', k.conname::pg_catalog.text, 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid
    from tbl c
    cross join lateral (select k.oid, k.conname from pg_catalog.pg_constraint k
                        where k.conrelid operator(pg_catalog.=) c.oid offset 0) k
    union all
    -- an index by its name, looked up below for those with a comment only
    select c.oid, 'i', null, 'pg_catalog.pg_class'::pg_catalog.regclass, i.indexrelid
    from tbl c
    cross join lateral (select i.indexrelid from pg_catalog.pg_index i
                        where i.indrelid operator(pg_catalog.=) c.oid offset 0) i
    union all
    select c.oid, 't', tg.tgname::pg_catalog.text, 'pg_catalog.pg_trigger'::pg_catalog.regclass, tg.oid
    from tbl c
    cross join lateral (select tg.oid, tg.tgname from pg_catalog.pg_trigger tg
                        where tg.tgrelid operator(pg_catalog.=) c.oid offset 0) tg
    union all
    select c.oid, 'p', po.polname::pg_catalog.text, 'pg_catalog.pg_policy'::pg_catalog.regclass, po.oid
    from tbl c
    cross join lateral (select po.oid, po.polname from pg_catalog.pg_policy po
                        where po.polrelid operator(pg_catalog.=) c.oid offset 0) po
    union all
    select c.oid, 'r', r.rulename::pg_catalog.text, 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid
    from tbl c
    cross join lateral (select r.oid, r.rulename from pg_catalog.pg_rewrite r
                        where r.ev_class operator(pg_catalog.=) c.oid offset 0) r
  ) o
  cross join lateral (
    select d.objsubid, d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) o.objid
      and d.classoid operator(pg_catalog.=) o.classid offset 0) d
  cross join lateral (
    select coalesce(o.part,
                    case when o.kind operator(pg_catalog.=) 'i' then
                      (select ic.relname::pg_catalog.text from pg_catalog.pg_class ic
                       where ic.oid operator(pg_catalog.=) o.objid)
                    else d.objsubid::pg_catalog.text end) as part) p
  group by o.relid
),
-- Identity sequences (an internal dependency on their column), found from the sequences' side:
-- one lookup each, then joined to the columns, rather than a lookup per column.
identity_prints as materialized (
  select d.refobjid as relid, d.refobjsubid as attnum,
         pg_catalog.hash_record_extended(row(
           sc.relname, s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
           sc.relpersistence, sc.relacl::pg_catalog.text, pg_catalog.pg_get_userbyid(sc.relowner)), 0) as print
  from rel sc
  cross join lateral (select s.* from pg_catalog.pg_sequence s
                      where s.seqrelid operator(pg_catalog.=) sc.oid offset 0) s
  -- through pg_depend's index, whatever the planner estimates of the CTE
  cross join lateral (
    select d.refobjid, d.refobjsubid
    from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) sc.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.deptype operator(pg_catalog.=) 'i'
    limit 1) d
  where sc.relkind operator(pg_catalog.=) 'S'
),
column_prints as (
  select a.attrelid,
         pg_catalog.bit_xor(pg_catalog.hash_record_extended(row(
           a.attnum, a.attname,
           case when a.typnamespace operator(pg_catalog.<>) a.relnamespace then tn.nspname end, a.typname,
           -- the NOT NULL constraint's name: a lookup a column, so only where such constraints exist
           a.atttypmod, a.attnotnull, {{180000 (select nn.conname from pg_catalog.pg_constraint nn where nn.conrelid operator(pg_catalog.=) a.attrelid and nn.contype operator(pg_catalog.=) 'n' and nn.conkey operator(pg_catalog.=) array[a.attnum] and (nn.coninhcount operator(pg_catalog.=) 0 or a.attinhcount operator(pg_catalog.>) 0)) | null::pg_catalog.name}},
           a.attgenerated, a.attidentity, a.attstorage, a.typstorage, a.attcompression,
           a.attstattarget::pg_catalog.int4,
           -- the owner's own grants are not part of the document, so the owner is part of this
           case when a.attacl is not null then
             pg_catalog.concat(a.attacl::pg_catalog.text, ' ', pg_catalog.pg_get_userbyid(a.relowner)) end,
           case when a.attcollation operator(pg_catalog.<>) a.typcollation then (
             select pg_catalog.concat(case when co.collnamespace operator(pg_catalog.<>) a.relnamespace
                                           then cn.nspname end, '.', co.collname)
             from pg_catalog.pg_collation co
             join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
             where co.oid operator(pg_catalog.=) a.attcollation) end,
           ep.print,
           idp.print
         ), 0)) as print
  from table_columns a
  join pg_catalog.pg_namespace tn on tn.oid operator(pg_catalog.=) a.typnamespace
  left join expr_prints ep on ep.kind operator(pg_catalog.=) 'd'
    and ep.relid operator(pg_catalog.=) a.attrelid and ep.num operator(pg_catalog.=) a.attnum
  left join identity_prints idp
    on idp.relid operator(pg_catalog.=) a.attrelid and idp.attnum operator(pg_catalog.=) a.attnum
  group by a.attrelid
),
constraint_prints as (
  select k.conrelid,
         pg_catalog.bit_xor(pg_catalog.hash_record_extended(row(
           k.conname, k.contype, k.condeferrable, k.condeferred, k.convalidated, k.connoinherit,
           k.conkey, k.confkey, k.confupdtype, k.confdeltype, k.confmatchtype,
           {{150000 k.confdelsetcols | null::pg_catalog.int2[]}},
           {{180000 k.conenforced | true}}, {{180000 k.conperiod | false}},
           -- a foreign key's table; its columns are the other table's, whose fingerprint holds
           -- their names: the reader also reads every table that references one that differs
           case when fc.relnamespace operator(pg_catalog.<>) c.relnamespace then fn.nspname end, fc.relname,
           -- the index of a key, or the one a foreign key relies on
           ki.relname, ki.reloptions, i.indkey::pg_catalog.int2[], i.indnkeyatts,
           {{150000 i.indnullsnotdistinct | false}},
           case when ki.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) ki.reltablespace) end,
           case when k.contype operator(pg_catalog.=) 'x' then pg_catalog.pg_get_constraintdef(k.oid) else ep.print end
         ), 0)) as print,
         pg_catalog.json_agg(pg_catalog.json_build_array(fn.nspname, fc.relname))
           filter (where k.contype operator(pg_catalog.=) 'f') as refs
  -- per table and per constraint, as the columns
  from tbl c
  cross join lateral (
    select k.* from pg_catalog.pg_constraint k
    where k.conrelid operator(pg_catalog.=) c.oid
      and k.contype operator(pg_catalog.=) any (array['p', 'u', 'c', 'f', 'x']::pg_catalog."char"[]) offset 0) k
  left join lateral (select ki.relname, ki.reloptions, ki.reltablespace from pg_catalog.pg_class ki
                     where ki.oid operator(pg_catalog.=) k.conindid offset 0) ki on true
  left join lateral (select i.* from pg_catalog.pg_index i
                     where i.indexrelid operator(pg_catalog.=) k.conindid offset 0) i on true
  left join lateral (select fc.relname, fc.relnamespace from pg_catalog.pg_class fc
                     where fc.oid operator(pg_catalog.=) k.confrelid offset 0) fc on true
  left join pg_catalog.pg_namespace fn on fn.oid operator(pg_catalog.=) fc.relnamespace
  left join expr_prints ep on ep.kind operator(pg_catalog.=) 'c' and ep.oid operator(pg_catalog.=) k.oid
  group by k.conrelid
),
index_prints as (
  select i.indrelid,
         pg_catalog.bit_xor(pg_catalog.hash_record_extended(row(
           ic.relname, am.amname, i.indisunique, {{150000 i.indnullsnotdistinct | false}}, i.indisvalid,
           i.indkey::pg_catalog.int2[], i.indoption::pg_catalog.int2[], i.indnkeyatts, ic.reloptions,
           case when ic.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) ic.reltablespace) end,
           -- the definition deparsed, or what it is made of
           x.deparsed,
           case when x.deparsed is null then i.indclass::pg_catalog.oid[] end,
           case when x.deparsed is null then i.indcollation::pg_catalog.oid[] end,
           case when x.deparsed is null then ep.print end
         ), 0)) as print,
         -- REPLICA IDENTITY USING INDEX and CLUSTER ON, by index name
         pg_catalog.array_agg(pg_catalog.concat(ic.relname, ' ', i.indisreplident, ' ', i.indisclustered) order by ic.relname)
           filter (where i.indisreplident or i.indisclustered) as flags
  -- per table and per index, as the columns
  from tbl c
  cross join lateral (select i.* from pg_catalog.pg_index i
                      where i.indrelid operator(pg_catalog.=) c.oid offset 0) i
  cross join lateral (select ic.relname, ic.reloptions, ic.reltablespace, ic.relam from pg_catalog.pg_class ic
                      where ic.oid operator(pg_catalog.=) i.indexrelid offset 0) ic
  join pg_catalog.pg_am am on am.oid operator(pg_catalog.=) ic.relam
  left join expr_prints ep on ep.kind operator(pg_catalog.=) 'i' and ep.oid operator(pg_catalog.=) i.indexrelid
  -- deparsed: expressions that may hold OIDs, operator classes and collations that are not the
  -- server's own, and methods whose operator classes take options (kept on the index's
  -- attributes); from USING on, since the table's name is schema-qualified
  cross join lateral (
    select case when (ep.oid is not null and ep.print is null)
                  or am.amname operator(pg_catalog.<>) all (array['btree', 'hash']::pg_catalog.name[])
                  or not 12000::pg_catalog.oid operator(pg_catalog.>) all (i.indclass::pg_catalog.oid[])
                  or not 12000::pg_catalog.oid operator(pg_catalog.>) all (i.indcollation::pg_catalog.oid[])
                then (select pg_catalog.substr(d.def, pg_catalog.strpos(d.def, ' USING '))
                      from (select pg_catalog.pg_get_indexdef(i.indexrelid) as def) d) end as deparsed) x
  group by i.indrelid
),
table_prints as (
  select c.relnamespace, c.relname, c.oid,
         pg_catalog.hash_record_extended(row(
           c.relname, c.relpersistence, c.reloptions,
           case when c.relacl is not null then c.relacl::pg_catalog.text end,
           -- the owner, compared with_owners: a table whose owner differs is read in full either
           -- way (the diff leaves it alone without with_owners)
           pg_catalog.pg_get_userbyid(c.relowner),
           tc.reloptions, cp.print, kp.print, ip.print, rp.print,
           c.relrowsecurity, c.relforcerowsecurity, pp.print, tp.print, gp.print, cop.print,
           c.relreplident, rs.reloftype_name, rs.amname, ip.flags, sp.print, rp2.print, rs.spcname, cmp.print,
           -- a foreign table is always read (its server and options are not in this print)
           case when c.in_tree or c.relkind operator(pg_catalog.=) 'f' then c.oid end), 0) as print,
         kp.refs
  from tbl c
  -- per table (OFFSET 0), as column_prints says: joined, every relation of the database was hashed
  left join lateral (select tc.reloptions from pg_catalog.pg_class tc
                     where tc.oid operator(pg_catalog.=) c.reltoastrelid offset 0) tc on true
  left join column_prints cp on cp.attrelid operator(pg_catalog.=) c.oid
  left join constraint_prints kp on kp.conrelid operator(pg_catalog.=) c.oid
  left join index_prints ip on ip.indrelid operator(pg_catalog.=) c.oid
  left join routine_prints rp on rp.relid operator(pg_catalog.=) c.oid
  left join policy_prints pp on pp.polrelid operator(pg_catalog.=) c.oid
  left join type_prints tp on tp.relid operator(pg_catalog.=) c.oid
  left join trigger_prints gp on gp.tgrelid operator(pg_catalog.=) c.oid
  left join collation_prints cop on cop.attrelid operator(pg_catalog.=) c.oid
  left join statistics_prints sp on sp.stxrelid operator(pg_catalog.=) c.oid
  left join rule_prints rp2 on rp2.ev_class operator(pg_catalog.=) c.oid
  left join comment_prints cmp on cmp.relid operator(pg_catalog.=) c.oid
  cross join lateral (
    select (select am.amname from pg_catalog.pg_am am where am.oid operator(pg_catalog.=) c.relam) as amname,
           case when c.reloftype operator(pg_catalog.<>) 0 then pg_catalog.format_type(c.reloftype, null) end as reloftype_name,
           case when c.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) c.reltablespace) end as spcname) rs
)
-- [schema, table, oid, fingerprint, [[schema, table] of each foreign key]]
select pg_catalog.json_build_object(
  'server_version_num', pg_catalog.current_setting('server_version_num')::pg_catalog.int4,
  'tables', coalesce((
    select pg_catalog.json_agg(pg_catalog.json_build_array(n.nspname, t.relname, t.oid::pg_catalog.int8, t.print, coalesce(t.refs, '[]')))
    from table_prints t
    join ns n on n.oid operator(pg_catalog.=) t.relnamespace), '[]'))
