-- Indexes on a stored generated column whose expression changes (and on a column retyped int -> bigint) while the indexes themselves stay the same.
create table measurements (
    id integer primary key,
    celsius numeric not null,
    fahrenheit numeric generated always as (round(celsius * 9 / 5 + 32, 1)) stored,
    sensor_no bigint
);

create index measurements_fahrenheit_idx on measurements (fahrenheit);
create index measurements_hot_idx on measurements (id) where fahrenheit > 100;
create index measurements_sensor_idx on measurements (sensor_no, fahrenheit);
