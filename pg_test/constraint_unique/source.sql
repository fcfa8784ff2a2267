-- UNIQUE constraints: added, dropped, NULLS NOT DISTINCT, multi-column, and one changed.
create table users (
    id integer primary key,
    email text,
    username text,
    tenant_id integer,
    slug text,
    phone text,
    constraint users_username_key unique (username),
    constraint users_phone_key unique (phone)
);
