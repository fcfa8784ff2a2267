create sequence events_id_seq as integer;
create table events (
    id integer default nextval('events_id_seq') not null,
    at date not null,
    note text,
    primary key (id, at)
) partition by range (at);
alter sequence events_id_seq owned by events.id;
create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');
create table archive (id integer default nextval('events_id_seq') not null, note text);
