CREATE TYPE status AS ENUM ('pending', 'processing', 'complete');
CREATE TABLE orders (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'pending', note text);
CREATE INDEX orders_open ON orders (id) WHERE status <> 'complete';
CREATE INDEX orders_status ON orders (status);
CREATE VIEW open_orders AS SELECT id, status FROM orders WHERE status = 'pending';
