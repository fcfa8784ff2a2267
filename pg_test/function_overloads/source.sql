create function area(r double precision) returns double precision language sql immutable return pi() * r * r;
create function area(w integer, h integer) returns integer language sql immutable return w * h;
create function area(s text) returns text language sql immutable return s;
