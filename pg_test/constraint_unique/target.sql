-- UNIQUE constraints: added, dropped, NULLS NOT DISTINCT, multi-column, and one changed.
create table users (
    id integer primary key,
    email text,
    username text,
    tenant_id integer,
    slug text,
    phone text,
    constraint users_email_key unique nulls not distinct (email),
    constraint users_tenant_slug_key unique (tenant_id, slug),
    constraint users_phone_key unique (tenant_id, phone)
);
