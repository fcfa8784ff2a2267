CREATE COLLATION sorting (provider = icu, locale = 'en');
CREATE TABLE product (id integer PRIMARY KEY, code text COLLATE sorting, name text);
CREATE INDEX product_code ON product (code);
CREATE INDEX product_name ON product (name COLLATE sorting);
CREATE VIEW sorted AS SELECT code FROM product ORDER BY name COLLATE sorting;
INSERT INTO product VALUES (1, 'a10', 'x'), (2, 'a9', 'y');
