CREATE DOMAIN money_amount AS numeric(14,4) CHECK (VALUE >= 0);
CREATE TABLE invoice (id integer PRIMARY KEY, total money_amount DEFAULT 0, lines money_amount[]);
CREATE VIEW big_invoices AS SELECT id, total FROM invoice WHERE total > 1000;
CREATE FUNCTION twice(a money_amount) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a * 2';
