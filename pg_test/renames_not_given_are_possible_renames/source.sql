-- a column and a table that look renamed (the same type, the same shape): without `renames`
-- nothing is renamed, and the drop and the create are each marked possible_rename
create table customers (id integer primary key, fullname text);
insert into customers values (1, 'Ada');
create table audit_log (id bigint, at timestamptz, note text);
