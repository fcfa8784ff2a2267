-- A lock-safe plan adds an index to a partitioned table in use without blocking writes for a
-- build: ON ONLY the parent, then each partition's own concurrently (a sub-partitioned one ON
-- ONLY in turn), each attached to its parent's; a new partition gets its own plainly.
create table readings (
    sensor int not null,
    at date not null,
    value numeric
) partition by range (at);
create index readings_sensor on readings (sensor);
create table readings_2025 partition of readings for values from ('2025-01-01') to ('2026-01-01');
create table readings_2026 partition of readings for values from ('2026-01-01') to ('2027-01-01')
    partition by list (sensor);
create table readings_2026_low partition of readings_2026 for values in (1, 2, 3);
create table readings_2026_rest partition of readings_2026 default;
insert into readings values (1, '2025-03-01', 1.5), (2, '2026-04-01', 2.5), (9, '2026-05-01', 3.5);
