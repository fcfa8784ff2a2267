-- A child has a column from two parents; one parent drops it: the child still has it from the
-- other, as a column it only inherits (a DROP that recurses takes one parent away from it;
-- ONLY would make it the child's own, which a child made with INHERITS does not have).
CREATE TABLE a (x integer, shared uuid);
CREATE TABLE b (y integer);
CREATE TABLE c () INHERITS (a, b);
