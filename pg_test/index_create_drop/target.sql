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

create unique index events_email_uidx on events (email);
create index events_active_idx on events (happened_at) where status = 'active';
create index events_lower_name_idx on events (lower(name));
create index events_score_include_idx on events (score) include (name, status);
create index events_code_pattern_idx on events (code text_pattern_ops);
create index events_score_desc_idx on events (score desc nulls first, id);
create index events_code_hash_idx on events using hash (code);
create index events_payload_gin_idx on events using gin (payload jsonb_path_ops);
create index events_tags_gin_idx on events using gin (tags);
create index events_happened_brin_idx on events using brin (happened_at);
create index events_name_ff_idx on events (name) with (fillfactor = 50);
