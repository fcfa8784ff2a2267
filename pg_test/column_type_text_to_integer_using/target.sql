create table order_lines (id integer primary key, sku text not null, quantity integer default 1 check (quantity > 0));
create index order_lines_quantity on order_lines (quantity);
