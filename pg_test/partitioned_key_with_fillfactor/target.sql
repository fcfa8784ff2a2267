create table t (id integer, a integer, constraint t_pkey primary key (id, a) with (fillfactor=70))
    partition by range (a);
create table t1 partition of t for values from (0) to (10);
create table u (id integer, k integer, constraint u_k unique (k, id) with (fillfactor=80) deferrable)
    partition by list (id);
create table u1 partition of u for values in (1, 2);
