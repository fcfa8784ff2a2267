-- A new child's own column with a statistics target and a storage of its own: CREATE TABLE
-- cannot say them, statements of their own after it do.
CREATE TABLE parent (a integer, b text);
CREATE TABLE child (c integer, d text) INHERITS (parent);
ALTER TABLE child ALTER COLUMN c SET STATISTICS 100;
ALTER TABLE child ALTER COLUMN d SET STORAGE MAIN;
