-- Inheritance: a new child of two parents with a column of its own and one merged with a
-- parent's; a kept child whose parent gains a column and loses one (the child keeps its own
-- copy of the lost one, with its rows), a parent's type and default change reaching it, and a
-- child that stops inheriting and one that starts.
create table stamped (created_at timestamptz default clock_timestamp(), note varchar(200), tag text);
create table owned (owner_id integer not null default 0);

create table documents (title text not null, pages smallint, e integer) inherits (stamped);
create table loose (created_at timestamptz default clock_timestamp(), note varchar(200), tag text, extra text) inherits (stamped);
create table leaving (created_at timestamptz default clock_timestamp(), note varchar(200), tag text, e integer);

create table invoices (
    amount numeric(12, 2) not null,
    owner_id integer not null default 1,
    note varchar(200) default 'invoice'
) inherits (stamped, owned);
