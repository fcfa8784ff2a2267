create function tenant_of(u text) returns integer language sql stable return length(u);
create table items (id integer, tenant integer);
alter table items enable row level security;
create policy by_tenant on items using (tenant = tenant_of(current_user));
