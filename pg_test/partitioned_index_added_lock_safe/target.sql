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
create table readings_2027 partition of readings for values from ('2027-01-01') to ('2028-01-01');
create index readings_at_value on readings (at, value) where value is not null;
