CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
CREATE TABLE invoices (id int PRIMARY KEY, customer int, total numeric);
INSERT INTO invoices SELECT g, g % 100 + 1, g FROM generate_series(1, 2000) g;
