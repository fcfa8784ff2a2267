-- A primary-key column and the FK column referencing it are both widened integer -> bigint; the FK and PK definitions are otherwise unchanged.
create table accounts (
    id bigint primary key,
    name text
);

create table transfers (
    id integer primary key,
    from_account bigint not null references accounts (id),
    to_account bigint not null references accounts (id) on delete cascade,
    amount numeric(12,2) not null
);

create index transfers_from_idx on transfers (from_account);
