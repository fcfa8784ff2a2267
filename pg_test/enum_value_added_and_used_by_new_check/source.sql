CREATE TYPE status AS ENUM ('pending', 'complete');
CREATE TABLE orders (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'pending');
INSERT INTO orders VALUES (1, 'pending'), (2, 'complete');
