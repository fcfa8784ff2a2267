-- Target adds a range-partitioned table: partitions by year, a default partition, one
-- partition sub-partitioned by list; a primary key and an index on the parent reach every
-- partition, a partition has a default and an index of its own.
create table existing (id integer primary key);

create table measurements (
    city_id integer not null,
    logged_on date not null,
    peak integer,
    note text default 'none',
    primary key (city_id, logged_on)
) partition by range (logged_on);

create table measurements_2023 partition of measurements
    for values from ('2023-01-01') to ('2024-01-01');
create table measurements_2024 partition of measurements (note default 'fresh')
    for values from ('2024-01-01') to ('2025-01-01')
    partition by list (city_id);
create table measurements_2024_north partition of measurements_2024 for values in (1, 2, 3);
create table measurements_2024_rest partition of measurements_2024 default;
create table measurements_other partition of measurements default;

create index measurements_peak on measurements (peak);
create index measurements_2023_note on measurements_2023 (note);
