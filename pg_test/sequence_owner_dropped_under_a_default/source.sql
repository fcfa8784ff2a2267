create table owner_table (id integer, legacy integer);
create sequence legacy_seq owned by owner_table.legacy;
create table consumer (n integer default nextval('legacy_seq'), doubled integer generated always as (n * 2) stored);
