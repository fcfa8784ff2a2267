CREATE TYPE status AS ENUM ('pending', 'complete');
CREATE TABLE orders (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'pending');
CREATE INDEX orders_status ON orders (status);
CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'pending';
INSERT INTO orders VALUES (1, 'pending'), (2, 'complete');
