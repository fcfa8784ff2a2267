-- ADD COLUMN writes the table out again only when each row gets a value of its own: a volatile
-- default, an identity, a stored generated column. A constant or stable default is stored once.
create table events (id integer);
insert into events values (1), (2);
