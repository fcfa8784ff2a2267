create table items (id integer, qty integer, status text);
create view open_items as select id, qty, status from items where status = 'open';
alter view open_items alter column qty set default 1;
