create table t (id integer, a text, b integer, constraint t_pkey primary key (id) deferrable);
create view v as select id, a, max(b) from t group by id, a;
