CREATE COLLATION sorting (provider = icu, locale = 'en-u-kn-true');
CREATE TABLE product (id integer PRIMARY KEY, code text COLLATE sorting, name text);
CREATE INDEX product_code ON product (code);
CREATE INDEX product_name ON product (name COLLATE sorting);
CREATE VIEW sorted AS SELECT code FROM product ORDER BY name COLLATE sorting;
