-- PRIMARY KEY / UNIQUE constraints with index storage parameters WITH (fillfactor=..): added and changed.
create table ledger (
    id integer not null,
    ref text,
    alt text,
    constraint ledger_pkey primary key (id) with (fillfactor = 70),
    constraint ledger_ref_key unique (ref) with (fillfactor = 70),
    constraint ledger_alt_key unique (alt) with (fillfactor = 60)
);

create table journal (
    id integer not null,
    code text,
    constraint journal_pkey primary key (id) with (fillfactor = 80),
    constraint journal_code_key unique (code) with (fillfactor = 70)
);
