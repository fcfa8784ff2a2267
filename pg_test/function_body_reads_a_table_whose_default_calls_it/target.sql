-- A SQL function whose body reads a table whose default calls the function: each needs the
-- other, so the function is made first with its body unchecked (check_function_bodies off),
-- as pg_dump does.
set check_function_bodies = false;
create function next_ticket() returns integer language sql
  as 'select coalesce(max(ticket), 0) + 1 from tickets';
reset check_function_bodies;
create table notes (id integer primary key, body text);
create table tickets (ticket integer primary key default next_ticket(), title text not null);
