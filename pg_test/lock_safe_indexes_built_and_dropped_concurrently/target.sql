CREATE TABLE orders (id bigint, customer int, placed date, note text);
CREATE INDEX "orders by customer" ON orders (customer, placed DESC) WHERE customer IS NOT NULL;
CREATE MATERIALIZED VIEW order_days AS SELECT placed, count(*) AS n FROM orders GROUP BY placed;
CREATE UNIQUE INDEX order_days_placed ON order_days (placed);
CREATE TABLE refunds (id bigint, order_id bigint);
CREATE INDEX refunds_order ON refunds (order_id);
