CREATE SEQUENCE a_id_seq AS bigint;
CREATE UNLOGGED TABLE a (id bigint DEFAULT nextval('a_id_seq'::regclass) NOT NULL PRIMARY KEY);
CREATE TABLE b (id bigint);
ALTER SEQUENCE a_id_seq OWNED BY b.id;
