CREATE TYPE e AS ENUM ('b', 'a');
CREATE TABLE t (v e);
