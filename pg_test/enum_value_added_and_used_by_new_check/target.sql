CREATE TYPE status AS ENUM ('pending', 'on hold', 'complete');
CREATE TABLE orders (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'pending',
  CONSTRAINT not_on_hold_forever CHECK (status <> 'on hold' OR id > 0));
