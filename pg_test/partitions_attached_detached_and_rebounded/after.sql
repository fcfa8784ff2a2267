-- the rows stay: Europe's and the US's under the parent, Asia's in the detached table, Latin
-- America's now under the parent too; the partition keeps its own default, the others take
-- the parent's new one
select (select array_agg(id order by id)::text from orders) = '{1,2,4}'
   and (select array_agg(id)::text from orders_asia) = '{3}'
   and (select array_agg(tableoid::regclass::text order by id)::text from orders)
       = '{orders_eu,orders_us,orders_latam}'
   and (select pg_get_expr(adbin, adrelid) from pg_attrdef
        where adrelid = 'orders_legacy'::regclass and adnum = 4) = '''old''::text'
   and (select pg_get_expr(adbin, adrelid) from pg_attrdef
        where adrelid = 'orders_eu'::regclass and adnum = 4) = '''open''::text';
