create function new_code() returns text language sql as $$ select 'x' $$;
create table orders (id integer primary key, amount numeric not null, code text default new_code());
create function with_tax(amount numeric) returns numeric language sql as $$ select amount * 1.2 $$;
create function add_tax(amount integer) returns integer language sql as $$ select amount * 2 $$;
create procedure archive_orders(keep integer) language sql as $$ delete from orders where id > keep $$;
create function sum_state(numeric, numeric) returns numeric language sql as $$ select $1 + $2 $$;
create aggregate grand_total (numeric) (sfunc = sum_state, stype = numeric, initcond = '0');
create view taxed as select id, with_tax(amount) as gross from orders;
