CREATE TABLE doc (id integer, body text COMPRESSION pglz, note text COMPRESSION pglz);
