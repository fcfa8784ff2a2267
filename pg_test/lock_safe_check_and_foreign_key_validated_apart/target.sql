CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE invoices (id int PRIMARY KEY, customer int REFERENCES customers, total numeric CHECK (total >= 0));
