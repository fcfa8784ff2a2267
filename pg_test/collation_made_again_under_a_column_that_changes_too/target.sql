CREATE COLLATION sorting (provider = icu, locale = 'sv');
CREATE TABLE t (id integer, a text COMPRESSION pglz COLLATE sorting, b text COLLATE sorting NOT NULL DEFAULT 'y', c text COLLATE sorting);
CREATE INDEX t_c ON t (c);
