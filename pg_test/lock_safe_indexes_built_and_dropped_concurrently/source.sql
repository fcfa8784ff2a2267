CREATE TABLE orders (id bigint, customer int, placed date, note text);
INSERT INTO orders SELECT g, g % 100, date '2024-01-01' + g % 365, 'n' || g FROM generate_series(1, 2000) g;
CREATE INDEX orders_note ON orders (note);
CREATE MATERIALIZED VIEW order_days AS SELECT placed, count(*) AS n FROM orders GROUP BY placed;
-- an index on a table the plan creates needs no concurrency: nobody uses it yet
