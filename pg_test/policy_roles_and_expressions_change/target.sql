do $$ begin if not exists (select from pg_roles where rolname = 'migra_tenant') then create role migra_tenant; end if; end $$;

create table items (id integer, tenant integer, public boolean);
alter table items enable row level security;
create policy by_tenant on items to public, migra_tenant using (tenant = 2) with check (tenant = 2);
create policy readable on items for select using (public or tenant = 0);
