create table events (id integer primary key, name text not null, at timestamp without time zone);
create index events_at on events (at);
