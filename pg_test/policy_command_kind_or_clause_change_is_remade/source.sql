create table items (id integer, tenant integer);
alter table items enable row level security;
create policy p1 on items for select using (tenant = 1);
create policy p2 on items using (tenant = 1) with check (tenant = 1);
create policy p3 on items as permissive using (true);
