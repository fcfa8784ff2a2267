-- A new child's own column with a statistics target and a storage of its own: CREATE TABLE
-- cannot say them, statements of their own after it do.
CREATE TABLE parent (a integer, b text);
