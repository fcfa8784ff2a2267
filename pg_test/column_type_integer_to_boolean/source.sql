-- a flag kept as 0 or 1, with a default, a CHECK and a partial index that read it as a number
create table accounts (id integer primary key, email text not null, active integer not null default 1 check (active in (0, 1)));
create index accounts_active_email on accounts (email) where active = 1;
insert into accounts values (1, 'a@example.com', 1), (2, 'b@example.com', 0);
