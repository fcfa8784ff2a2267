SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

-- lock: ACCESS EXCLUSIVE on source.big; hazards: blocks_writes, blocks_reads, breaks_dependents
DROP VIEW "source"."big";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
DROP INDEX "source"."t_g";

-- lock: ACCESS EXCLUSIVE on source.t; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."t" DROP COLUMN "g";

-- hazards: breaks_dependents
DROP FUNCTION "source".twice(v integer);

CREATE FUNCTION "source"."twice"(w integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN (w * 2);

-- lock: ACCESS EXCLUSIVE on source.t; hazards: table_rewrite, blocks_writes, blocks_reads
ALTER TABLE "source"."t" ADD COLUMN "g" integer GENERATED ALWAYS AS (twice(a)) STORED;

-- lock: SHARE on source.t; hazards: index_build, blocks_writes
CREATE INDEX "t_g" ON "source"."t" USING "btree" (g);

CREATE VIEW "source"."big" AS
SELECT t.a
   FROM t
  WHERE (t.g > 10);
