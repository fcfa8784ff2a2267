CREATE TYPE size AS ENUM ('small', 'medium', 'large');
CREATE TABLE shirt (id integer PRIMARY KEY, size size, sizes size[] DEFAULT '{small}');
CREATE FUNCTION biggest(s size[]) RETURNS size LANGUAGE sql IMMUTABLE RETURN (SELECT max(x) FROM unnest(s) x);
