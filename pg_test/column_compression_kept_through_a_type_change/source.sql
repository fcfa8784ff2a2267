CREATE TABLE doc (id integer, body varchar(100) COMPRESSION pglz, note text COMPRESSION pglz COLLATE "C");
