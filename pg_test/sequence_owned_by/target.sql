-- Sequence ownership: serial columns, OWNED BY moving to another column, becoming OWNED BY NONE, and a dropped table whose serial sequence survives.
create table tickets (
    id serial primary key,
    big_id bigserial,
    alt_no integer,
    alt_no2 integer
);

create sequence moving_seq owned by tickets.alt_no2;

create sequence disowned_seq owned by none;

create sequence retired_id_seq as integer;

create table gains_serial (
    id integer not null
);

create sequence adopted_seq owned by gains_serial.id;

create table new_serial_table (
    id smallserial primary key,
    ref bigserial not null
);
