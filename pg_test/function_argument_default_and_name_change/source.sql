create function greet(who text) returns text language sql immutable return 'hello ' || who;
create function pad(s text, n integer default 5) returns text language sql immutable return lpad(s, n);
create view greetings as select greet('x') as g, pad('y') as p;
