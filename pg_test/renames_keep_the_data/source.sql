CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE invoice_numbers;
CREATE TABLE customers (id integer PRIMARY KEY, fullname text NOT NULL, feeling mood DEFAULT 'ok');
CREATE TABLE "Order Lines" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer integer REFERENCES customers (id),
  qty positive NOT NULL,
  invoice bigint DEFAULT nextval('invoice_numbers'),
  CONSTRAINT qty_small CHECK (qty < 1000)
);
CREATE INDEX order_lines_customer ON "Order Lines" (customer);
CREATE VIEW big_orders AS SELECT id, customer, qty FROM "Order Lines" WHERE qty > 10;
CREATE MATERIALIZED VIEW order_totals AS SELECT customer, sum(qty) AS total FROM "Order Lines" GROUP BY customer;
INSERT INTO customers VALUES (1, 'Ada', 'ok'), (2, 'Grace', 'happy');
INSERT INTO "Order Lines" (customer, qty) VALUES (1, 5), (1, 50), (2, 7);
REFRESH MATERIALIZED VIEW order_totals;
