-- PostgreSQL 18 names a column's NOT NULL: a name changed, one kept, NOT NULL set under a name
-- of its own; a table attached as a partition and one detached from it.
create table accounts (
    id integer not null,
    renamed text constraint "new name" not null,
    kept text constraint kept_name not null,
    becomes_named integer constraint "accounts' id" not null,
    becomes_required integer constraint required not null,
    added text constraint "added's" not null default ''
);

-- a new table: one name of its own, one PostgreSQL's
create table ledger (
    id integer constraint ledger_id_required not null,
    note text not null
);

create table events (at date not null, kind text not null) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
-- detached: PostgreSQL's names for it alone
create table events_2023 (at date not null, kind text not null);
-- a new partition that was attached with names of its own
create table events_2026 (at date constraint events_2026_at_required not null, kind text not null);
alter table events attach partition events_2026 for values from ('2026-01-01') to ('2027-01-01');
