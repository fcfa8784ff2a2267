-- Schemas of this database as json (not jsonb: it is only read as text, and nesting jsonb unpacks
-- and repacks every subtree at every level): a row for the database, then a row per schema.
-- $1 text[]: the schemas to read, or NULL for every user schema; $2 text[]: schemas to leave out,
-- or NULL; $3 oid[]: the tables to read (with their columns, constraints and indexes), or
-- NULL for all of them. A diff reads `sql/fingerprints.sql` first and names here only the tables
-- whose fingerprints differ.
--
-- Definitions are deparsed (pg_get_expr, pg_get_constraintdef, pg_get_indexdef, format_type)
-- under the caller's search_path. To compare one schema with another, the caller reads each under
-- 'pg_catalog, "<schema>"', so that references to the schema's own objects come out unqualified;
-- to compare databases, under 'pg_catalog', so that every reference is qualified. Because a user
-- schema may come first in that path, every function, operator and type named here is qualified
-- with pg_catalog: a user's "=" or "text" must not change what we read. Only pg_catalog is read,
-- so the same text runs on a remote server through dblink.
--
-- Shape: every kind is built bottom-up, one document per object. What an object needs from
-- elsewhere (its grants, the columns it uses, its identity sequence) is looked up per object
-- through the catalogs' own indexes or from its own ACL, never by scanning a CTE, which has no
-- index: so the time grows with the size of the schemas, not with its square, whatever the
-- planner estimates. Nor by hashing a whole catalog: the planner cannot see how few rows a CTE
-- holds and guesses from the statistics of the whole database, so a join from the objects read
-- to a catalog (pg_depend, pg_attrdef, pg_description, ...) became a hash of every row of that
-- catalog, and a small schema's read cost as much as the database beside it. Such a lookup is
-- a LATERAL subquery with OFFSET 0 (which the planner neither pulls up nor hashes: it runs once
-- per row, through the catalog's index), and an EXISTS test carries OFFSET 0 for the same reason.
with args as (
  select $1::pg_catalog.text[] as schemas, $2::pg_catalog.text[] as excluded, $3::pg_catalog.oid[] as tables
),
-- Grantees as the model reads them: PUBLIC for 0, a role by its name, and a role named "PUBLIC"
-- as {"role": "PUBLIC"}, which is not the PUBLIC grantee. Inlined: each use looks one role up
-- through pg_authid's index.
grantees as not materialized (
  select 0::pg_catalog.oid as oid, pg_catalog.to_json('PUBLIC'::pg_catalog.text) as doc
  union all
  select r.oid, case when r.rolname operator(pg_catalog.=) 'PUBLIC' then pg_catalog.json_build_object('role', 'PUBLIC')
                     else pg_catalog.to_json(r.rolname::pg_catalog.text) end
  from pg_catalog.pg_roles r
),
-- Secret options of foreign-data wrappers, servers and user mappings: an option whose name (in
-- lower case) contains one of these words holds a credential (password, passfile, sslpassword,
-- sslkey, a token or an API key), and only its name is read. password_required (postgres_fdw)
-- holds a boolean, not a secret. docs/security.md says the same: keep them in agreement.
secret_rule as (
  select 'pass|secret|token|key|credential|auth'::pg_catalog.text as pattern,
         array['password_required']::pg_catalog.text[] as not_secret
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
  select c.* from rel c, args
  where c.is_table
    -- a hashed lookup: "= any (array)" would compare each table with every element
    and (args.tables is null
         or c.oid operator(pg_catalog.=) any (select pg_catalog.unnest(args.tables) from args))
),
-- Sequence options in one place, for free sequences and identity columns alike. Not
-- materialized, and said so: a CTE referenced twice is materialized by default, and then each
-- identity column's lookup scanned all of it (10,000 identity columns: 51 s instead of 8.5 s);
-- inlined, a lookup by seqrelid becomes an index scan.
seqopt as not materialized (
  select s.seqrelid,
         pg_catalog.json_build_object(
           'name', sc.relname,
           'data_type', pg_catalog.format_type(s.seqtypid, null),
           'start', s.seqstart,
           'increment', s.seqincrement,
           'min', s.seqmin,
           'max', s.seqmax,
           'cache', s.seqcache,
           'cycle', s.seqcycle,
           'persistence', sc.relpersistence,
           'privileges', g.doc,
           -- the role that owns it (compared with_owners; an identity sequence's follows its table)
           'owner', pg_catalog.pg_get_userbyid(sc.relowner),
           -- OWNED BY: an automatic dependency on a column of a table of the same schema
           'owned_by', (
             select pg_catalog.json_build_object('table', oc.relname, 'column', oa.attname)
             from pg_catalog.pg_depend d
             join pg_catalog.pg_class oc on oc.oid operator(pg_catalog.=) d.refobjid
             join pg_catalog.pg_attribute oa
               on oa.attrelid operator(pg_catalog.=) d.refobjid and oa.attnum operator(pg_catalog.=) d.refobjsubid
             where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
               and d.objid operator(pg_catalog.=) sc.oid
               and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
               and d.deptype operator(pg_catalog.=) 'a')) as doc
  from pg_catalog.pg_sequence s
  join pg_catalog.pg_class sc on sc.oid operator(pg_catalog.=) s.seqrelid
  cross join lateral (
    -- grants to others than the owner; the owner's own follow from owning. This lookup stands
    -- once per kind (sequences, columns, tables, routines, schemas) on purpose: a shared CTE
    -- would be scanned once per object, and a helper function would have to be installed on
    -- the remote servers this text also runs on.
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(sc.relacl, pg_catalog.acldefault('s', sc.relowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) sc.relowner) x) g
),
table_docs as materialized (
  select c.relnamespace, c.relname,
         pg_catalog.json_build_object(
           'name', c.relname,
           'persistence', c.relpersistence,
           'options', coalesce(pg_catalog.to_json(c.reloptions), '[]'),
           'privileges', g.doc,
           'owner', pg_catalog.pg_get_userbyid(c.relowner),
           'toast_options', coalesce(pg_catalog.to_json(tc.reloptions), '[]'),
           -- ENABLE and FORCE ROW LEVEL SECURITY
           'row_security', rs.relrowsecurity,
           'force_row_security', rs.relforcerowsecurity,
           -- d: DEFAULT, n: NOTHING, f: FULL, i: USING INDEX; a foreign table has none (its 'n'
           -- cannot be set, so it stands for nothing to set)
           'replica_identity', case when c.relkind operator(pg_catalog.=) 'f' then 'd' else rs.relreplident end,
           'replica_identity_index', (
             select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
             where i.indrelid operator(pg_catalog.=) c.oid and i.indisreplident),
           'clustered_on', (
             select ic.relname from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
             where i.indrelid operator(pg_catalog.=) c.oid and i.indisclustered),
           'access_method', (select am.amname from pg_catalog.pg_am am where am.oid operator(pg_catalog.=) rs.relam),
           -- its tablespace, NULL for the database's default
           'tablespace', case when rs.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) rs.reltablespace) end,
           -- CREATE TABLE ... OF type
           'of_type', case when rs.reloftype operator(pg_catalog.<>) 0 then pg_catalog.format_type(rs.reloftype, null) end,
           -- PARTITION BY, as pg_get_partkeydef prints it
           'partition_key', case when c.relkind operator(pg_catalog.=) 'p' then pg_catalog.pg_get_partkeydef(c.oid) end,
           -- PARTITION OF: the parent (its schema NULL when it is the partition's own) and the bound
           'partition_of', (
             select pg_catalog.json_build_object(
                      'schema', case when pc.relnamespace operator(pg_catalog.<>) c.relnamespace then pn.nspname end,
                      'table', pc.relname,
                      'bound', pg_catalog.pg_get_expr(rs.relpartbound, c.oid))
             from pg_catalog.pg_inherits h
             join pg_catalog.pg_class pc on pc.oid operator(pg_catalog.=) h.inhparent
             join pg_catalog.pg_namespace pn on pn.oid operator(pg_catalog.=) pc.relnamespace
             where rs.relispartition and h.inhrelid operator(pg_catalog.=) c.oid),
           -- INHERITS: the parents, in their order
           'inherits', coalesce((
             select pg_catalog.json_agg(pg_catalog.json_build_object(
                      'schema', case when pc.relnamespace operator(pg_catalog.<>) c.relnamespace then pn.nspname end,
                      'table', pc.relname) order by h.inhseqno)
             from pg_catalog.pg_inherits h
             join pg_catalog.pg_class pc on pc.oid operator(pg_catalog.=) h.inhparent
             join pg_catalog.pg_namespace pn on pn.oid operator(pg_catalog.=) pc.relnamespace
             where not rs.relispartition and h.inhrelid operator(pg_catalog.=) c.oid), '[]'),
           -- a foreign table's server (by name: servers are the database's) and OPTIONS
           'foreign', (
             select pg_catalog.json_build_object(
                      'server', fs.srvname,
                      'options', coalesce(pg_catalog.to_json(ft.ftoptions), '[]'))
             from pg_catalog.pg_foreign_table ft
             join pg_catalog.pg_foreign_server fs on fs.oid operator(pg_catalog.=) ft.ftserver
             where ft.ftrelid operator(pg_catalog.=) c.oid),
           'columns', coalesce(cols.docs, '[]')) as doc
  -- each table's rows looked up through the catalogs' indexes: the planner cannot see how few
  -- tables a CTE holds when only those that differ are read, and joined it scanned them all
  from tbl c
  left join lateral (select tc.reloptions from pg_catalog.pg_class tc
                     where tc.oid operator(pg_catalog.=) c.reltoastrelid) tc on true
  cross join lateral (select r.relrowsecurity, r.relforcerowsecurity, r.relreplident, r.relam, r.reloftype,
                             r.relispartition, r.relpartbound, r.reltablespace
                      from pg_catalog.pg_class r where r.oid operator(pg_catalog.=) c.oid) rs
  -- its columns, a document each (the owner's own column grants left out)
  cross join lateral (
    select pg_catalog.json_agg(col.doc order by col.attnum) as docs
    from (
      select a.attrelid,
             a.attnum,
             pg_catalog.json_build_object(
               'name', a.attname,
               'position', a.attnum,
               'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
               -- only a collation other than the type's own is part of the column's definition
               'collation', case when a.attcollation operator(pg_catalog.<>) t.typcollation then
                   case when pg_catalog.pg_collation_is_visible(co.oid)
                        then pg_catalog.quote_ident(co.collname)
                        else pg_catalog.concat(pg_catalog.quote_ident(cn.nspname), '.',
                                               pg_catalog.quote_ident(co.collname)) end end,
               'not_null', a.attnotnull,
               -- PostgreSQL 18 names a column's NOT NULL (contype 'n'); no such row before, so
               -- no lookup. One left inherited on a column no parent has (its parent dropped it
               -- ONLY) can be neither renamed nor dropped: its name is not read
               'not_null_name', {{180000 (select nn.conname from pg_catalog.pg_constraint nn where nn.conrelid operator(pg_catalog.=) a.attrelid and nn.contype operator(pg_catalog.=) 'n' and nn.conkey operator(pg_catalog.=) array[a.attnum] and (nn.coninhcount operator(pg_catalog.=) 0 or a.attinhcount operator(pg_catalog.>) 0)) | null::pg_catalog.name}},
               -- a column of a partition or an inheritance child: its own (local) or only its
               -- parents' (inherited), or both
               'local', a.attislocal,
               'inherited', a.attinhcount operator(pg_catalog.>) 0,
               'default', case when a.attgenerated operator(pg_catalog.=) '' then
                   pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
               -- a default that calls a volatile function or operator (its expression tree names
               -- them by oid) computes a value per row: ADD COLUMN with it rewrites the table
               'default_volatile', a.attgenerated operator(pg_catalog.=) '' and exists (
                   select from pg_catalog.regexp_matches(ad.adbin::pg_catalog.text, ':(?:op)?funcid (\d+)', 'g') m(f)
                   join pg_catalog.pg_proc vp on vp.oid operator(pg_catalog.=) m.f[1]::pg_catalog.oid
                   where vp.provolatile operator(pg_catalog.=) 'v'),
               'generated', case when a.attgenerated operator(pg_catalog.<>) '' then
                   pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
               -- PostgreSQL 18 adds VIRTUAL generated columns ('v'); before, all are STORED ('s')
               'generated_virtual', a.attgenerated operator(pg_catalog.=) 'v',
               -- the columns a generation expression reads: they cannot change type under it
               'generated_uses', case when a.attgenerated operator(pg_catalog.<>) '' then coalesce((
                   select pg_catalog.json_agg(distinct ua.attname)
                   from pg_catalog.pg_depend d
                   join pg_catalog.pg_attribute ua
                     on ua.attrelid operator(pg_catalog.=) d.refobjid and ua.attnum operator(pg_catalog.=) d.refobjsubid
                   where ((d.classid operator(pg_catalog.=) 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                           and d.objid operator(pg_catalog.=) ad.oid)
                          -- PostgreSQL 14 and older record them from the generated column itself
                          or (d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                              and d.objid operator(pg_catalog.=) a.attrelid
                              and d.objsubid operator(pg_catalog.=) a.attnum))
                     and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                     and d.refobjid operator(pg_catalog.=) a.attrelid
                     and d.refobjsubid operator(pg_catalog.>) 0
                     -- the expression's own column (an automatic dependency) is not something it reads
                     and d.refobjsubid operator(pg_catalog.<>) a.attnum), '[]') else '[]' end,
               'identity', case when a.attidentity operator(pg_catalog.<>) '' then
                   pg_catalog.json_build_object('generation', a.attidentity, 'sequence', (
                     -- the identity sequence: an internal dependency on the column
                     select so.doc
                     from pg_catalog.pg_depend d
                     join seqopt so on so.seqrelid operator(pg_catalog.=) d.objid
                     where d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                       and d.refobjid operator(pg_catalog.=) a.attrelid
                       and d.refobjsubid operator(pg_catalog.=) a.attnum
                       and d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                       and d.deptype operator(pg_catalog.=) 'i')) end,
               'storage', a.attstorage,
               -- COMPRESSION: p pglz, l lz4, or the server's default
               'compression', case when a.attcompression operator(pg_catalog.=) 'p' then 'pglz'
                                   when a.attcompression operator(pg_catalog.=) 'l' then 'lz4' end,
               'type_storage', t.typstorage,
               -- -1 (up to PG 16) and NULL (PG 17 on) both mean "the default target"
               'statistics', case when a.attstattarget operator(pg_catalog.>=) 0
                                  then a.attstattarget::pg_catalog.int4 end,
               'privileges', g.doc,
               -- a foreign table's column's OPTIONS
               'fdw_options', coalesce(pg_catalog.to_json(a.attfdwoptions), '[]')) as doc
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_type t on t.oid operator(pg_catalog.=) a.atttypid
      left join pg_catalog.pg_collation co on co.oid operator(pg_catalog.=) a.attcollation
      left join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
      left join pg_catalog.pg_attrdef ad
        on ad.adrelid operator(pg_catalog.=) a.attrelid and ad.adnum operator(pg_catalog.=) a.attnum
      cross join lateral (
        select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
                 order by x.position), '[]') as doc
        from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                     acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
              -- column grants have no defaults: NULL means none
              from pg_catalog.aclexplode(a.attacl)
                     with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
              where acl.grantee operator(pg_catalog.<>) c.relowner) x) g
      where a.attrelid operator(pg_catalog.=) c.oid and a.attnum operator(pg_catalog.>) 0 and not a.attisdropped
    ) col) cols
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) c.relowner) x) g
),
constraint_docs as materialized (
  select c.relnamespace, c.relname, k.conname,
         pg_catalog.json_build_object(
           'table', c.relname,
           'name', k.conname,
           'type', k.contype,
           'definition', pg_catalog.pg_get_constraintdef(k.oid),
           'validated', k.convalidated,
           -- a partition's or child's from its parent: comes and goes with the parent's
           'inherited', not k.conislocal or k.conparentid operator(pg_catalog.<>) 0,
           'deferrable', k.condeferrable,
           'deferred', k.condeferred,
           -- the index behind a PRIMARY KEY, UNIQUE or EXCLUDE, and its storage parameters
           'index_name', case when k.contype operator(pg_catalog.<>) 'f' then ki.relname end,
           'index_options', coalesce(case when k.contype operator(pg_catalog.<>) 'f'
                                          then pg_catalog.to_json(ki.reloptions) end, '[]'),
           -- its tablespace, NULL for the database's default; with one, an EXCLUDE's predicate,
           -- before which USING INDEX TABLESPACE goes
           'index_tablespace', case when k.contype operator(pg_catalog.<>) 'f' then case when ki.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) ki.reltablespace) end end,
           'index_predicate', case when k.contype operator(pg_catalog.=) 'x' and ki.reltablespace operator(pg_catalog.<>) 0 then
             (select pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) from pg_catalog.pg_index ix
              where ix.indexrelid operator(pg_catalog.=) k.conindid) end,
           -- a PRIMARY KEY's or UNIQUE's index as pg_get_indexdef gives it after "CREATE UNIQUE
           -- INDEX name ON schema.table USING btree ": what a lock-safe plan builds concurrently
           -- (NULL when the text does not start as expected)
           'index_definition', case when k.contype operator(pg_catalog.=) any (array['p', 'u']::pg_catalog."char"[]) then
               (select case when pg_catalog.starts_with(d.def, d.prefix)
                            then pg_catalog.substr(d.def, pg_catalog.length(d.prefix) operator(pg_catalog.+) 1) end
                from (select pg_catalog.pg_get_indexdef(k.conindid) as def,
                             pg_catalog.concat('CREATE UNIQUE INDEX ', pg_catalog.quote_ident(ki.relname), ' ON ',
                                               case when c.relkind operator(pg_catalog.=) 'p' then 'ONLY ' end,
                                               pg_catalog.quote_ident(kn.nspname), '.', pg_catalog.quote_ident(c.relname),
                                               ' USING btree ') as prefix
                      from pg_catalog.pg_namespace kn where kn.oid operator(pg_catalog.=) c.relnamespace) d) end,
           'columns', coalesce(u.names, '[]'),
           'references', case when k.contype operator(pg_catalog.=) 'f' then
               pg_catalog.json_build_object(
                 -- NULL when the referenced table lives in the same schema
                 'schema', case when fc.relnamespace operator(pg_catalog.<>) c.relnamespace
                                then fn.nspname end,
                 'table', fc.relname,
                 -- the referenced table's unique index the key relies on
                 'index', ki.relname,
                 'columns', (
                   select pg_catalog.json_agg(fa.attname order by fk.ord)
                   from pg_catalog.unnest(k.confkey) with ordinality as fk(attnum, ord)
                   join pg_catalog.pg_attribute fa
                     on fa.attrelid operator(pg_catalog.=) k.confrelid
                    and fa.attnum operator(pg_catalog.=) fk.attnum)) end) as doc
  from tbl c
  cross join lateral (select k.* from pg_catalog.pg_constraint k where k.conrelid operator(pg_catalog.=) c.oid) k
  left join pg_catalog.pg_class ki on ki.oid operator(pg_catalog.=) k.conindid
  left join pg_catalog.pg_class fc on fc.oid operator(pg_catalog.=) k.confrelid
  left join pg_catalog.pg_namespace fn on fn.oid operator(pg_catalog.=) fc.relnamespace
  cross join lateral (
    -- columns of its own table the constraint uses, expressions included
    select pg_catalog.json_agg(distinct a.attname) as names
    from pg_catalog.pg_depend d
    join pg_catalog.pg_attribute a
      on a.attrelid operator(pg_catalog.=) d.refobjid and a.attnum operator(pg_catalog.=) d.refobjsubid
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) k.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.refobjid operator(pg_catalog.=) k.conrelid
      and d.refobjsubid operator(pg_catalog.>) 0) u
  -- NOT NULL (PG 18's 'n') is a column property here; constraint triggers come with triggers
  where k.contype operator(pg_catalog.=) any (array['p', 'u', 'c', 'f', 'x']::pg_catalog."char"[])
    -- a foreign key into a partitioned table has a clone per partition on its own table:
    -- internal, it comes and goes with the key
    -- (looked up by oid only for a clone: as an anti-join it scanned pg_constraint per row)
    and (k.conparentid operator(pg_catalog.=) 0
         or not exists (select from pg_catalog.pg_constraint pk
                        where pk.oid operator(pg_catalog.=) k.conparentid
                          and pk.conrelid operator(pg_catalog.=) k.conrelid))
),
index_docs as materialized (
  select c.relnamespace, ic.relname,
         pg_catalog.json_build_object(
           'name', ic.relname,
           'table', c.relname,
           'unique', i.indisunique,
           -- a partition's index attached to its parent's: comes and goes with the parent's
           'attached', ic.relispartition,
           -- the index of the parent it is attached to, when in the same schema: a lock-safe
           -- plan builds the partitions' indexes itself, under these names
           'attached_to', case when ic.relispartition then
             (select pi.relname from pg_catalog.pg_inherits h
              join pg_catalog.pg_class pi on pi.oid operator(pg_catalog.=) h.inhparent
              where h.inhrelid operator(pg_catalog.=) ic.oid
                and pi.relnamespace operator(pg_catalog.=) ic.relnamespace) end,
           -- false: left by a CREATE INDEX CONCURRENTLY that failed; used by no query
           'valid', i.indisvalid,
           'method', am.amname,
           -- its tablespace, NULL for the database's default; with one, its predicate, before
           -- which TABLESPACE goes
           'tablespace', case when ic.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) ic.reltablespace) end,
           'predicate', case when ic.reltablespace operator(pg_catalog.<>) 0 then pg_catalog.pg_get_expr(i.indpred, i.indrelid) end,
           -- pg_get_indexdef always qualifies the table: keep only what follows
           -- "CREATE [UNIQUE] INDEX name ON schema.table USING method ", and let the reader
           -- refuse the index when that prefix is not what we expect (NULL)
           'definition', case when pg_catalog.starts_with(x.def, x.prefix)
                              then pg_catalog.substr(x.def, pg_catalog.length(x.prefix) operator(pg_catalog.+) 1) end,
           'columns', coalesce(u.names, '[]')) as doc
  -- tables, and materialized views (always read in full, like every view)
  from (select t.* from tbl t
        union all
        select m.* from rel m where m.relkind operator(pg_catalog.=) 'm') c
  cross join lateral (select i.* from pg_catalog.pg_index i where i.indrelid operator(pg_catalog.=) c.oid) i
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
  join pg_catalog.pg_am am on am.oid operator(pg_catalog.=) ic.relam
  cross join lateral (
    -- columns the index uses, in keys, expressions or predicate
    select pg_catalog.json_agg(distinct a.attname) as names
    from pg_catalog.pg_depend d
    join pg_catalog.pg_attribute a
      on a.attrelid operator(pg_catalog.=) d.refobjid and a.attnum operator(pg_catalog.=) d.refobjsubid
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) ic.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.refobjid operator(pg_catalog.=) c.oid
      and d.refobjsubid operator(pg_catalog.>) 0) u
  cross join lateral (
    select pg_catalog.pg_get_indexdef(i.indexrelid) as def,
           pg_catalog.concat('CREATE ', case when i.indisunique then 'UNIQUE ' end, 'INDEX ',
                             pg_catalog.quote_ident(ic.relname), ' ON ',
                             case when c.relkind operator(pg_catalog.=) 'p' then 'ONLY ' end,
                             pg_catalog.quote_ident(n.nspname), '.', pg_catalog.quote_ident(c.relname),
                             ' USING ', pg_catalog.quote_ident(am.amname), ' ') as prefix) x
  -- an index that backs a constraint (an internal dependency on it) belongs to the constraint
  where not exists (
    select from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) i.indexrelid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.deptype operator(pg_catalog.=) 'i')
),
-- Row level security policies of the tables read.
policy_docs as materialized (
  select c.relnamespace, c.relname, po.polname,
         pg_catalog.json_build_object(
           'table', c.relname,
           'name', po.polname,
           'permissive', po.polpermissive,
           -- '*' all, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE
           'command', po.polcmd,
           -- role names, PUBLIC for 0 (a role named "PUBLIC" as {"role": "PUBLIC"}), sorted:
           -- their order means nothing
           'roles', (select pg_catalog.json_agg(x.role order by x.name, x.role::pg_catalog.text)
                     from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) r.oid) as role,
                                  case when r.oid operator(pg_catalog.=) 0 then 'PUBLIC'
                                       else pg_catalog.pg_get_userbyid(r.oid)::pg_catalog.text end as name
                           from pg_catalog.unnest(po.polroles) as r(oid)) x),
           'using', pg_catalog.pg_get_expr(po.polqual, po.polrelid),
           'with_check', pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid)) as doc
  from tbl c
  cross join lateral (select po.* from pg_catalog.pg_policy po where po.polrelid operator(pg_catalog.=) c.oid) po
),
sequence_docs as materialized (
  select s.relnamespace, s.relname, so.doc
  from rel s
  -- looked up per sequence, through the catalogs' indexes: joined, the planner (which cannot
  -- see how few rows a CTE holds) scanned every sequence and relation of the database
  cross join lateral (select o.doc from seqopt o where o.seqrelid operator(pg_catalog.=) s.oid) so
  where s.relkind operator(pg_catalog.=) 'S'
    -- an identity column's sequence is part of the column
    and (select 1 from pg_catalog.pg_depend di
         where di.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
           and di.objid operator(pg_catalog.=) s.oid
           and di.deptype operator(pg_catalog.=) 'i'
         limit 1) is null
),
-- Functions, procedures, aggregates and window functions. `identity` (name and input argument
-- types) pairs overloads; `signature` (with argument names) names the routine in GRANT and DROP.
routine_docs as materialized (
  select p.pronamespace, p.oid, p.prokind,
         pg_catalog.concat(pg_catalog.quote_ident(p.proname), '(',
                           pg_catalog.oidvectortypes(p.proargtypes), ')') as identity,
         pg_catalog.json_build_object(
           'signature', pg_catalog.concat(pg_catalog.quote_ident(p.proname), '(',
                                          pg_catalog.pg_get_function_identity_arguments(p.oid), ')'),
           'identity', pg_catalog.concat(pg_catalog.quote_ident(p.proname), '(',
                                         pg_catalog.oidvectortypes(p.proargtypes), ')'),
           'name', p.proname,
           'kind', p.prokind,
           'owner', pg_catalog.pg_get_userbyid(p.proowner),
           'language', l.lanname,
           'security_definer', p.prosecdef,
           -- names, modes and defaults: what CREATE OR REPLACE may not change
           'arguments', pg_catalog.pg_get_function_arguments(p.oid),
           'result', pg_catalog.pg_get_function_result(p.oid),
           -- pg_get_functiondef always qualifies the name: keep what follows
           -- "CREATE OR REPLACE FUNCTION schema.name(", and let the reader refuse the routine when
           -- that prefix is not what we expect (NULL). An aggregate is spelled out from pg_aggregate.
           'definition', case when p.prokind operator(pg_catalog.=) 'a' then agg.definition
                              when pg_catalog.starts_with(x.def, x.prefix)
                              then pg_catalog.substr(x.def, pg_catalog.length(x.prefix) operator(pg_catalog.+) 1) end,
           'privileges', g.doc) as doc
  from pg_catalog.pg_proc p
  join ns on ns.oid operator(pg_catalog.=) p.pronamespace
  join pg_catalog.pg_language l on l.oid operator(pg_catalog.=) p.prolang
  cross join lateral (
    select case when p.prokind operator(pg_catalog.<>) 'a' then pg_catalog.pg_get_functiondef(p.oid) end as def,
           pg_catalog.concat('CREATE OR REPLACE ',
                             case when p.prokind operator(pg_catalog.=) 'p' then 'PROCEDURE' else 'FUNCTION' end, ' ',
                             pg_catalog.quote_ident(ns.nspname), '.', pg_catalog.quote_ident(p.proname), '(') as prefix) x
  left join lateral (
    -- "(arguments) (SFUNC = ..., ...)", every option that differs from its default
    select pg_catalog.concat(
             '(', pg_catalog.pg_get_function_arguments(p.oid), ') (SFUNC = ', a.aggtransfn::pg_catalog.regproc,
             ', STYPE = ', pg_catalog.format_type(a.aggtranstype, null),
             case when a.aggtransspace operator(pg_catalog.<>) 0 then pg_catalog.concat(', SSPACE = ', a.aggtransspace) end,
             case when a.aggfinalfn operator(pg_catalog.<>) 0 then pg_catalog.concat(
               ', FINALFUNC = ', a.aggfinalfn::pg_catalog.regproc,
               case when a.aggfinalextra then ', FINALFUNC_EXTRA' end,
               ', FINALFUNC_MODIFY = ', case a.aggfinalmodify when 'r' then 'READ_ONLY' when 's' then 'SHAREABLE'
                                                              else 'READ_WRITE' end) end,
             case when a.aggcombinefn operator(pg_catalog.<>) 0 then pg_catalog.concat(', COMBINEFUNC = ', a.aggcombinefn::pg_catalog.regproc) end,
             case when a.aggserialfn operator(pg_catalog.<>) 0 then pg_catalog.concat(', SERIALFUNC = ', a.aggserialfn::pg_catalog.regproc) end,
             case when a.aggdeserialfn operator(pg_catalog.<>) 0 then pg_catalog.concat(', DESERIALFUNC = ', a.aggdeserialfn::pg_catalog.regproc) end,
             case when a.agginitval is not null then pg_catalog.concat(', INITCOND = ', pg_catalog.quote_literal(a.agginitval)) end,
             case when a.aggmtransfn operator(pg_catalog.<>) 0 then pg_catalog.concat(
               ', MSFUNC = ', a.aggmtransfn::pg_catalog.regproc, ', MINVFUNC = ', a.aggminvtransfn::pg_catalog.regproc,
               ', MSTYPE = ', pg_catalog.format_type(a.aggmtranstype, null),
               case when a.aggmtransspace operator(pg_catalog.<>) 0 then pg_catalog.concat(', MSSPACE = ', a.aggmtransspace) end,
               case when a.aggmfinalfn operator(pg_catalog.<>) 0 then pg_catalog.concat(
                 ', MFINALFUNC = ', a.aggmfinalfn::pg_catalog.regproc,
                 case when a.aggmfinalextra then ', MFINALFUNC_EXTRA' end,
                 ', MFINALFUNC_MODIFY = ', case a.aggmfinalmodify when 'r' then 'READ_ONLY' when 's' then 'SHAREABLE'
                                                                  else 'READ_WRITE' end) end,
               case when a.aggminitval is not null then pg_catalog.concat(', MINITCOND = ', pg_catalog.quote_literal(a.aggminitval)) end) end,
             case when a.aggsortop operator(pg_catalog.<>) 0 then (
               select pg_catalog.concat(', SORTOP = OPERATOR(', pg_catalog.quote_ident(opn.nspname), '.', o.oprname, ')')
               from pg_catalog.pg_operator o join pg_catalog.pg_namespace opn on opn.oid operator(pg_catalog.=) o.oprnamespace
               where o.oid operator(pg_catalog.=) a.aggsortop) end,
             case when a.aggkind operator(pg_catalog.=) 'h' then ', HYPOTHETICAL' end,
             case p.proparallel when 's' then ', PARALLEL = SAFE' when 'r' then ', PARALLEL = RESTRICTED' end,
             ')') as definition
    from pg_catalog.pg_aggregate a
    where a.aggfnoid operator(pg_catalog.=) p.oid) agg on true
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) p.proowner) x) g
  where not exists (
    select from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) p.oid
      -- an extension's, or a range type's constructors (made and dropped with the type)
      and d.deptype operator(pg_catalog.=) any (array['e', 'i']::pg_catalog."char"[]))
),
-- Collations, less an extension's. Read through the row's JSON, so that one text runs on every
-- version: the ICU locale moved from collcollate (14) to colliculocale (15) to colllocale (17),
-- and ICU rules came in 16.
collation_docs as materialized (
  select co.collnamespace, co.collname,
         pg_catalog.json_build_object(
           'name', co.collname,
           'owner', pg_catalog.pg_get_userbyid(co.collowner),
           -- c: libc, i: ICU, b: builtin (PostgreSQL 17)
           'provider', co.collprovider,
           'deterministic', co.collisdeterministic,
           'lc_collate', case when co.collprovider operator(pg_catalog.=) 'c' then j.doc operator(pg_catalog.->>) 'collcollate' end,
           'lc_ctype', case when co.collprovider operator(pg_catalog.=) 'c' then j.doc operator(pg_catalog.->>) 'collctype' end,
           'locale', case when co.collprovider operator(pg_catalog.<>) 'c' then
             coalesce(j.doc operator(pg_catalog.->>) 'colllocale', j.doc operator(pg_catalog.->>) 'colliculocale',
                      j.doc operator(pg_catalog.->>) 'collcollate') end,
           'rules', j.doc operator(pg_catalog.->>) 'collicurules') as doc
  from pg_catalog.pg_collation co
  join ns on ns.oid operator(pg_catalog.=) co.collnamespace
  cross join lateral (select pg_catalog.to_jsonb(co) as doc) j
  where not exists (
    select from ext_members e
    where e.classid operator(pg_catalog.=) 'pg_catalog.pg_collation'::pg_catalog.regclass
      and e.objid operator(pg_catalog.=) co.oid)
),
-- User types: enums, domains, composite types (made by CREATE TYPE, not a table's row type) and
-- ranges, less an extension's. Collations are spelled as a column's are: quoted, and qualified
-- when not visible.
type_docs as materialized (
  select t.typnamespace, t.oid, t.typname,
         pg_catalog.json_build_object(
           'name', t.typname,
           'owner', pg_catalog.pg_get_userbyid(t.typowner),
           -- searched CASE: a simple CASE would look "=" up on the search_path
           'kind', case when t.typtype operator(pg_catalog.=) 'e' then 'enum'
                        when t.typtype operator(pg_catalog.=) 'd' then 'domain'
                        when t.typtype operator(pg_catalog.=) 'c' then 'composite'
                        else 'range' end,
           'values', case when t.typtype operator(pg_catalog.=) 'e' then coalesce((
             select pg_catalog.json_agg(e.enumlabel order by e.enumsortorder)
             from pg_catalog.pg_enum e where e.enumtypid operator(pg_catalog.=) t.oid), '[]') end,
           'base_type', case when t.typtype operator(pg_catalog.=) 'd' then
             pg_catalog.format_type(t.typbasetype, t.typtypmod) end,
           'default', case when t.typtype operator(pg_catalog.=) 'd' then pg_catalog.pg_get_expr(t.typdefaultbin, 0) end,
           'not_null', t.typnotnull,
           -- a domain's CHECKs (from PostgreSQL 17 its NOT NULL is a constraint too: typnotnull says it)
           'constraints', case when t.typtype operator(pg_catalog.=) 'd' then coalesce((
             select pg_catalog.json_agg(pg_catalog.json_build_object(
                      'name', k.conname, 'definition', pg_catalog.pg_get_constraintdef(k.oid),
                      'validated', k.convalidated) order by k.conname)
             from pg_catalog.pg_constraint k
             where k.contypid operator(pg_catalog.=) t.oid and k.contype operator(pg_catalog.=) 'c'), '[]') end,
           'collation', case when t.typtype operator(pg_catalog.=) 'd'
                              and t.typcollation operator(pg_catalog.<>) bt.typcollation then (
             select case when pg_catalog.pg_collation_is_visible(co.oid) then pg_catalog.quote_ident(co.collname)
                         else pg_catalog.concat(pg_catalog.quote_ident(cn.nspname), '.', pg_catalog.quote_ident(co.collname)) end
             from pg_catalog.pg_collation co
             join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
             where co.oid operator(pg_catalog.=) t.typcollation) end,
           'attributes', case when t.typtype operator(pg_catalog.=) 'c' then coalesce((
             select pg_catalog.json_agg(pg_catalog.json_build_object(
                      'name', a.attname,
                      'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                      'collation', case when a.attcollation operator(pg_catalog.<>) at.typcollation then (
                        select case when pg_catalog.pg_collation_is_visible(co.oid) then pg_catalog.quote_ident(co.collname)
                                    else pg_catalog.concat(pg_catalog.quote_ident(cn.nspname), '.', pg_catalog.quote_ident(co.collname)) end
                        from pg_catalog.pg_collation co
                        join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
                        where co.oid operator(pg_catalog.=) a.attcollation) end) order by a.attnum)
             from pg_catalog.pg_attribute a
             join pg_catalog.pg_type at on at.oid operator(pg_catalog.=) a.atttypid
             where a.attrelid operator(pg_catalog.=) t.typrelid and a.attnum operator(pg_catalog.>) 0
               and not a.attisdropped), '[]') end,
           'range', case when t.typtype operator(pg_catalog.=) 'r' then (
             select pg_catalog.json_build_object(
                      'subtype', pg_catalog.format_type(r.rngsubtype, null),
                      -- only an operator class other than the subtype's default
                      'opclass', case when not oc.opcdefault then
                        pg_catalog.concat(pg_catalog.quote_ident(ocn.nspname), '.', pg_catalog.quote_ident(oc.opcname)) end,
                      'collation', case when r.rngcollation operator(pg_catalog.<>) 0
                                         and r.rngcollation operator(pg_catalog.<>) st.typcollation then (
                        select case when pg_catalog.pg_collation_is_visible(co.oid) then pg_catalog.quote_ident(co.collname)
                                    else pg_catalog.concat(pg_catalog.quote_ident(cn.nspname), '.', pg_catalog.quote_ident(co.collname)) end
                        from pg_catalog.pg_collation co
                        join pg_catalog.pg_namespace cn on cn.oid operator(pg_catalog.=) co.collnamespace
                        where co.oid operator(pg_catalog.=) r.rngcollation) end,
                      'canonical', case when r.rngcanonical operator(pg_catalog.<>) 0 then r.rngcanonical::pg_catalog.regproc::pg_catalog.text end,
                      'subtype_diff', case when r.rngsubdiff operator(pg_catalog.<>) 0 then r.rngsubdiff::pg_catalog.regproc::pg_catalog.text end,
                      'multirange', (select mt.typname from pg_catalog.pg_type mt
                                     where mt.oid operator(pg_catalog.=) r.rngmultitypid))
             from pg_catalog.pg_range r
             join pg_catalog.pg_type st on st.oid operator(pg_catalog.=) r.rngsubtype
             join pg_catalog.pg_opclass oc on oc.oid operator(pg_catalog.=) r.rngsubopc
             join pg_catalog.pg_namespace ocn on ocn.oid operator(pg_catalog.=) oc.opcnamespace
             where r.rngtypid operator(pg_catalog.=) t.oid) end,
           'privileges', g.doc) as doc
  from pg_catalog.pg_type t
  join ns on ns.oid operator(pg_catalog.=) t.typnamespace
  left join pg_catalog.pg_type bt on bt.oid operator(pg_catalog.=) t.typbasetype
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(t.typacl, pg_catalog.acldefault('T', t.typowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) t.typowner) x) g
  where (t.typtype operator(pg_catalog.=) any (array['e', 'd', 'r']::pg_catalog."char"[])
         or (t.typtype operator(pg_catalog.=) 'c'
             -- OFFSET 0: looked up per type, never hashed over every relation
             and exists (select from pg_catalog.pg_class c where c.oid operator(pg_catalog.=) t.typrelid
                                                             and c.relkind operator(pg_catalog.=) 'c' offset 0)))
    and not exists (
      select from ext_members e
      where e.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
        and e.objid operator(pg_catalog.=) t.oid)
),
-- Views and materialized views, always read in full: they are few next to tables, and what
-- they depend on decides what a change of a table takes down with it.
view_docs as materialized (
  select c.relnamespace, c.relname,
         pg_catalog.json_build_object(
           'name', c.relname,
           'materialized', c.relkind operator(pg_catalog.=) 'm',
           'owner', pg_catalog.pg_get_userbyid(c.relowner),
           -- deparsed under the caller's search_path, like every definition; the final ";" left out
           'definition', pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';'),
           -- security_barrier, security_invoker, check_option; a materialized view's storage parameters
           'options', coalesce(pg_catalog.to_json(c.reloptions), '[]'),
           'populated', pc.relispopulated,
           'tablespace', case when c.relkind operator(pg_catalog.=) 'm' then case when pc.reltablespace operator(pg_catalog.<>) 0 then
             (select ts.spcname from pg_catalog.pg_tablespace ts where ts.oid operator(pg_catalog.=) pc.reltablespace) end end,
           'columns', coalesce((
             select pg_catalog.json_agg(pg_catalog.json_build_object(
                      'name', a.attname,
                      'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                      -- ALTER VIEW ... ALTER COLUMN ... SET DEFAULT
                      'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)) order by a.attnum)
             from pg_catalog.pg_attribute a
             left join pg_catalog.pg_attrdef ad
               on ad.adrelid operator(pg_catalog.=) a.attrelid and ad.adnum operator(pg_catalog.=) a.attnum
             where a.attrelid operator(pg_catalog.=) c.oid and a.attnum operator(pg_catalog.>) 0
               and not a.attisdropped), '[]'),
           'privileges', g.doc) as doc
  from rel c
  join pg_catalog.pg_class pc on pc.oid operator(pg_catalog.=) c.oid
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) c.relowner) x) g
  where c.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[])
),
-- The relations whose triggers and rules are compared: the tables read, and views. Not
-- materialized, so that each use plans as the union it is.
tables_and_views as not materialized (
  select t.oid, t.relname, t.relnamespace from tbl t
  union all
  select v.oid, v.relname, v.relnamespace from rel v where v.relkind operator(pg_catalog.=) 'v'
),
-- Triggers of the tables read and of views, less the internal ones (foreign keys'), by
-- pg_get_triggerdef cut around "ON <table>": what comes before it (timing and events) and after
-- it, so that the statement can name the table itself. NULL halves when the text is not shaped
-- as expected; such a trigger is refused.
trigger_docs as materialized (
  select c.relnamespace, c.relname, tg.tgname,
         pg_catalog.json_build_object(
           'table', c.relname,
           'name', tg.tgname,
           'constraint', tg.tgconstraint operator(pg_catalog.<>) 0,
           -- O: enabled (origin and local), D: disabled, R: ENABLE REPLICA, A: ENABLE ALWAYS
           'enabled', tg.tgenabled,
           'events', case when x.at operator(pg_catalog.>) 0 then pg_catalog.substr(x.rest, 1, x.at operator(pg_catalog.-) 1) end,
           'definition', case when x.at operator(pg_catalog.>) 0 then
             pg_catalog.substr(x.rest, x.at operator(pg_catalog.+) pg_catalog.length(x.table_part)) end) as doc
  from tables_and_views c
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  join pg_catalog.pg_trigger tg on tg.tgrelid operator(pg_catalog.=) c.oid
  cross join lateral (
    select pg_catalog.concat('CREATE ', case when tg.tgconstraint operator(pg_catalog.<>) 0 then 'CONSTRAINT ' end,
                             'TRIGGER ', pg_catalog.quote_ident(tg.tgname), ' ') as prefix,
           pg_catalog.pg_get_triggerdef(tg.oid) as def,
           pg_catalog.concat(' ON ', pg_catalog.quote_ident(n.nspname), '.', pg_catalog.quote_ident(c.relname), ' ') as table_part) d
  cross join lateral (
    select y.rest, case when pg_catalog.starts_with(d.def, d.prefix) then pg_catalog.strpos(y.rest, d.table_part) else 0 end as at,
           d.table_part
    from (select pg_catalog.substr(d.def, pg_catalog.length(d.prefix) operator(pg_catalog.+) 1) as rest) y) x
  -- a partition's trigger cloned from its parent's comes and goes with the parent's
  where not tg.tgisinternal and tg.tgparentid operator(pg_catalog.=) 0
),
-- Rules of the tables read and of views (not a view's own _RETURN rule), by pg_get_ruledef cut
-- around "ON <event> TO <table>", so that the statement can name the table itself.
rule_docs as materialized (
  select c.relnamespace, c.relname, r.rulename,
         pg_catalog.json_build_object(
           'table', c.relname,
           'name', r.rulename,
           -- O: enabled, D: disabled, R: ENABLE REPLICA, A: ENABLE ALWAYS
           'enabled', r.ev_enabled,
           'event', case r.ev_type when '1' then 'SELECT' when '2' then 'UPDATE' when '3' then 'INSERT' else 'DELETE' end,
           'definition', case when pg_catalog.starts_with(d.def, d.prefix)
                              then pg_catalog.rtrim(pg_catalog.substr(d.def, pg_catalog.length(d.prefix) operator(pg_catalog.+) 1), ';') end) as doc
  from tables_and_views c
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
  join pg_catalog.pg_rewrite r on r.ev_class operator(pg_catalog.=) c.oid
  cross join lateral (
    select pg_catalog.pg_get_ruledef(r.oid) as def,
           pg_catalog.concat('CREATE RULE ', pg_catalog.quote_ident(r.rulename), E' AS\n    ON ',
                             case r.ev_type when '1' then 'SELECT' when '2' then 'UPDATE' when '3' then 'INSERT' else 'DELETE' end,
                             ' TO ', pg_catalog.quote_ident(n.nspname), '.', pg_catalog.quote_ident(c.relname)) as prefix) d
  where r.rulename operator(pg_catalog.<>) '_RETURN'
),
-- Extended statistics of the tables read, by pg_get_statisticsobjdef after its qualified name.
statistics_docs as materialized (
  select c.relnamespace, c.relname, x.stxname,
         pg_catalog.json_build_object(
           'name', x.stxname,
           'table', c.relname,
           'owner', pg_catalog.pg_get_userbyid(x.stxowner),
           'definition', case when pg_catalog.starts_with(d.def, d.prefix)
                              then pg_catalog.substr(d.def, pg_catalog.length(d.prefix) operator(pg_catalog.+) 1) end,
           -- -1 (up to PG 16) and NULL (PG 17 on) both mean "the default target"
           'target', case when x.stxstattarget operator(pg_catalog.>=) 0 then x.stxstattarget::pg_catalog.int4 end) as doc
  from tbl c
  join pg_catalog.pg_statistic_ext x on x.stxrelid operator(pg_catalog.=) c.oid
  join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) x.stxnamespace
  cross join lateral (
    select pg_catalog.pg_get_statisticsobjdef(x.oid) as def,
           pg_catalog.concat('CREATE STATISTICS ', pg_catalog.quote_ident(n.nspname), '.',
                             pg_catalog.quote_ident(x.stxname), ' ') as prefix) d
  where x.stxnamespace operator(pg_catalog.=) c.relnamespace
),
-- The dependency graph: what views, routines, and the defaults, constraints and indexes of the
-- tables read depend on, from pg_depend (normal dependencies; a view's are its rewrite rule's,
-- and a SQL-standard function body's are recorded too). One row per edge: (the dependent's
-- schema, its kind, name and part; the referenced object's class, oid and part).
dependency_edges as materialized (
  -- Every lookup below is a LATERAL subquery with OFFSET 0: planned apart and run once per row
  -- of the side before it, through the catalogs' indexes. Joined, the planner (which cannot see
  -- how few rows a CTE holds, and guesses from the size of the whole database) hashed all of
  -- pg_depend's rows of a class, or all of pg_attrdef, pg_constraint or pg_index: a small schema
  -- read beside a large one paid for the large one.
  select c.relnamespace as nsoid, 'view' as kind, c.relname::pg_catalog.text as name, null::pg_catalog.text as part,
         d.refclassid, d.refobjid, d.refobjsubid
  from rel c
  cross join lateral (select r.oid from pg_catalog.pg_rewrite r
                      where r.ev_class operator(pg_catalog.=) c.oid offset 0) r
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) r.oid
      and d.deptype operator(pg_catalog.=) 'n'
      and d.refobjid operator(pg_catalog.<>) c.oid offset 0) d
  where c.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[])
  union all
  select r.pronamespace, 'routine', r.identity, null, d.refclassid, d.refobjid, d.refobjsubid
  from routine_docs r
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) r.oid
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  union all
  -- defaults (and generation expressions) that call a routine, or take from a sequence
  select c.relnamespace, 'default', c.relname, ad.attname, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (
    select ad.oid, a.attname from pg_catalog.pg_attrdef ad
    join pg_catalog.pg_attribute a
      on a.attrelid operator(pg_catalog.=) ad.adrelid and a.attnum operator(pg_catalog.=) ad.adnum
    where ad.adrelid operator(pg_catalog.=) c.oid offset 0) ad
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_attrdef'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) ad.oid
      and (d.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_proc', 'pg_catalog.pg_type']::pg_catalog.regclass[])
           or (d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
               and d.refobjid operator(pg_catalog.<>) c.oid)) offset 0) d
  union all
  -- the same for a generation expression on PostgreSQL 14 and older, which records what it uses
  -- from the generated column itself (an automatic dependency), not from its pg_attrdef entry
  select c.relnamespace, 'default', c.relname, a.attname, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (
    select a.attname, a.attnum from pg_catalog.pg_attribute a
    where a.attrelid operator(pg_catalog.=) c.oid and a.attgenerated operator(pg_catalog.<>) '' offset 0) a
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) c.oid
      and d.objsubid operator(pg_catalog.=) a.attnum
      and d.deptype operator(pg_catalog.=) 'a'
      and (d.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_proc', 'pg_catalog.pg_type']::pg_catalog.regclass[])
           or (d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
               and d.refobjid operator(pg_catalog.<>) c.oid)) offset 0) d
  union all
  -- policies: the columns and routines their expressions use (their table's own entry is automatic)
  select c.relnamespace, 'policy', c.relname, po.polname, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (select po.oid, po.polname from pg_catalog.pg_policy po
                      where po.polrelid operator(pg_catalog.=) c.oid offset 0) po
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) po.oid
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  union all
  select c.relnamespace, 'constraint', c.relname, k.conname, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (select k.oid, k.conname from pg_catalog.pg_constraint k
                      where k.conrelid operator(pg_catalog.=) c.oid
                        and k.conislocal and k.conparentid operator(pg_catalog.=) 0 offset 0) k
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) k.oid
      and d.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_proc', 'pg_catalog.pg_type']::pg_catalog.regclass[])
      offset 0) d
  union all
  select c.relnamespace, 'index', ic.relname, null, d.refclassid, d.refobjid, d.refobjsubid
  from (select t.oid, t.relnamespace from tbl t
        union all
        select m.oid, m.relnamespace from rel m where m.relkind operator(pg_catalog.=) 'm') c
  cross join lateral (select ic.oid, ic.relname from pg_catalog.pg_index i
                      join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
                      where i.indrelid operator(pg_catalog.=) c.oid and not ic.relispartition offset 0) ic
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) ic.oid
      and d.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_proc', 'pg_catalog.pg_type',
                                                        'pg_catalog.pg_collation']::pg_catalog.regclass[])
      offset 0) d
  union all
  -- triggers: their function, the columns of UPDATE OF and WHEN, and their table or view (an
  -- automatic dependency: a view made again takes its triggers along)
  select c.relnamespace, 'trigger', c.relname, tg.tgname, d.refclassid, d.refobjid, d.refobjsubid
  from tables_and_views c
  cross join lateral (select tg.oid, tg.tgname from pg_catalog.pg_trigger tg
                      where tg.tgrelid operator(pg_catalog.=) c.oid
                        and not tg.tgisinternal and tg.tgparentid operator(pg_catalog.=) 0 offset 0) tg
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_trigger'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) tg.oid
      and d.deptype operator(pg_catalog.=) any (array['n', 'a']::pg_catalog."char"[]) offset 0) d
  union all
  -- rules: what their actions read and write, and their table or view
  select c.relnamespace, 'rule', c.relname, r.rulename, d.refclassid, d.refobjid, d.refobjsubid
  from tables_and_views c
  cross join lateral (select r.oid, r.rulename from pg_catalog.pg_rewrite r
                      where r.ev_class operator(pg_catalog.=) c.oid
                        and r.rulename operator(pg_catalog.<>) '_RETURN' offset 0) r
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) r.oid
      and d.deptype operator(pg_catalog.=) any (array['n', 'a']::pg_catalog."char"[]) offset 0) d
  union all
  -- extended statistics: the columns they cover
  select c.relnamespace, 'statistics', x.stxname::pg_catalog.text, null, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (select x.oid, x.stxname from pg_catalog.pg_statistic_ext x
                      where x.stxrelid operator(pg_catalog.=) c.oid offset 0) x
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) x.oid
      and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.refobjsubid operator(pg_catalog.>) 0 offset 0) d
  union all
  -- a typed table (CREATE TABLE ... OF type)
  select c.relnamespace, 'table', c.relname, null, 'pg_catalog.pg_type'::pg_catalog.regclass, r.reloftype, 0
  from tbl c
  cross join lateral (select r.reloftype from pg_catalog.pg_class r
                      where r.oid operator(pg_catalog.=) c.oid and r.reloftype operator(pg_catalog.<>) 0 offset 0) r
  union all
  -- a partition or an inheritance child: its parents
  select c.relnamespace, 'table', c.relname, null, 'pg_catalog.pg_class'::pg_catalog.regclass, h.inhparent, 0
  from tbl c
  cross join lateral (select h.inhparent from pg_catalog.pg_inherits h
                      where h.inhrelid operator(pg_catalog.=) c.oid offset 0) h
  union all
  -- columns of a user type (an enum, a domain, ...): a type made again takes them along
  select c.relnamespace, 'column', c.relname, d.attname, d.refclassid, d.refobjid, d.refobjsubid
  from tbl c
  cross join lateral (
    select a.attname, d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    join pg_catalog.pg_attribute a
      on a.attrelid operator(pg_catalog.=) d.objid and a.attnum operator(pg_catalog.=) d.objsubid
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) c.oid
      and d.objsubid operator(pg_catalog.>) 0
      and d.refclassid operator(pg_catalog.=) any (array['pg_catalog.pg_type', 'pg_catalog.pg_collation']::pg_catalog.regclass[])
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  union all
  -- types: a domain's base type, a range's subtype and functions, what a domain's CHECKs call,
  -- the types of a composite type's attributes
  select t.typnamespace, 'type', t.typname::pg_catalog.text, null, d.refclassid, d.refobjid, d.refobjsubid
  from type_docs t
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) t.oid
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  union all
  select t.typnamespace, 'type', t.typname::pg_catalog.text, null, d.refclassid, d.refobjid, d.refobjsubid
  from type_docs t
  cross join lateral (select k.oid from pg_catalog.pg_constraint k
                      where k.contypid operator(pg_catalog.=) t.oid offset 0) k
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) k.oid
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  union all
  select t.typnamespace, 'type', t.typname::pg_catalog.text, null, d.refclassid, d.refobjid, d.refobjsubid
  from type_docs t
  cross join lateral (select ct.typrelid from pg_catalog.pg_type ct
                      where ct.oid operator(pg_catalog.=) t.oid and ct.typrelid operator(pg_catalog.<>) 0 offset 0) ct
  cross join lateral (
    select d.refclassid, d.refobjid, d.refobjsubid from pg_catalog.pg_depend d
    where d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objid operator(pg_catalog.=) ct.typrelid
      and d.objsubid operator(pg_catalog.>) 0
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
),
-- Objects that call a routine and that this version does not compare (a trigger, an operator, a
-- cast, a domain's CHECK, an index of a partitioned table): by their description, so
-- that a plan that would drop the routine under them is refused rather than failing to apply.
not_compared_edges as materialized (
  select r.pronamespace as nsoid,
         -- an event trigger is compared between whole databases, not between schemas
         case when d.classid operator(pg_catalog.=) 'pg_catalog.pg_event_trigger'::pg_catalog.regclass
              then 'event trigger' else 'not compared' end as kind,
         case when d.classid operator(pg_catalog.=) 'pg_catalog.pg_event_trigger'::pg_catalog.regclass
              then (select et.evtname::pg_catalog.text from pg_catalog.pg_event_trigger et
                    where et.oid operator(pg_catalog.=) d.objid)
              else pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) end as name,
         null::pg_catalog.text as part,
         d.refclassid, d.refobjid, d.refobjsubid
  from routine_docs r
  -- what depends on each routine, through pg_depend's index (LATERAL, OFFSET 0: never a scan of
  -- every dependency on a routine of the database)
  cross join lateral (
    select d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
    from pg_catalog.pg_depend d
    where d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and d.refobjid operator(pg_catalog.=) r.oid
      and d.deptype operator(pg_catalog.=) 'n' offset 0) d
  cross join lateral (
    select case when d.classid operator(pg_catalog.=) 'pg_catalog.pg_attrdef'::pg_catalog.regclass then
                  (select ad.adrelid from pg_catalog.pg_attrdef ad where ad.oid operator(pg_catalog.=) d.objid)
                when d.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass then
                  (select k.conrelid from pg_catalog.pg_constraint k where k.oid operator(pg_catalog.=) d.objid)
                when d.classid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass then
                  (select i.indrelid from pg_catalog.pg_index i where i.indexrelid operator(pg_catalog.=) d.objid)
                when d.classid operator(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass then
                  (select po.polrelid from pg_catalog.pg_policy po where po.oid operator(pg_catalog.=) d.objid)
           end as relid) o
  -- a routine that calls it, of a schema read (joined: a lookup in the CTE per row would scan it)
  left join routine_docs caller
    on d.classid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
   and caller.oid operator(pg_catalog.=) d.objid
  -- each test looks its object up by oid (OFFSET 0: never hashed over a whole catalog)
  where not (
      caller.oid is not null
      -- a trigger of a plain table or a view
      or (d.classid operator(pg_catalog.=) 'pg_catalog.pg_trigger'::pg_catalog.regclass
          and exists (select from pg_catalog.pg_trigger tg
                      join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) tg.tgrelid
                      where tg.oid operator(pg_catalog.=) d.objid
                        and (c.relkind operator(pg_catalog.=) 'v'
                             or c.relkind operator(pg_catalog.=) any (array['r', 'p', 'f']::pg_catalog."char"[]))
                      offset 0))
      -- a domain's CHECK, a range's canonical or subtype_diff function: types are compared
      or (d.classid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
          and exists (select from pg_catalog.pg_constraint k
                      where k.oid operator(pg_catalog.=) d.objid and k.contypid operator(pg_catalog.<>) 0 offset 0))
      or (d.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
          and exists (select from pg_catalog.pg_type t
                      where t.oid operator(pg_catalog.=) d.objid
                        and t.typtype operator(pg_catalog.=) any (array['d', 'r']::pg_catalog."char"[]) offset 0))
      or (d.classid operator(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
          and exists (select from pg_catalog.pg_rewrite w
                      join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) w.ev_class
                      where w.oid operator(pg_catalog.=) d.objid
                        and (c.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[])
                             or c.relkind operator(pg_catalog.=) any (array['r', 'p']::pg_catalog."char"[]))
                      offset 0))
      -- a default, constraint, index or policy of a plain table or materialized view, which the
      -- model makes: its relation looked up by oid through the catalogs' indexes (a scan of
      -- "rel" per row would make this quadratic)
      or exists (
        select from pg_catalog.pg_class c
        where c.oid operator(pg_catalog.=) o.relid
          and (c.relkind operator(pg_catalog.=) 'm'
               or c.relkind operator(pg_catalog.=) any (array['r', 'p', 'f']::pg_catalog."char"[]))
        offset 0))
),
-- Each edge with the referenced object by name, when it is of a kind the model holds and lives in
-- a user schema: {"object": {kind, name, part}, "on": {kind, schema, name, part}}, the
-- referenced schema NULL when it is the dependent's own.
dependency_docs as materialized (
  select e.nsoid, e.kind, e.name, e.part, o.kind as on_kind, o.schema as on_schema, o.name as on_name, o.part as on_part
  from (select * from dependency_edges union all select * from not_compared_edges) e
  -- a type referenced: an array stands for its element type, a multirange for its range
  left join lateral (
    select coalesce((select et.oid from pg_catalog.pg_type et
                     where et.oid operator(pg_catalog.=) t.typelem and et.typarray operator(pg_catalog.=) t.oid),
                    (select rg.rngtypid from pg_catalog.pg_range rg where rg.rngmultitypid operator(pg_catalog.=) t.oid),
                    t.oid) as oid
    from pg_catalog.pg_type t
    where e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
      and t.oid operator(pg_catalog.=) e.refobjid
    -- OFFSET 0: looked up per edge through pg_type's index, never hashed over every type
    offset 0) ty on true
  cross join lateral (
    -- a relation, a column of a table, a table through its row type, or a composite type
    select case when rc.relkind operator(pg_catalog.=) 'c' then 'type'
                when rc.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[]) then 'view'
                when rc.relkind operator(pg_catalog.=) 'S' then 'sequence'
                when e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                 and e.refobjsubid operator(pg_catalog.>) 0 then 'column'
                else 'table' end as kind,
           rc.relnamespace as nsoid, rc.relname::pg_catalog.text as name,
           case when rc.relkind operator(pg_catalog.=) any (array['r', 'p', 'f']::pg_catalog."char"[])
                 and e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                 and e.refobjsubid operator(pg_catalog.>) 0 then (
             select ra.attname::pg_catalog.text from pg_catalog.pg_attribute ra
             where ra.attrelid operator(pg_catalog.=) rc.oid and ra.attnum operator(pg_catalog.=) e.refobjsubid) end as part
    from pg_catalog.pg_class rc
    -- one oid to look up, so that the lookup is by pg_class's index (an OR of two would scan)
    where rc.oid operator(pg_catalog.=) (
      case when e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass then e.refobjid
           when e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass then
             (select t.typrelid from pg_catalog.pg_type t where t.oid operator(pg_catalog.=) ty.oid) end)
    union all
    -- any other type: an enum, a domain, a range (or a base type, which the model does not hold)
    select 'type', t.typnamespace, t.typname::pg_catalog.text, null
    from pg_catalog.pg_type t
    where e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
      and t.oid operator(pg_catalog.=) ty.oid and t.typrelid operator(pg_catalog.=) 0
    union all
    select 'routine', p.pronamespace,
           pg_catalog.concat(pg_catalog.quote_ident(p.proname), '(', pg_catalog.oidvectortypes(p.proargtypes), ')'),
           null
    from pg_catalog.pg_proc p
    where e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and p.oid operator(pg_catalog.=) e.refobjid
    union all
    select 'collation', co.collnamespace, co.collname::pg_catalog.text, null
    from pg_catalog.pg_collation co
    where e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_collation'::pg_catalog.regclass
      and co.oid operator(pg_catalog.=) e.refobjid
    union all
    select 'constraint', kc.relnamespace, kc.relname::pg_catalog.text, k.conname::pg_catalog.text
    from pg_catalog.pg_constraint k
    join pg_catalog.pg_class kc on kc.oid operator(pg_catalog.=) k.conrelid
    where e.refclassid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and k.oid operator(pg_catalog.=) e.refobjid
  ) r
  join pg_catalog.pg_namespace rn on rn.oid operator(pg_catalog.=) r.nsoid
  cross join lateral (
    select r.kind, case when r.nsoid operator(pg_catalog.<>) e.nsoid then rn.nspname::pg_catalog.text end as schema,
           r.name, r.part) o
  -- objects of the system and of extensions are not in the model, and never change under a plan
  where not pg_catalog.starts_with(rn.nspname, 'pg_') and rn.nspname operator(pg_catalog.<>) 'information_schema'
),
-- Comments on what the model compares, by the kind of object and its name relative to the
-- schema (routines by identity). Those of a table and of its columns, constraints, indexes,
-- triggers, policies and rules only where the table is read in full: a table left out has the
-- same fingerprint on both sides, which holds its comments. Each object's comments are looked up through
-- pg_description's index (a LATERAL subquery with OFFSET 0, run once per object): joined, the
-- planner hashed every comment of the database, those of schemas not read too.
comment_docs as materialized (
  select c.relnamespace as nsoid,
         case when d.objsubid operator(pg_catalog.>) 0 then
                case when c.relkind operator(pg_catalog.=) any (array['v', 'm']::pg_catalog."char"[]) then 'view column'
                     when c.relkind operator(pg_catalog.=) 'c' then 'attribute'
                     else 'column' end
              -- COMMENT ON TABLE refuses a foreign table
              when c.relkind operator(pg_catalog.=) 'f' then 'foreign table'
              when c.is_table then 'table'
              when c.relkind operator(pg_catalog.=) 'v' then 'view'
              when c.relkind operator(pg_catalog.=) 'm' then 'materialized view'
              when c.relkind operator(pg_catalog.=) 'S' then 'sequence'
              else 'index' end as kind,
         c.relname::pg_catalog.text as name,
         (select a.attname::pg_catalog.text from pg_catalog.pg_attribute a
          where a.attrelid operator(pg_catalog.=) c.oid and a.attnum operator(pg_catalog.=) d.objsubid
            and d.objsubid operator(pg_catalog.>) 0) as part,
         d.description as text
  from rel c
  cross join lateral (
    select d.objsubid, d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) c.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  -- a table's comments only where the table is read: they are in its fingerprint
  where ((c.is_table and c.oid operator(pg_catalog.=) any (select t.oid from tbl t))
         or c.relkind operator(pg_catalog.=) any (array['v', 'm', 'S']::pg_catalog."char"[])
         or (c.relkind operator(pg_catalog.=) 'c' and d.objsubid operator(pg_catalog.>) 0)
         -- an index the model holds: not one attached to a partitioned table's index
         or (c.relkind operator(pg_catalog.=) any (array['i', 'I']::pg_catalog."char"[])
             and exists (select from pg_catalog.pg_index i
                         join pg_catalog.pg_class t on t.oid operator(pg_catalog.=) i.indrelid
                         join pg_catalog.pg_class ic on ic.oid operator(pg_catalog.=) i.indexrelid
                         where i.indexrelid operator(pg_catalog.=) c.oid and not ic.relispartition
                           and (t.relkind operator(pg_catalog.=) 'm'
                                or (t.relkind operator(pg_catalog.=) any (array['r', 'p']::pg_catalog."char"[])
                                    and t.oid operator(pg_catalog.=) any (select tb.oid from tbl tb)))
                         -- OFFSET 0: looked up per index, never hashed over every index
                         offset 0)))
  union all
  select r.pronamespace, 'routine', r.identity, null, d.description
  from routine_docs r
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) r.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  union all
  select t.typnamespace, 'type', t.typname::pg_catalog.text, null, d.description
  from type_docs t
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) t.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  union all
  select c.relnamespace, 'constraint', c.relname::pg_catalog.text, k.conname::pg_catalog.text, d.description
  from tbl c
  cross join lateral (select k.oid, k.conname from pg_catalog.pg_constraint k
                      where k.conrelid operator(pg_catalog.=) c.oid offset 0) k
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) k.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  where c.is_table
  union all
  select t.typnamespace, 'domain constraint', t.typname::pg_catalog.text, k.conname::pg_catalog.text, d.description
  from type_docs t
  cross join lateral (select k.oid, k.conname from pg_catalog.pg_constraint k
                      where k.contypid operator(pg_catalog.=) t.oid offset 0) k
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) k.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_constraint'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  union all
  select c.relnamespace, 'trigger', c.relname::pg_catalog.text, tg.tgname::pg_catalog.text, d.description
  from rel c
  cross join lateral (select tg.oid, tg.tgname from pg_catalog.pg_trigger tg
                      where tg.tgrelid operator(pg_catalog.=) c.oid offset 0) tg
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) tg.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_trigger'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  where (c.is_table and c.oid operator(pg_catalog.=) any (select t.oid from tbl t))
     or c.relkind operator(pg_catalog.=) 'v'
  union all
  select c.relnamespace, 'policy', c.relname::pg_catalog.text, po.polname::pg_catalog.text, d.description
  from tbl c
  cross join lateral (select po.oid, po.polname from pg_catalog.pg_policy po
                      where po.polrelid operator(pg_catalog.=) c.oid offset 0) po
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) po.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_policy'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  union all
  select c.relnamespace, 'rule', c.relname::pg_catalog.text, r.rulename::pg_catalog.text, d.description
  from rel c
  cross join lateral (select r.oid, r.rulename from pg_catalog.pg_rewrite r
                      where r.ev_class operator(pg_catalog.=) c.oid
                        and r.rulename operator(pg_catalog.<>) '_RETURN' offset 0) r
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) r.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_rewrite'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  where (c.is_table and c.oid operator(pg_catalog.=) any (select t.oid from tbl t))
     or c.relkind operator(pg_catalog.=) 'v'
  union all
  select x.stxnamespace, 'statistics', x.stxname::pg_catalog.text, null, d.description
  -- the schemas read first (OFFSET 0), then a lookup for each of their objects
  from (select x.oid, x.stxnamespace, x.stxname from pg_catalog.pg_statistic_ext x
        join ns on ns.oid operator(pg_catalog.=) x.stxnamespace offset 0) x
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) x.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  union all
  select co.collnamespace, 'collation', co.collname::pg_catalog.text, null, d.description
  from (select co.oid, co.collnamespace, co.collname from pg_catalog.pg_collation co
        join ns on ns.oid operator(pg_catalog.=) co.collnamespace offset 0) co
  cross join lateral (
    select d.description from pg_catalog.pg_description d
    where d.objoid operator(pg_catalog.=) co.oid
      and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_collation'::pg_catalog.regclass
      and d.objoid operator(pg_catalog.>=) 16384 offset 0) d
  where not exists (select from ext_members e
                    where e.classid operator(pg_catalog.=) 'pg_catalog.pg_collation'::pg_catalog.regclass
                      and e.objid operator(pg_catalog.=) co.oid)
),
-- What is in the schemas that this version does not compare yet, so the caller can say so, with
-- a definition as text where one is cheap to read: the caller compares the two sides' texts, so
-- that a difference among them is reported (and a plan that would build around a table it
-- cannot make is refused), never mistaken for "equal". Texts are deparsed under the same
-- search_path as the rest, so a schema's own names come out unqualified.
ignored as materialized (
  -- base types made with C functions, and shell types (an array type goes with its element)
  select t.typnamespace as nsoid,
         case when t.typtype operator(pg_catalog.=) 'p' then 'shell type' else 'base type' end as kind,
         t.typname::pg_catalog.text as name, null::pg_catalog.text as definition
  from pg_catalog.pg_type t
  join ns on ns.oid operator(pg_catalog.=) t.typnamespace
  where t.typtype operator(pg_catalog.=) any (array['b', 'p']::pg_catalog."char"[])
    and (t.typelem operator(pg_catalog.=) 0
         -- OFFSET 0: looked up per type, never hashed over every type
         or not exists (select from pg_catalog.pg_type et
                        where et.oid operator(pg_catalog.=) t.typelem and et.typarray operator(pg_catalog.=) t.oid
                        offset 0))
    and not exists (
      select from pg_catalog.pg_depend d
      where d.classid operator(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
        and d.objid operator(pg_catalog.=) t.oid
        and d.deptype operator(pg_catalog.=) 'e')
  union all
  -- operators, operator classes and families, conversions and text search objects: named, not
  -- compared; an extension's are neither (one anti-join with what extensions own). Each catalog
  -- joined to the schemas read before its names are made: otherwise every operator of the
  -- database (the built-in ones too) had its name and definition formatted, then dropped
  select o.nsoid, o.kind, o.name, o.definition
  from (
    select 'pg_catalog.pg_operator'::pg_catalog.regclass as classid, o.oid, o.oprnamespace as nsoid, 'operator' as kind,
           pg_catalog.concat(o.oprname, '(', pg_catalog.format_type(o.oprleft, null), ', ',
                             pg_catalog.format_type(o.oprright, null), ')') as name,
           pg_catalog.concat_ws(' ', 'function', o.oprcode::pg_catalog.regprocedure::pg_catalog.text,
                                'commutator', o.oprcom::pg_catalog.regoperator::pg_catalog.text,
                                'negator', o.oprnegate::pg_catalog.regoperator::pg_catalog.text) as definition
    from pg_catalog.pg_operator o
    join ns on ns.oid operator(pg_catalog.=) o.oprnamespace
    union all
    select 'pg_catalog.pg_opclass'::pg_catalog.regclass, c.oid, c.opcnamespace, 'operator class',
           pg_catalog.concat(c.opcname, ' using ', am.amname), null
    from pg_catalog.pg_opclass c join pg_catalog.pg_am am on am.oid operator(pg_catalog.=) c.opcmethod
    join ns on ns.oid operator(pg_catalog.=) c.opcnamespace
    union all
    select 'pg_catalog.pg_opfamily'::pg_catalog.regclass, f.oid, f.opfnamespace, 'operator family',
           pg_catalog.concat(f.opfname, ' using ', am.amname), null
    from pg_catalog.pg_opfamily f join pg_catalog.pg_am am on am.oid operator(pg_catalog.=) f.opfmethod
    join ns on ns.oid operator(pg_catalog.=) f.opfnamespace
    union all
    select 'pg_catalog.pg_conversion'::pg_catalog.regclass, c.oid, c.connamespace, 'conversion', c.conname::pg_catalog.text, null
    from pg_catalog.pg_conversion c
    join ns on ns.oid operator(pg_catalog.=) c.connamespace
    union all
    select 'pg_catalog.pg_ts_config'::pg_catalog.regclass, c.oid, c.cfgnamespace, 'text search configuration',
           c.cfgname::pg_catalog.text, null
    from pg_catalog.pg_ts_config c
    join ns on ns.oid operator(pg_catalog.=) c.cfgnamespace
    union all
    select 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, t.oid, t.dictnamespace, 'text search dictionary',
           t.dictname::pg_catalog.text, null
    from pg_catalog.pg_ts_dict t
    join ns on ns.oid operator(pg_catalog.=) t.dictnamespace
    union all
    select 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, p.oid, p.prsnamespace, 'text search parser',
           p.prsname::pg_catalog.text, null
    from pg_catalog.pg_ts_parser p
    join ns on ns.oid operator(pg_catalog.=) p.prsnamespace
    union all
    select 'pg_catalog.pg_ts_template'::pg_catalog.regclass, t.oid, t.tmplnamespace, 'text search template',
           t.tmplname::pg_catalog.text, null
    from pg_catalog.pg_ts_template t
    join ns on ns.oid operator(pg_catalog.=) t.tmplnamespace) o
  where not exists (select from ext_members e
                    where e.classid operator(pg_catalog.=) o.classid and e.objid operator(pg_catalog.=) o.oid)
  union all
  -- casts (CREATE CAST) from, to or through what the schemas hold: a cast belongs to no
  -- schema, so it is named under the schema of its source type, else of its target type, else
  -- of its function; an extension's are neither
  select x.nsoid, 'cast',
         pg_catalog.concat('(', pg_catalog.format_type(k.castsource, null), ' AS ',
                           pg_catalog.format_type(k.casttarget, null), ')'),
         pg_catalog.concat_ws(' ',
           case k.castmethod when 'f' then pg_catalog.concat('WITH FUNCTION ', k.castfunc::pg_catalog.regprocedure)
                             when 'i' then 'WITH INOUT' else 'WITHOUT FUNCTION' end,
           case k.castcontext when 'i' then 'AS IMPLICIT' when 'a' then 'AS ASSIGNMENT' end)
  from pg_catalog.pg_cast k
  cross join lateral (
    select n.oid as nsoid
    from (select 1 as rank, t.typnamespace as nsoid from pg_catalog.pg_type t
          where t.oid operator(pg_catalog.=) k.castsource
          union all
          select 2, t.typnamespace from pg_catalog.pg_type t
          where t.oid operator(pg_catalog.=) k.casttarget
          union all
          select 3, p.pronamespace from pg_catalog.pg_proc p
          where p.oid operator(pg_catalog.=) k.castfunc) o
    join ns n on n.oid operator(pg_catalog.=) o.nsoid
    order by o.rank limit 1) x
  where not exists (select from ext_members e
                    where e.classid operator(pg_catalog.=) 'pg_catalog.pg_cast'::pg_catalog.regclass
                      and e.objid operator(pg_catalog.=) k.oid)
    -- what initdb made (oids below 16384) lives in the system's schemas, and a schema made since
    -- holds only objects made since: unless a schema read is one of the system's (public is),
    -- the built-in casts need no lookup
    and (k.castsource operator(pg_catalog.>=) 16384 or k.casttarget operator(pg_catalog.>=) 16384
         or k.castfunc operator(pg_catalog.>=) 16384
         or exists (select from ns where ns.oid operator(pg_catalog.<) 16384))
  union all
  -- publications' tables: publications belong to the database, compared between whole
  -- databases ('publications' below), not between two schemas
  select c.relnamespace, 'publication table', pg_catalog.concat(c.relname, ' in ', p.pubname), null
  from pg_catalog.pg_publication_rel pr
  join pg_catalog.pg_publication p on p.oid operator(pg_catalog.=) pr.prpubid
  join rel c on c.oid operator(pg_catalog.=) pr.prrelid
  cross join args
  where args.schemas is not null
  union all
  -- security labels (a provider module such as sepgsql sets them) on what the schemas hold:
  -- named, and their labels compared as text; the name without its schema, as everywhere here
  select sl.objnamespace, 'security label',
         pg_catalog.concat(case when pg_catalog.starts_with(sl.objname, pg_catalog.concat(pg_catalog.quote_ident(n.nspname), '.'))
                                then pg_catalog.substr(sl.objname, pg_catalog.length(pg_catalog.quote_ident(n.nspname)) operator(pg_catalog.+) 2)
                                else sl.objname end,
                           ' (', sl.objtype, ', provider ', sl.provider, ')'),
         sl.label
  from pg_catalog.pg_seclabels sl
  join ns n on n.oid operator(pg_catalog.=) sl.objnamespace
  -- pg_seclabels is a union over every catalog: read only when some object has a label at all
  -- (labels on shared objects, in pg_shseclabel, have no schema)
  where exists (select from pg_catalog.pg_seclabel)
  union all
  -- triggers of relations not compared (none of the table kinds today: kept for what may come)
  select c.relnamespace, 'trigger of a table not compared', pg_catalog.concat(c.relname, '.', tg.tgname),
         pg_catalog.concat(tg.tgenabled, ' ', pg_catalog.pg_get_triggerdef(tg.oid))
  from rel c
  cross join lateral (select tg.oid, tg.tgname, tg.tgenabled from pg_catalog.pg_trigger tg
                      where tg.tgrelid operator(pg_catalog.=) c.oid and not tg.tgisinternal offset 0) tg
  where not c.is_table and c.relkind operator(pg_catalog.<>) 'v'

),
-- Default privileges (pg_default_acl), a document each: of a schema read, or global
-- (defaclnamespace 0, read for a whole database only). Every grantee, the role's own rights
-- included: a global entry replaces acldefault and can take them away, so its base is read
-- too (acldefault spells a sequence 's' where pg_default_acl says 'S').
default_acl_docs as (
  select a.defaclnamespace as nsoid, pg_catalog.pg_get_userbyid(a.defaclrole) as role, a.defaclobjtype,
         pg_catalog.json_build_object(
           'role', pg_catalog.pg_get_userbyid(a.defaclrole),
           'objects', a.defaclobjtype,
           'privileges', g.doc,
           'defaults', case when a.defaclnamespace operator(pg_catalog.=) 0 then d.doc else '[]' end) as doc
  from pg_catalog.pg_default_acl a
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(a.defaclacl)
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)) x) g
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(pg_catalog.acldefault(
                 case when a.defaclobjtype operator(pg_catalog.=) 'S' then 's'::pg_catalog."char"
                      else a.defaclobjtype end, a.defaclrole))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)) x) d
  where a.defaclnamespace operator(pg_catalog.=) 0
     or exists (select from ns where ns.oid operator(pg_catalog.=) a.defaclnamespace)
),
schema_docs as (
  select ns.nspname, pg_catalog.json_build_object(
    'name', ns.nspname,
    'owner', pg_catalog.pg_get_userbyid(ns.nspowner),
    'privileges', g.doc,
    'default_privileges', coalesce(da.docs, '[]'),
    'tables', coalesce(t.docs, '[]'),
    'constraints', coalesce(k.docs, '[]'),
    'indexes', coalesce(i.docs, '[]'),
    'policies', coalesce(po.docs, '[]'),
    'sequences', coalesce(s.docs, '[]'),
    'views', coalesce(v.docs, '[]'),
    'routines', coalesce(r.docs, '[]'),
    'types', coalesce(ty.docs, '[]'),
    'triggers', coalesce(tr.docs, '[]'),
    'collations', coalesce(co.docs, '[]'),
    'comments', coalesce(cm.docs, '[]'),
    'statistics', coalesce(sx.docs, '[]'),
    'rules', coalesce(ru.docs, '[]'),
    -- the schema's own (compared between whole databases)
    'comment', (select d.description from pg_catalog.pg_description d
                where d.objoid operator(pg_catalog.=) ns.oid
                  and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass),
    'dependencies', coalesce(dp.docs, '[]'),
    'ignored', coalesce(ig.docs, '[]')) as doc
  from ns
  cross join lateral (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
             'grantee', x.grantee, 'privilege', x.privilege, 'grantable', x.grantable)
             order by x.position), '[]') as doc
    from (select (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee) as grantee,
                 acl.privilege_type as privilege, acl.is_grantable as grantable, acl.position
          from pg_catalog.aclexplode(coalesce(ns.nspacl, pg_catalog.acldefault('n', ns.nspowner)))
                 with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
          where acl.grantee operator(pg_catalog.<>) ns.nspowner) x) g
  -- each kind aggregated once, grouped by schema, and joined to its schema: a lookup per schema
  -- would scan the kind's whole CTE once for every schema read
  left join (select d.nsoid, pg_catalog.json_agg(d.doc order by d.role, d.defaclobjtype) as docs
             from default_acl_docs d group by d.nsoid) da on da.nsoid operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname) as docs
             from table_docs d group by d.relnamespace) t on t.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname, d.conname) as docs
             from constraint_docs d group by d.relnamespace) k on k.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname) as docs
             from index_docs d group by d.relnamespace) i on i.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname) as docs
             from sequence_docs d group by d.relnamespace) s on s.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname, d.polname) as docs
             from policy_docs d group by d.relnamespace) po on po.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname) as docs
             from view_docs d group by d.relnamespace) v on v.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.pronamespace, pg_catalog.json_agg(d.doc order by d.identity) as docs
             from routine_docs d group by d.pronamespace) r on r.pronamespace operator(pg_catalog.=) ns.oid
  left join (select d.nsoid, pg_catalog.json_agg(pg_catalog.json_build_object(
                      'kind', d.kind, 'name', d.name, 'part', d.part, 'text', d.text)
                      order by d.kind, d.name, d.part) as docs
             from comment_docs d group by d.nsoid) cm on cm.nsoid operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname, d.rulename) as docs
             from rule_docs d group by d.relnamespace) ru on ru.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.stxname) as docs
             from statistics_docs d group by d.relnamespace) sx on sx.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.collnamespace, pg_catalog.json_agg(d.doc order by d.collname) as docs
             from collation_docs d group by d.collnamespace) co on co.collnamespace operator(pg_catalog.=) ns.oid
  left join (select d.relnamespace, pg_catalog.json_agg(d.doc order by d.relname, d.tgname) as docs
             from trigger_docs d group by d.relnamespace) tr on tr.relnamespace operator(pg_catalog.=) ns.oid
  left join (select d.typnamespace, pg_catalog.json_agg(d.doc order by d.typname) as docs
             from type_docs d group by d.typnamespace) ty on ty.typnamespace operator(pg_catalog.=) ns.oid
  left join (select d.nsoid, pg_catalog.json_agg(pg_catalog.json_build_object(
                      'object', pg_catalog.json_build_object('kind', d.kind, 'name', d.name, 'part', d.part),
                      'on', pg_catalog.json_build_object('kind', d.on_kind, 'schema', d.on_schema,
                                                         'name', d.on_name, 'part', d.on_part))
                      order by d.kind, d.name, d.part, d.on_kind, d.on_schema, d.on_name, d.on_part) as docs
             from (select distinct * from dependency_docs) d group by d.nsoid) dp on dp.nsoid operator(pg_catalog.=) ns.oid
  left join (select o.nsoid, pg_catalog.json_agg(pg_catalog.json_build_object('kind', o.kind, 'name', o.name,
                                                                            'definition', o.definition)
                                                  order by o.kind, o.name) as docs
             from ignored o group by o.nsoid) ig on ig.nsoid operator(pg_catalog.=) ns.oid
)
-- One row for the database (its version and extensions), then one row per schema, in name
-- order: no value holds more than one schema, so a database of many schemas stays under
-- PostgreSQL's 1 GB limit on a value, and the reader decodes it a schema at a time.
select x.doc
from (
  select 0 as part, ''::pg_catalog.name as nspname, pg_catalog.json_build_object(
    'server_version_num', pg_catalog.current_setting('server_version_num')::pg_catalog.int4,
    -- casts that only relabel a value: a column's type change along one rewrites nothing
    'binary_coercible', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_array(
               pg_catalog.format_type(k.castsource, null), pg_catalog.format_type(k.casttarget, null))
               order by k.castsource, k.casttarget)
      from pg_catalog.pg_cast k
      where k.castmethod operator(pg_catalog.=) 'b'), '[]'),
    -- extensions, less this one: the tool is never part of the diff
    'extensions', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'name', e.extname, 'schema', en.nspname, 'version', e.extversion,
               'comment', (select d.description from pg_catalog.pg_description d
                           where d.objoid operator(pg_catalog.=) e.oid
                             and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass))
               order by e.extname)
      from pg_catalog.pg_extension e
      join pg_catalog.pg_namespace en on en.oid operator(pg_catalog.=) e.extnamespace
      where e.extname operator(pg_catalog.<>) 'migra'), '[]'),
    -- global default privileges: compared between whole databases, so read for one only
    'default_privileges', coalesce((
      select pg_catalog.json_agg(d.doc order by d.role, d.defaclobjtype)
      from default_acl_docs d, args
      where d.nsoid operator(pg_catalog.=) 0 and args.schemas is null), '[]'),
    -- event triggers, less an extension's: compared between whole databases
    'event_triggers', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'name', et.evtname,
               'event', et.evtevent,
               'tags', et.evttags,
               'function_schema', pn.nspname,
               'function', pg_catalog.concat(pg_catalog.quote_ident(p.proname), '()'),
               -- O: enabled, D: disabled, R: ENABLE REPLICA, A: ENABLE ALWAYS
               'enabled', et.evtenabled) order by et.evtname)
      from pg_catalog.pg_event_trigger et
      join pg_catalog.pg_proc p on p.oid operator(pg_catalog.=) et.evtfoid
      join pg_catalog.pg_namespace pn on pn.oid operator(pg_catalog.=) p.pronamespace
      where not exists (
        select from pg_catalog.pg_depend d
        where d.classid operator(pg_catalog.=) 'pg_catalog.pg_event_trigger'::pg_catalog.regclass
          and d.objid operator(pg_catalog.=) et.oid and d.deptype operator(pg_catalog.=) 'e')), '[]'),
    -- publications, less an extension's: compared between whole databases, so read for one
    -- only. Column lists, row filters and FOR TABLES IN SCHEMA came in PostgreSQL 15: the
    -- parts in double braces read them there and nothing before (catalog::query_for), as
    -- publish_generated_columns from 18 on. A
    -- column list by name, in name order: a set, whatever the columns' numbers on either side.
    'publications', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'name', p.pubname,
               'owner', pg_catalog.pg_get_userbyid(p.pubowner),
               'all_tables', p.puballtables,
               'insert', p.pubinsert,
               'update', p.pubupdate,
               'delete', p.pubdelete,
               'truncate', p.pubtruncate,
               'via_root', p.pubviaroot,
               'generated_columns', {{180000 p.pubgencols | null}},
               'tables', coalesce((
                 select pg_catalog.json_agg(pg_catalog.json_build_object(
                          'schema', rn.nspname,
                          'name', rc.relname,
                          'columns', {{150000 (select pg_catalog.json_agg(a.attname order by a.attname) from pg_catalog.pg_attribute a where a.attrelid operator(pg_catalog.=) pr.prrelid and a.attnum operator(pg_catalog.=) any (pr.prattrs)) | null}},
                          'row_filter', {{150000 pg_catalog.pg_get_expr(pr.prqual, pr.prrelid) | null}})
                          order by rn.nspname, rc.relname)
                 from pg_catalog.pg_publication_rel pr
                 join pg_catalog.pg_class rc on rc.oid operator(pg_catalog.=) pr.prrelid
                 join pg_catalog.pg_namespace rn on rn.oid operator(pg_catalog.=) rc.relnamespace
                 where pr.prpubid operator(pg_catalog.=) p.oid), '[]'),
               'schemas', {{150000 coalesce((select pg_catalog.json_agg(sn.nspname order by sn.nspname) from pg_catalog.pg_publication_namespace pn join pg_catalog.pg_namespace sn on sn.oid operator(pg_catalog.=) pn.pnnspid where pn.pnpubid operator(pg_catalog.=) p.oid), '[]') | '[]'::pg_catalog.json}},
               'comment', (select d.description from pg_catalog.pg_description d
                           where d.objoid operator(pg_catalog.=) p.oid
                             and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_publication'::pg_catalog.regclass))
               order by p.pubname)
      from pg_catalog.pg_publication p, args
      where args.schemas is null
        and not exists (
          select from ext_members e
          where e.classid operator(pg_catalog.=) 'pg_catalog.pg_publication'::pg_catalog.regclass
            and e.objid operator(pg_catalog.=) p.oid)), '[]'),
    -- Foreign-data wrappers, servers and user mappings: the database's, compared between whole
    -- databases, so read for one only. Options whose name says they hold a secret
    -- (secret_rule) give their name alone: their value is never read, so it is in no snapshot,
    -- plan or error.
    'foreign_data_wrappers', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'name', w.fdwname,
               'handler', (select pg_catalog.json_build_object(
                        'schema', fn.nspname, 'name', fp.proname,
                        'identity', pg_catalog.concat(pg_catalog.quote_ident(fp.proname), '(',
                                                      pg_catalog.oidvectortypes(fp.proargtypes), ')'))
                      from pg_catalog.pg_proc fp
                      join pg_catalog.pg_namespace fn on fn.oid operator(pg_catalog.=) fp.pronamespace
                      where fp.oid operator(pg_catalog.=) w.fdwhandler),
               'validator', (select pg_catalog.json_build_object(
                        'schema', fn.nspname, 'name', fp.proname,
                        'identity', pg_catalog.concat(pg_catalog.quote_ident(fp.proname), '(',
                                                      pg_catalog.oidvectortypes(fp.proargtypes), ')'))
                      from pg_catalog.pg_proc fp
                      join pg_catalog.pg_namespace fn on fn.oid operator(pg_catalog.=) fp.pronamespace
                      where fp.oid operator(pg_catalog.=) w.fdwvalidator),
               'options', coalesce((
               select pg_catalog.json_agg(o.x order by o.i)
               from pg_catalog.unnest(w.fdwoptions) with ordinality o(x, i), secret_rule r
               where not (pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                          and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret))), '[]'),
             'secret_options', coalesce((
               select pg_catalog.json_agg(pg_catalog.split_part(o.x, '=', 1) order by o.i)
               from pg_catalog.unnest(w.fdwoptions) with ordinality o(x, i), secret_rule r
               where pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                 and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret)), '[]'),
               'owner', pg_catalog.pg_get_userbyid(w.fdwowner),
               -- grants to others than the owner, as a schema's
               'privileges', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'grantee', (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee),
                 'privilege', acl.privilege_type, 'grantable', acl.is_grantable) order by acl.position), '[]')
                 from pg_catalog.aclexplode(coalesce(w.fdwacl, pg_catalog.acldefault('F', w.fdwowner)))
                        with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
                 where acl.grantee operator(pg_catalog.<>) w.fdwowner),
               'comment', (select d.description from pg_catalog.pg_description d
                           where d.objoid operator(pg_catalog.=) w.oid
                             and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass))
               order by w.fdwname)
      from pg_catalog.pg_foreign_data_wrapper w, args
      where args.schemas is null
        -- postgres_fdw's own wrapper is the extension's
        and not exists (
          select from ext_members e
          where e.classid operator(pg_catalog.=) 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass
            and e.objid operator(pg_catalog.=) w.oid)), '[]'),
    'servers', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'name', fs.srvname,
               'wrapper', w.fdwname,
               'wrapper_extension', (select x.extname from ext_members e
                                     join pg_catalog.pg_depend d
                                       on d.classid operator(pg_catalog.=) e.classid and d.objid operator(pg_catalog.=) e.objid
                                     join pg_catalog.pg_extension x on x.oid operator(pg_catalog.=) d.refobjid
                                     where e.classid operator(pg_catalog.=) 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass
                                       and e.objid operator(pg_catalog.=) w.oid
                                       and d.refclassid operator(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
                                       and d.deptype operator(pg_catalog.=) 'e'
                                     limit 1),
               'type', fs.srvtype,
               'version', fs.srvversion,
               'options', coalesce((
               select pg_catalog.json_agg(o.x order by o.i)
               from pg_catalog.unnest(fs.srvoptions) with ordinality o(x, i), secret_rule r
               where not (pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                          and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret))), '[]'),
             'secret_options', coalesce((
               select pg_catalog.json_agg(pg_catalog.split_part(o.x, '=', 1) order by o.i)
               from pg_catalog.unnest(fs.srvoptions) with ordinality o(x, i), secret_rule r
               where pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                 and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret)), '[]'),
               'owner', pg_catalog.pg_get_userbyid(fs.srvowner),
               -- grants to others than the owner, as a schema's
               'privileges', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'grantee', (select g.doc from grantees g where g.oid operator(pg_catalog.=) acl.grantee),
                 'privilege', acl.privilege_type, 'grantable', acl.is_grantable) order by acl.position), '[]')
                 from pg_catalog.aclexplode(coalesce(fs.srvacl, pg_catalog.acldefault('S', fs.srvowner)))
                        with ordinality as acl(grantor, grantee, privilege_type, is_grantable, position)
                 where acl.grantee operator(pg_catalog.<>) fs.srvowner),
               'comment', (select d.description from pg_catalog.pg_description d
                           where d.objoid operator(pg_catalog.=) fs.oid
                             and d.classoid operator(pg_catalog.=) 'pg_catalog.pg_foreign_server'::pg_catalog.regclass))
               order by fs.srvname)
      from pg_catalog.pg_foreign_server fs
      join pg_catalog.pg_foreign_data_wrapper w on w.oid operator(pg_catalog.=) fs.srvfdw, args
      where args.schemas is null
        and not exists (
          select from ext_members e
          where e.classid operator(pg_catalog.=) 'pg_catalog.pg_foreign_server'::pg_catalog.regclass
            and e.objid operator(pg_catalog.=) fs.oid)), '[]'),
    -- pg_user_mappings rather than pg_user_mapping, which only a superuser may read: the view
    -- shows the options to a superuser and to a server's owner for their own role (NULL
    -- otherwise, read as none)
    'user_mappings', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
               'server', um.srvname,
               'user', (select g.doc from grantees g where g.oid operator(pg_catalog.=) um.umuser),
               'options', coalesce((
               select pg_catalog.json_agg(o.x order by o.i)
               from pg_catalog.unnest(um.umoptions) with ordinality o(x, i), secret_rule r
               where not (pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                          and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret))), '[]'),
             'secret_options', coalesce((
               select pg_catalog.json_agg(pg_catalog.split_part(o.x, '=', 1) order by o.i)
               from pg_catalog.unnest(um.umoptions) with ordinality o(x, i), secret_rule r
               where pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.~) r.pattern
                 and pg_catalog.lower(pg_catalog.split_part(o.x, '=', 1)) operator(pg_catalog.<>) all (r.not_secret)), '[]'))
               order by um.srvname, um.umuser operator(pg_catalog.<>) 0, um.usename)
      from pg_catalog.pg_user_mappings um, args
      where args.schemas is null
        and not exists (
          select from ext_members e
          where e.classid operator(pg_catalog.=) 'pg_catalog.pg_foreign_server'::pg_catalog.regclass
            and e.objid operator(pg_catalog.=) um.srvid)), '[]')) as doc
  union all
  select 1, d.nspname, d.doc from schema_docs d
) x
order by x.part, x.nspname
