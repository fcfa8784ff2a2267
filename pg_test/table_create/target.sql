-- Target adds a table with many column types, defaults and NOT NULL; an existing table is kept.
create table existing (
    id integer primary key
);

create table everything (
    id integer not null,
    big bigint not null default 0,
    small smallint,
    amount numeric(10,2) not null default 0.00,
    ratio double precision,
    body text,
    code varchar(50) not null default 'none',
    fixed char(3),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    day date default current_date,
    payload jsonb not null default '{}'::jsonb,
    external_id uuid,
    scores int[] default '{}',
    tags text[] not null default array[]::text[],
    matrix integer[][],
    raw bytea,
    primary key (id)
);
