create table docs (id integer, owner text);
alter table docs enable row level security;
alter table docs force row level security;
create policy mine on docs using (owner = current_user);
