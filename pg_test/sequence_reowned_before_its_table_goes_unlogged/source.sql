CREATE TABLE a (id bigserial PRIMARY KEY);
CREATE TABLE b (id bigint);
