create table docs (id integer, owner text);
