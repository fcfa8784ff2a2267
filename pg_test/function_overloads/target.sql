create function area(r double precision) returns double precision language sql immutable return 3.14159 * r * r;
create function area(w integer, h integer) returns integer language sql immutable return w * h;
create function area(w integer, h integer, d integer) returns integer language sql immutable return w * h * d;
