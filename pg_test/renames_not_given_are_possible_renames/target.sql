create table customers (id integer primary key, name text);
create table events_log (id bigint, at timestamptz, note text);
