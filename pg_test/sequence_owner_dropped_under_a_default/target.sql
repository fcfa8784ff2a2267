create table owner_table (id integer);
create table consumer (n bigint, doubled bigint generated always as (n * 2) stored);
