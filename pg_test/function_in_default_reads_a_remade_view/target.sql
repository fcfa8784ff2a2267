create table events (id integer, kind bigint);
create view event_kinds as select kind from events;
create function kinds_seen() returns integer language sql stable
  begin atomic select count(*)::integer from event_kinds; end;
create table stats (id integer, seen integer default kinds_seen());
