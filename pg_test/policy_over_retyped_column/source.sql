create table items (id integer, tenant integer);
alter table items enable row level security;
create policy by_tenant on items using (tenant > 0);
