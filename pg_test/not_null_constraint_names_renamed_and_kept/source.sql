-- PostgreSQL 18 names a column's NOT NULL: a name changed, one kept, NOT NULL set under a name
-- of its own; a table attached as a partition and one detached from it.
create table accounts (
    id integer not null,
    renamed text constraint "old name" not null,
    kept text constraint kept_name not null,
    becomes_named integer not null,
    becomes_required integer
);

create table events (at date not null, kind text not null) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
-- attached by the plan: created alone, its names are its own
create table events_2025 (at date not null, kind text not null);
-- detached by the plan: created under the parent, its names are the parent's
create table events_2023 partition of events for values from ('2023-01-01') to ('2024-01-01');
