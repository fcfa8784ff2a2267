CREATE TABLE doc (id integer, body text COMPRESSION pglz, meta jsonb);
