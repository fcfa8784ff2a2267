create table data (id integer, name text);
create view q as select * from data;
