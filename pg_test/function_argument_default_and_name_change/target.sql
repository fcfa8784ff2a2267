create function greet(whom text) returns text language sql immutable return 'hello ' || whom;
create function pad(s text, n integer default 8) returns text language sql immutable return lpad(s, n);
create view greetings as select greet('x') as g, pad('y') as p;
