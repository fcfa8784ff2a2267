create table accounts (id integer primary key, email text not null, active boolean not null default true);
create index accounts_active_email on accounts (email) where active;
