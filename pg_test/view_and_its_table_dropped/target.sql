create table kept (id integer);
