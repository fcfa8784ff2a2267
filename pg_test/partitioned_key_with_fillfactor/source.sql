-- A primary key with a fillfactor on a table that becomes partitioned (and a new partitioned
-- table's UNIQUE with one, deferrable): ALTER INDEX cannot set a partitioned index's storage
-- parameters, so the key's own statement says WITH (...). Found by fuzz.py (seed 3, pair 35).
create table t (id integer, a integer, constraint t_pkey primary key (id) with (fillfactor=70));
