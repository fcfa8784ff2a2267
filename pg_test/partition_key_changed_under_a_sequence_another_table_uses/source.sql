-- events becomes partitioned (made again); its serial's sequence is also the default of
-- another table: the sequence is released before the DROP TABLE, owned again by the new
-- table's column, and keeps its value. Found by fuzz.py (seed 3, pair 26).
create table events (id serial primary key, at date not null, note text);
create table archive (id integer default nextval('events_id_seq') not null, note text);
select nextval('events_id_seq') from generate_series(1, 5);
