-- Indexes created (unique, partial, expression, INCLUDE, text_pattern_ops, DESC NULLS FIRST, hash, gin, brin, fillfactor) and one dropped.
create table events (
    id integer primary key,
    name text not null,
    email text,
    status text,
    score integer,
    payload jsonb,
    tags int[],
    happened_at timestamp,
    code text
);

create index events_old_status_idx on events (status);
