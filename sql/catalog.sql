-- Schemas of this database as one jsonb document. $1 text[]: the schemas to read, or NULL for
-- every user schema; $2 text[]: schemas to leave out, or NULL.
--
-- Definitions are deparsed (pg_get_expr, pg_get_constraintdef, pg_get_indexdef, format_type)
-- under the caller's search_path. To compare one schema with another, the caller reads each under
-- '"<schema>", pg_catalog', so that references to the schema's own objects come out unqualified;
-- to compare databases, under 'pg_catalog', so that every reference is qualified. Because a user
-- schema may come first in that path, every function, operator and type named here is qualified
-- with pg_catalog: a user's "=" or "text" must not change what we read. Only pg_catalog is read,
-- so the same text runs on a remote server through dblink.
with args as (
  select $1::pg_catalog.text[] as schemas, $2::pg_catalog.text[] as excluded
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
      select from pg_catalog.pg_depend d
      where d.classid operator(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
        and d.objid operator(pg_catalog.=) n.oid
        and d.deptype operator(pg_catalog.=) 'e')
),
-- Relations of the schema, less those that belong to an extension (the extension's business).
rel as (
  select c.*
  from pg_catalog.pg_class c
  join ns on c.relnamespace operator(pg_catalog.=) ns.oid
  where not exists (
    select from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) c.oid
      and d.deptype operator(pg_catalog.=) 'e')
),
-- Plain tables this version models: partitioned tables, partitions and inheritance trees come later
-- and are reported under "ignored" instead.
tbl as (
  select c.*
  from rel c
  where c.relkind operator(pg_catalog.=) 'r'
    and not c.relispartition
    and not exists (
      select from pg_catalog.pg_inherits i
      where i.inhrelid operator(pg_catalog.=) c.oid or i.inhparent operator(pg_catalog.=) c.oid)
),
-- Sequence options in one place, for free sequences and identity columns alike.
seqopt as (
  select s.seqrelid,
         pg_catalog.jsonb_build_object(
           'name', sc.relname,
           'data_type', pg_catalog.format_type(s.seqtypid, null),
           'start', s.seqstart,
           'increment', s.seqincrement,
           'min', s.seqmin,
           'max', s.seqmax,
           'cache', s.seqcache,
           'cycle', s.seqcycle,
           'persistence', sc.relpersistence,
           'privileges', coalesce((
               select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                        'grantee', g.grantee, 'privilege', g.privilege, 'grantable', g.grantable)
                      order by g.grantee, g.privilege)
               from (select case when acl.grantee operator(pg_catalog.=) 0 then 'PUBLIC'
                                 else pg_catalog.pg_get_userbyid(acl.grantee)::pg_catalog.text end as grantee,
                            acl.privilege_type as privilege, acl.is_grantable as grantable
                     from pg_catalog.aclexplode(coalesce(sc.relacl, pg_catalog.acldefault('s', sc.relowner))) acl
                     where acl.grantee operator(pg_catalog.<>) sc.relowner) g), '[]')) as doc
  from pg_catalog.pg_sequence s
  join pg_catalog.pg_class sc on sc.oid operator(pg_catalog.=) s.seqrelid
  join ns on sc.relnamespace operator(pg_catalog.=) ns.oid
),
col as (
  select a.attrelid,
         a.attnum,
         pg_catalog.jsonb_build_object(
           'name', a.attname,
           'position', a.attnum,
           'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
           -- only a collation other than the type's own is part of the column's definition
           'collation', case when a.attcollation operator(pg_catalog.<>) t.typcollation then (
               select case when pg_catalog.pg_collation_is_visible(co.oid)
                           then pg_catalog.quote_ident(co.collname)
                           else pg_catalog.concat(pg_catalog.quote_ident(cn.nspname), '.',
                                                  pg_catalog.quote_ident(co.collname)) end
               from pg_catalog.pg_collation co
               join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
               where co.oid operator(pg_catalog.=) a.attcollation) end,
           'not_null', a.attnotnull,
           'default', case when a.attgenerated operator(pg_catalog.=) '' then
               pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
           'generated', case when a.attgenerated operator(pg_catalog.<>) '' then
               pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
           'identity', case when a.attidentity operator(pg_catalog.<>) '' then
               pg_catalog.jsonb_build_object(
                 'generation', a.attidentity,
                 'sequence', (
                   select so.doc
                   from pg_catalog.pg_depend d
                   join seqopt so on so.seqrelid operator(pg_catalog.=) d.objid
                   where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                     and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                     and d.refobjid operator(pg_catalog.=) a.attrelid
                     and d.refobjsubid operator(pg_catalog.=) a.attnum
                     and d.deptype operator(pg_catalog.=) 'i')) end,
           'storage', a.attstorage,
           'type_storage', t.typstorage,
           -- -1 (up to PG 16) and NULL (PG 17 on) both mean "the default target"
           'statistics', case when a.attstattarget operator(pg_catalog.>=) 0
                              then a.attstattarget::pg_catalog.int4 end,
           -- column grants have no defaults: NULL means none
           'privileges', coalesce((
               select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                        'grantee', g.grantee, 'privilege', g.privilege, 'grantable', g.grantable)
                      order by g.grantee, g.privilege)
               from (select case when acl.grantee operator(pg_catalog.=) 0 then 'PUBLIC'
                                 else pg_catalog.pg_get_userbyid(acl.grantee)::pg_catalog.text end as grantee,
                            acl.privilege_type as privilege, acl.is_grantable as grantable
                     from pg_catalog.aclexplode(a.attacl) acl
                     where acl.grantee operator(pg_catalog.<>) tbl.relowner) g), '[]')) as doc
  from pg_catalog.pg_attribute a
  join tbl on tbl.oid operator(pg_catalog.=) a.attrelid
  join pg_catalog.pg_type t on t.oid operator(pg_catalog.=) a.atttypid
  left join pg_catalog.pg_attrdef ad
    on ad.adrelid operator(pg_catalog.=) a.attrelid and ad.adnum operator(pg_catalog.=) a.attnum
  where a.attnum operator(pg_catalog.>) 0 and not a.attisdropped
),
-- Columns of a table that an index or constraint uses, read from pg_depend so that expression
-- and predicate columns count too.
used_columns as (
  select d.classid, d.objid, d.refobjid,
         pg_catalog.jsonb_agg(distinct a.attname) as names
  from pg_catalog.pg_depend d
  join pg_catalog.pg_attribute a
    on a.attrelid operator(pg_catalog.=) d.refobjid and a.attnum operator(pg_catalog.=) d.refobjsubid
  where d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
    and d.refobjsubid operator(pg_catalog.>) 0
    and d.classid operator(pg_catalog.=) any (array['pg_catalog.pg_class'::pg_catalog.regclass,
                                                    'pg_catalog.pg_constraint'::pg_catalog.regclass])
  group by d.classid, d.objid, d.refobjid
),
con as (
  select k.*
  from pg_catalog.pg_constraint k
  join tbl on tbl.oid operator(pg_catalog.=) k.conrelid
  -- NOT NULL (PG 18's 'n') is a column property here; constraint triggers come with triggers
  where k.contype operator(pg_catalog.=) any (array['p', 'u', 'c', 'f', 'x']::pg_catalog."char"[])
),
schema_docs as (
  select ns.nspname, pg_catalog.jsonb_build_object(
    'name', ns.nspname,
    'privileges', coalesce((
               select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                        'grantee', g.grantee, 'privilege', g.privilege, 'grantable', g.grantable)
                      order by g.grantee, g.privilege)
               from (select case when acl.grantee operator(pg_catalog.=) 0 then 'PUBLIC'
                                 else pg_catalog.pg_get_userbyid(acl.grantee)::pg_catalog.text end as grantee,
                            acl.privilege_type as privilege, acl.is_grantable as grantable
                     from pg_catalog.aclexplode(coalesce(ns.nspacl, pg_catalog.acldefault('n', ns.nspowner))) acl
                     where acl.grantee operator(pg_catalog.<>) ns.nspowner) g), '[]'),

    'tables', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'name', c.relname,
               'persistence', c.relpersistence,
               'options', coalesce(pg_catalog.to_jsonb(c.reloptions), '[]'),
               -- grants to others than the owner (the owner's own follow from owning)
               'privileges', coalesce((
               select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                        'grantee', g.grantee, 'privilege', g.privilege, 'grantable', g.grantable)
                      order by g.grantee, g.privilege)
               from (select case when acl.grantee operator(pg_catalog.=) 0 then 'PUBLIC'
                                 else pg_catalog.pg_get_userbyid(acl.grantee)::pg_catalog.text end as grantee,
                            acl.privilege_type as privilege, acl.is_grantable as grantable
                     from pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) acl
                     where acl.grantee operator(pg_catalog.<>) c.relowner) g), '[]'),
               'toast_options', coalesce((
                   select pg_catalog.to_jsonb(tc.reloptions) from pg_catalog.pg_class tc
                   where tc.oid operator(pg_catalog.=) c.reltoastrelid), '[]'),
               'columns', coalesce((
                   select pg_catalog.jsonb_agg(col.doc order by col.attnum)
                   from col where col.attrelid operator(pg_catalog.=) c.oid), '[]'))
             order by c.relname)
      from tbl c where c.relnamespace operator(pg_catalog.=) ns.oid), '[]'),

    'constraints', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'table', c.relname,
               'name', k.conname,
               'type', k.contype,
               'definition', pg_catalog.pg_get_constraintdef(k.oid),
               'validated', k.convalidated,
               'deferrable', k.condeferrable,
               'deferred', k.condeferred,
               -- the index behind a PRIMARY KEY, UNIQUE or EXCLUDE, and its storage parameters
               'index_name', (
                   select ic.relname from pg_catalog.pg_class ic
                   where ic.oid operator(pg_catalog.=) k.conindid
                     and k.contype operator(pg_catalog.<>) 'f'),
               'index_options', coalesce((
                   select pg_catalog.to_jsonb(ic.reloptions) from pg_catalog.pg_class ic
                   where ic.oid operator(pg_catalog.=) k.conindid
                     and k.contype operator(pg_catalog.<>) 'f'), '[]'),
               'columns', coalesce((
                   select u.names from used_columns u
                   where u.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
                     and u.objid operator(pg_catalog.=) k.oid
                     and u.refobjid operator(pg_catalog.=) k.conrelid), '[]'),
               'references', case when k.contype operator(pg_catalog.=) 'f' then (
                   select pg_catalog.jsonb_build_object(
                            -- NULL when the referenced table lives in this schema
                            'schema', case when fc.relnamespace operator(pg_catalog.<>) ns.oid
                                           then fn.nspname end,
                            'table', fc.relname,
                            -- the referenced table's unique index the key relies on
                            'index', (select ri.relname from pg_catalog.pg_class ri
                                      where ri.oid operator(pg_catalog.=) k.conindid),
                            'columns', (
                              select pg_catalog.jsonb_agg(fa.attname order by fk.ord)
                              from pg_catalog.unnest(k.confkey) with ordinality as fk(attnum, ord)
                              join pg_catalog.pg_attribute fa
                                on fa.attrelid operator(pg_catalog.=) k.confrelid
                               and fa.attnum operator(pg_catalog.=) fk.attnum))
                   from pg_catalog.pg_class fc
                   join pg_catalog.pg_namespace fn on fn.oid operator(pg_catalog.=) fc.relnamespace
                   where fc.oid operator(pg_catalog.=) k.confrelid) end)
             order by c.relname, k.conname)
      from con k
      join tbl c on c.oid operator(pg_catalog.=) k.conrelid
      where c.relnamespace operator(pg_catalog.=) ns.oid), '[]'),

    'indexes', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'name', ic.relname,
               'table', c.relname,
               'unique', i.indisunique,
               'method', am.amname,
               -- pg_get_indexdef always qualifies the table: keep only what follows
               -- "CREATE [UNIQUE] INDEX name ON schema.table USING method ", and let the
               -- reader refuse the index when that prefix is not what we expect (NULL)
               'definition', case when pg_catalog.starts_with(x.def, x.prefix)
                                  then pg_catalog.substr(x.def, pg_catalog.length(x.prefix) operator(pg_catalog.+) 1) end,
               'columns', coalesce((
                   select u.names from used_columns u
                   where u.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                     and u.objid operator(pg_catalog.=) ic.oid
                     and u.refobjid operator(pg_catalog.=) c.oid), '[]'))
             order by ic.relname)
      from pg_catalog.pg_index i
      join tbl c on c.oid operator(pg_catalog.=) i.indrelid
      join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
      join pg_catalog.pg_am am on am.oid operator(pg_catalog.=) ic.relam
      cross join lateral (
        select pg_catalog.pg_get_indexdef(i.indexrelid) as def,
               pg_catalog.concat('CREATE ', case when i.indisunique then 'UNIQUE ' end, 'INDEX ',
                                 pg_catalog.quote_ident(ic.relname), ' ON ',
                                 pg_catalog.quote_ident(ns.nspname), '.', pg_catalog.quote_ident(c.relname),
                                 ' USING ', pg_catalog.quote_ident(am.amname), ' ') as prefix) x
      -- an index that backs a constraint belongs to the constraint
      where c.relnamespace operator(pg_catalog.=) ns.oid
        and not exists (
        select from pg_catalog.pg_constraint k
        where k.conindid operator(pg_catalog.=) i.indexrelid
          and k.conrelid operator(pg_catalog.=) i.indrelid
          and k.contype operator(pg_catalog.=) any (array['p', 'u', 'x']::pg_catalog."char"[]))), '[]'),

    'sequences', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_set(so.doc, '{owned_by}', coalesce((
               -- OWNED BY: an automatic dependency on a column of a table of the same schema
               select pg_catalog.jsonb_build_object('table', oc.relname, 'column', oa.attname)
               from pg_catalog.pg_depend d
               join pg_catalog.pg_class oc on oc.oid operator(pg_catalog.=) d.refobjid
               join pg_catalog.pg_attribute oa
                 on oa.attrelid operator(pg_catalog.=) d.refobjid and oa.attnum operator(pg_catalog.=) d.refobjsubid
               where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                 and d.objid operator(pg_catalog.=) s.oid
                 and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                 and d.deptype operator(pg_catalog.=) 'a'), 'null'))
             order by s.relname)
      from rel s
      join seqopt so on so.seqrelid operator(pg_catalog.=) s.oid
      -- an identity column's sequence is part of the column
      where s.relnamespace operator(pg_catalog.=) ns.oid
        and not exists (
        select from pg_catalog.pg_depend d
        where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
          and d.objid operator(pg_catalog.=) s.oid
          and d.deptype operator(pg_catalog.=) 'i')), '[]'),

    -- What is in the schema that this version does not compare yet, so the caller can say so.
    'ignored', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', o.kind, 'name', o.name)
                                  order by o.kind, o.name)
      from (
        -- searched CASE: a simple CASE would look "=" up on the search_path
        select case when c.relkind operator(pg_catalog.=) 'v' then 'view'
                    when c.relkind operator(pg_catalog.=) 'm' then 'materialized view'
                    when c.relkind operator(pg_catalog.=) 'f' then 'foreign table'
                    when c.relkind operator(pg_catalog.=) 'p' then 'partitioned table'
                    when c.relkind operator(pg_catalog.=) 'c' then 'composite type'
                    else 'table' end as kind,
               c.relname::pg_catalog.text as name
        from rel c
        where c.relnamespace operator(pg_catalog.=) ns.oid
          and c.relkind operator(pg_catalog.=) any (array['r', 'p', 'v', 'm', 'f', 'c']::pg_catalog."char"[])
          and not exists (select from tbl where tbl.oid operator(pg_catalog.=) c.oid)
        union all
        select 'function', pg_catalog.concat(p.proname, '(', pg_catalog.pg_get_function_identity_arguments(p.oid), ')')
        from pg_catalog.pg_proc p
        where p.pronamespace operator(pg_catalog.=) ns.oid
          and not exists (
            select from pg_catalog.pg_depend d
            where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
              and d.objid operator(pg_catalog.=) p.oid
              and d.deptype operator(pg_catalog.=) 'e')
        union all
        select case when t.typtype operator(pg_catalog.=) 'e' then 'enum'
                    when t.typtype operator(pg_catalog.=) 'd' then 'domain'
                    else 'range' end,
               t.typname::pg_catalog.text
        from pg_catalog.pg_type t
        where t.typnamespace operator(pg_catalog.=) ns.oid
          and t.typtype operator(pg_catalog.=) any (array['e', 'd', 'r']::pg_catalog."char"[])
          and not exists (
            select from pg_catalog.pg_depend d
            where d.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
              and d.objid operator(pg_catalog.=) t.oid
              and d.deptype operator(pg_catalog.=) 'e')
        union all
        -- on tables that are compared: a plan that keeps quiet about them would mislead
        select 'trigger', pg_catalog.concat(c.relname, '.', tg.tgname)
        from pg_catalog.pg_trigger tg
        join tbl c on c.oid operator(pg_catalog.=) tg.tgrelid
        where c.relnamespace operator(pg_catalog.=) ns.oid and not tg.tgisinternal
        union all
        select 'policy', pg_catalog.concat(c.relname, '.', po.polname)
        from pg_catalog.pg_policy po
        join tbl c on c.oid operator(pg_catalog.=) po.polrelid
        where c.relnamespace operator(pg_catalog.=) ns.oid
      ) o), '[]')) as doc
  from ns
)
select pg_catalog.jsonb_build_object(
  'server_version_num', pg_catalog.current_setting('server_version_num')::pg_catalog.int4,
  'schemas', coalesce((select pg_catalog.jsonb_agg(d.doc order by d.nspname) from schema_docs d), '[]'),
  -- extensions, less this one: the tool is never part of the diff
  'extensions', coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'name', e.extname, 'schema', en.nspname, 'version', e.extversion) order by e.extname)
    from pg_catalog.pg_extension e
    join pg_catalog.pg_namespace en on en.oid operator(pg_catalog.=) e.extnamespace
    where e.extname operator(pg_catalog.<>) 'migra'), '[]'))
