CREATE COLLATION posix FROM "POSIX";
CREATE TABLE t (a text, b text COLLATE posix);
CREATE COLLATION numeric (provider = icu, locale = 'en-u-kn-true');
