CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE old_range AS RANGE (subtype = integer);
CREATE TABLE reading (id integer PRIMARY KEY, span floatrange);
INSERT INTO reading VALUES (1, '[1.5,2.5)');
