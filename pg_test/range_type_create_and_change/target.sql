CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE textrange AS RANGE (subtype = text, collation = "C", multirange_type_name = textranges);
CREATE TABLE reading (id integer PRIMARY KEY, span floatrange, names textrange);
