-- a flag kept as a count of logins: the caller's expression says what "active" means
create table accounts (id integer primary key, email text not null, active integer not null default 1 check (active >= 0));
create index accounts_active_email on accounts (email) where active > 0;
insert into accounts values (1, 'a@example.com', 7), (2, 'b@example.com', 0), (3, 'c@example.com', 1);
