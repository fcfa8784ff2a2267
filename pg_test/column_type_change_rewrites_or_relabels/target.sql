-- Type changes that PostgreSQL makes by relabelling (no table rewrite) and ones that convert
-- every value (the table is written out again): the row says which, and the runner checks it
-- against the table's relfilenode.
create domain plain_text as text;
create domain short_text as text check (length(value) < 100);
create table conversions (
    widened varchar(20),          -- longer: relabelled
    unbounded text,               -- binary-coercible, no length: relabelled
    bounded varchar,              -- binary-coercible, no length: relabelled
    narrowed varchar(10),         -- shorter: every value checked, rewritten
    limited varchar(10),          -- a length where there was none: rewritten
    more_digits numeric(12,2),    -- same scale, more digits: relabelled
    more_scale numeric(12,4),     -- another scale: rewritten
    finer timestamp(6),           -- more fractional digits: relabelled
    coarser timestamp(0),         -- fewer: rounded, rewritten
    wider bigint,                 -- another representation: rewritten
    network inet,                 -- binary-coercible: relabelled
    collated text collate "C",    -- only the collation: relabelled
    labels text[],                -- an array of another element type: rewritten
    in_plain_domain plain_text,   -- a domain without constraints
    in_checked_domain short_text  -- a domain with a CHECK: every value checked, rewritten
);
