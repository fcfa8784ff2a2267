CREATE TABLE doc (id integer, body text, meta jsonb COMPRESSION pglz, extra text COMPRESSION pglz);
CREATE TABLE other (note text COMPRESSION pglz);
