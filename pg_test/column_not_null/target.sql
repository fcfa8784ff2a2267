-- NOT NULL set on some columns and dropped on others.
create table accounts (
    id integer primary key,
    becomes_required text not null,
    becomes_optional text,
    stays_required integer not null,
    stays_optional integer,
    required_with_default boolean not null default false
);
