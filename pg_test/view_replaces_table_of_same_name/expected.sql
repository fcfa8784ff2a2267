SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.q; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."q";

-- lock: ACCESS EXCLUSIVE on source.data; hazards: data_loss, blocks_writes, blocks_reads, possible_rename
DROP TABLE "source"."data";

-- hazards: possible_rename
CREATE TABLE "source"."t_data" (
    "id" integer,
    "name" text
);

CREATE VIEW "source"."data" AS
SELECT t_data.id,
    t_data.name
   FROM t_data;

CREATE VIEW "source"."q" AS
SELECT data.id,
    data.name
   FROM data;
