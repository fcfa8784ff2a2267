-- PRIMARY KEY / UNIQUE constraints with index storage parameters WITH (fillfactor=..): added and changed.
create table ledger (
    id integer not null,
    ref text,
    alt text,
    constraint ledger_pkey primary key (id),
    constraint ledger_alt_key unique (alt) with (fillfactor = 90)
);

create table journal (
    id integer not null,
    code text,
    constraint journal_pkey primary key (id) with (fillfactor = 80)
);
