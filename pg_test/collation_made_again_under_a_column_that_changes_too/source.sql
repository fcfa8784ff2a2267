CREATE COLLATION sorting (provider = icu, locale = 'en');
CREATE TABLE t (id integer, a text COLLATE sorting, b text COLLATE sorting DEFAULT 'x', c text COLLATE sorting);
CREATE INDEX t_c ON t (c);
