-- events changes partition key (range by day to list by customer) and log becomes partitioned:
-- both are made again, with their partitions, index, foreign key, comment and the view and
-- sequence that hang on them; events gets back its grant (grants are not compared here, but a
-- table made again keeps what it had).
create table customers (id int primary key);

create table events (
    id int not null,
    at date not null,
    customer int references customers,
    note text
) partition by range (at);
create index events_at on events (at);
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');
comment on table events is 'events by day';
grant select on events to public;
grant update (note) on events_2025 to public;

create view recent as select id, at from events where at > '2026-01-01';

create table log (id bigserial primary key, msg text);
