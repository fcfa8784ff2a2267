CREATE TABLE readings (id int, value int, unit text);
INSERT INTO readings SELECT g, g, 'c' FROM generate_series(1, 2000) g;
CREATE INDEX readings_value ON readings (value);
