-- a quantity kept as text, with blanks and padding the cast refuses: the caller says how to read it
create table order_lines (id integer primary key, sku text not null, quantity text default '1');
create index order_lines_quantity on order_lines (quantity);
insert into order_lines values (1, 'a-1', '5'), (2, 'b-2', ' 12 '), (3, 'c-3', ''), (4, 'd-4', null);
