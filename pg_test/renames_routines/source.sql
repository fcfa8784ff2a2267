-- routines renamed: an overload picked by its arguments, a procedure, an aggregate, and
-- functions that a default and a view call (they follow the rename: they refer to it by OID)
create function make_code() returns text language sql as $$ select 'x' $$;
create table orders (id integer primary key, amount numeric not null, code text default make_code());
insert into orders values (1, 10.00, 'a'), (2, 20.50, 'b');
create function add_tax(amount numeric) returns numeric language sql as $$ select amount * 1.2 $$;
create function add_tax(amount integer) returns integer language sql as $$ select amount * 2 $$;
create procedure archive(keep integer) language sql as $$ delete from orders where id > keep $$;
create function sum_state(numeric, numeric) returns numeric language sql as $$ select $1 + $2 $$;
create aggregate total (numeric) (sfunc = sum_state, stype = numeric, initcond = '0');
create view taxed as select id, add_tax(amount) as gross from orders;
