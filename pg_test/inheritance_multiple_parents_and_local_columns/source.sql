-- Inheritance: a new child of two parents with a column of its own and one merged with a
-- parent's; a kept child whose parent gains a column and loses one (the child keeps its own
-- copy of the lost one, with its rows), a parent's type and default change reaching it, and a
-- child that stops inheriting and one that starts.
create table stamped (created_at timestamp default now(), note text, e integer);
create table owned (owner_id integer not null default 0);

create table documents (title text not null, pages smallint) inherits (stamped);
create table loose (created_at timestamp default now(), note text, e integer, extra text);
create table leaving (created_at timestamp default now(), note text, e integer) inherits (stamped);
alter table leaving no inherit stamped;
alter table leaving inherit stamped;

insert into documents (title, pages, e) values ('a', 1, 10), ('b', 2, 20);
