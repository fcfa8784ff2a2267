do $$ begin if not exists (select from pg_roles where rolname = 'migra_tenant') then create role migra_tenant; end if; end $$;

create table accounts (id integer, owner text, amount integer);
alter table accounts enable row level security;
alter table accounts force row level security;
create policy own_rows on accounts using (owner = current_user);
create policy "No negative; ever" on accounts as restrictive for insert to migra_tenant with check (amount >= 0);
create table fresh (id integer, tenant integer);
alter table fresh enable row level security;
create policy tenant_rows on fresh for select to public, migra_tenant using (tenant = 1);
