do $$ begin if not exists (select from pg_roles where rolname = 'migra_reader') then create role migra_reader; end if; end $$;
create table sales (id integer, region text, amount numeric);
create materialized view totals with (fillfactor = 90) as select region, sum(amount) as total, count(*) as n from sales group by region;
create unique index totals_region on totals (region);
create index totals_total on totals (total desc);
grant select on totals to migra_reader;
