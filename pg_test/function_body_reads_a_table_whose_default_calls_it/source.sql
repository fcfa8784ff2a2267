-- A SQL function whose body reads a table whose default calls the function: each needs the
-- other, so the function is made first with its body unchecked (check_function_bodies off),
-- as pg_dump does.
create table notes (id integer primary key, body text);
