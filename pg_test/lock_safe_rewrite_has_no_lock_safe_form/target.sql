CREATE TABLE readings (id int, value bigint, unit text,
                       CONSTRAINT readings_no_overlap EXCLUDE USING btree (id WITH =));
CREATE INDEX readings_value ON readings (value);
