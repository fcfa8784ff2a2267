create table unrelated (id integer);
