CREATE TYPE feeling AS ENUM ('blue', 'ok', 'happy');
CREATE DOMAIN strictly_positive AS integer CHECK (VALUE > 0);
CREATE SEQUENCE invoice_seq;
CREATE TABLE clients (id integer PRIMARY KEY, name text NOT NULL, feeling feeling DEFAULT 'ok');
CREATE TABLE order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client integer REFERENCES clients (id),
  quantity strictly_positive NOT NULL,
  invoice bigint DEFAULT nextval('invoice_seq'),
  CONSTRAINT quantity_small CHECK (quantity < 1000)
);
CREATE INDEX order_lines_client ON order_lines (client);
CREATE VIEW large_orders AS SELECT id, client, quantity FROM order_lines WHERE quantity > 10;
CREATE MATERIALIZED VIEW client_totals AS SELECT client, sum(quantity) AS total FROM order_lines GROUP BY client;
